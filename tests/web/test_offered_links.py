"""Every link a main page offers opens for the person it is offered to: as each demo role,
open the main pages of a small but realistic programme, follow every link they show (one level
deep) and expect no 403 or 404. A link to a page its reader may not open is a defect of the
page that offers it (it must ask the target page's rule), whatever the target answers."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from egm.choices import ParticipantCategory
from pilots.choices import PilotStatus
from programme.choices import MilestoneKind
from roadmaps.choices import VersionStatus
from roadmaps.models import VersionTransition
from tests.factories import (
    ChapterFactory,
    GuidebookEditionFactory,
    InvitationFactory,
    MeetingFactory,
    MilestoneFactory,
    ParticipantFactory,
    PilotFactory,
    ReviewAssignmentFactory,
    RoadmapVersionFactory,
    action_item,
    country,
    finalised_assessment,
    national_roadmap,
)
from tests.matrix import World, shared_world

pytestmark = pytest.mark.django_db

ROLES = ("secretariat", "reviewer", "focal_own", "focal_other", "advisory", "partner")
# Not pages of the site (or not for a GET crawl): sign-out, the admin, the API, files.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/accounts/logout", "/i18n/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        href = dict(attrs).get("href") or ""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            return  # another site, mailto:, an anchor on the same page
        if parts.path.startswith(SKIPPED_PREFIXES):
            return
        self.hrefs.add(parts.path + (f"?{parts.query}" if parts.query else ""))


def build_programme(world: World) -> dict:
    """Ghana (active, with drafts, a review, a finalised published scorecard and comments),
    Kenya (active, published), an interested pilot, a public and a private meeting with
    participants and action items, a Guidebook with a published and a drafting edition; the
    reviewer is assigned Ghana's submitted version, the advisory member invited to a chapter."""
    from pilots.models import Country

    ghana, kenya = country("GHA"), country("KEN")
    reviewer_user = world.users["reviewer"]
    focal_point_user = world.users["focal_own"]
    advisory_user = world.users["advisory"]
    ghana_pilot = PilotFactory(country=ghana)
    kenya_pilot = PilotFactory(country=kenya)
    interested = PilotFactory(
        country=Country.objects.get(iso3="SRB"), status=PilotStatus.INTERESTED
    )
    own, other = national_roadmap(ghana), national_roadmap(kenya)
    published_own = RoadmapVersionFactory(roadmap=own, number=1, status=VersionStatus.PUBLISHED)
    accepted_own = RoadmapVersionFactory(roadmap=own, number=2, status=VersionStatus.ACCEPTED)
    submitted_own = RoadmapVersionFactory(roadmap=own, number=3, status=VersionStatus.SUBMITTED)
    published_other = RoadmapVersionFactory(roadmap=other, number=1, status=VersionStatus.PUBLISHED)
    RoadmapVersionFactory(roadmap=other, number=2)
    for version in (published_own, published_other):
        finalised_assessment(version, dict.fromkeys(range(1, 11), 3))
    finalised_assessment(accepted_own, dict.fromkeys(range(1, 11), 2))
    VersionTransition.objects.create(
        version=published_own, from_status="accepted", to_status="published",
        comment="Published in audit.",
    )  # fmt: skip
    ReviewAssignmentFactory(
        version=submitted_own,
        reviewer=reviewer_user,
        milestone=MilestoneFactory(kind=MilestoneKind.REVIEW, country=ghana),
    )
    today = dt.date.today()
    public = MeetingFactory(is_public=True, title="Open EGM", start_date=today, end_date=today)
    private = MeetingFactory(is_public=False, title="Planning retreat")
    for meeting in (public, private):
        ParticipantFactory(meeting=meeting, category=ParticipantCategory.IATT_MEMBER)
    action_item(public, owner=focal_point_user, title="Share the draft")
    action_item(private, owner=reviewer_user, title="Prepare the brief")
    published = GuidebookEditionFactory(status="published", label="2021")
    drafting = GuidebookEditionFactory(status="drafting", label="Draft 2026")
    ChapterFactory(edition=published)
    invited = ChapterFactory(edition=drafting)
    InvitationFactory(chapter=invited, user=advisory_user)
    MilestoneFactory(is_public=True, title="Programme review")
    return {
        "pilots": [ghana_pilot, kenya_pilot, interested],
        "roadmaps": [own, other],
        "versions": [published_own, accepted_own, submitted_own, published_other],
        "meetings": [public, private],
        "editions": [published, drafting],
        "chapters": [invited, *published.chapters.all()],
    }


@pytest.fixture(scope="module")
def programme_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The programme and the role users, built once for the module (tests/matrix.py): the
    crawls only read, and each runs in a savepoint on them."""
    media = tmp_path_factory.mktemp("offered-links-media")
    with shared_world(django_db_blocker, media, build_programme) as world:
        yield world


@pytest.fixture
def programme_as(programme_world, db, settings):
    """The shared programme, for one test: its objects, and a client per role."""
    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT = programme_world.media_root
    return programme_world


def _main_pages(objects) -> list[str]:
    pages = [
        reverse("programme:dashboard"),
        reverse("pilots:pilot-list"),
        reverse("roadmaps:roadmap-list"),
        reverse("egm:meeting-list"),
        reverse("guidebook:edition-list"),
        reverse("programme:milestone-list"),
        reverse("programme:timeline"),
    ]
    pages += [reverse("pilots:pilot-detail", args=[p.pk]) for p in objects["pilots"]]
    pages += [reverse("roadmaps:roadmap-detail", args=[r.pk]) for r in objects["roadmaps"]]
    for version in objects["versions"]:
        pages.append(reverse("roadmaps:version-detail", args=[version.pk]))
        pages.append(reverse("roadmaps:version-scorecard", args=[version.pk]))
    pages += [reverse("egm:meeting-detail", args=[m.pk]) for m in objects["meetings"]]
    pages += [reverse("guidebook:edition-detail", args=[e.pk]) for e in objects["editions"]]
    pages += [reverse("guidebook:chapter-detail", args=[c.pk]) for c in objects["chapters"]]
    return pages


# One test per role: the crawl is long, and one test of them all would keep one worker busy
# alone at the end of a parallel run.
@pytest.mark.slow  # follows every link each role is offered
@pytest.mark.parametrize("role", ROLES)
def test_no_offered_link_answers_403_or_404(role, programme_as):
    broken: list[tuple[str, str, str, int]] = []
    pages = _main_pages(programme_as.objects)
    client = programme_as.client(role)
    seen: dict[str, int] = {}
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            continue  # a page this role may not open offers it nothing
        parser = _Links()
        parser.feed(response.content.decode())
        for href in sorted(parser.hrefs):
            if href not in seen:
                seen[href] = client.get(href).status_code
            if seen[href] in (403, 404):
                broken.append((role, page, href, seen[href]))
    assert broken == [], "\n".join(f"{r}: {p} offers {h} ({s})" for r, p, h, s in broken)


# Queries the shared programme may take to build (once per module). Raise this knowingly, with
# the records a new main page needs to show its links. 327 measured.
PROGRAMME_QUERY_BUDGET = 400


def test_the_shared_programme_stays_within_its_query_budget(programme_as):
    assert 0 < programme_as.queries <= PROGRAMME_QUERY_BUDGET, (
        f"building the crawled programme took {programme_as.queries} queries "
        f"(budget {PROGRAMME_QUERY_BUDGET}): make it with fewer, or raise the budget knowingly"
    )
