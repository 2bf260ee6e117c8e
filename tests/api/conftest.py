"""Fixtures for API tests: a client per role (partners and staff by token, others by session),
objects on both sides of every scope line, and write payloads."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from guidebook.choices import EditionStatus
from pilots.choices import PilotStatus
from pilots.models import Country, Region
from roadmaps.choices import VersionStatus
from roadmaps.models import Assessment, Criterion, Goal, Rubric, Target
from tests.factories import (
    MINIMAL_PDF,
    AdvisoryGroupMembershipFactory,
    ChapterFactory,
    GuidebookEditionFactory,
    MeetingFactory,
    MilestoneFactory,
    OrganisationFactory,
    PilotFactory,
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    api_token_for,
    current_rubric,
    finalised_assessment,
)

ROLES = [
    "anonymous",
    "partner",
    "focal_own",
    "focal_other",
    "reviewer",
    "advisory",
    "secretariat",
    "secretariat_token",
]


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    # Tests make many calls a minute; the limits themselves are tested with low rates.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"burst": "100000/min", "sustained": "100000/hour"},
    }
    yield
    cache.clear()


def token_client(key: str) -> Client:
    return Client(headers={"authorization": f"Token {key}"})


@pytest.fixture
def partner_token(partner_user):
    return api_token_for(partner_user)


@pytest.fixture
def partner_api_client(partner_token):
    return token_client(partner_token[1])


@pytest.fixture
def staff_api_client(secretariat_user):
    return token_client(api_token_for(secretariat_user)[1])


@pytest.fixture
def api_clients(
    client,
    partner_api_client,
    focal_point_client,
    other_focal_point_client,
    reviewer_client,
    advisory_client,
    staff_client,
    staff_api_client,
):
    """Every role's API client by name, in the permission table's order."""
    return dict(
        zip(
            ROLES,
            [
                client,
                partner_api_client,
                focal_point_client,
                other_focal_point_client,
                reviewer_client,
                advisory_client,
                staff_client,
                staff_api_client,
            ],
            strict=True,
        )
    )


@pytest.fixture
def api_objects(ghana, kenya, reviewer_user):
    """One object per scope case: public, own country (Ghana), other country, staff only. The
    reviewer column's user is really assigned to Ghana's version under review."""
    roadmap_published = RoadmapFactory(country=kenya)
    version_published = RoadmapVersionFactory(
        roadmap=roadmap_published, status=VersionStatus.PUBLISHED
    )
    roadmap_draft_own = RoadmapFactory(country=ghana)
    version_draft_own = RoadmapVersionFactory(roadmap=roadmap_draft_own)
    edition_public = GuidebookEditionFactory(status=EditionStatus.CONSULTATION)
    version_returned_own = RoadmapVersionFactory(
        roadmap=roadmap_draft_own, status=VersionStatus.RETURNED
    )
    version_under_review_own = RoadmapVersionFactory(
        roadmap=roadmap_draft_own, status=VersionStatus.UNDER_REVIEW
    )
    scores = dict.fromkeys(range(1, 11), 2)
    assessment_open_own = Assessment.objects.create(
        version=version_under_review_own, rubric=current_rubric()
    )
    ReviewAssignmentFactory(version=version_under_review_own, reviewer=reviewer_user)
    return {
        # Callables make a fresh object for every call, for routes that change state.
        # A draft on a roadmap of its own: one draft per roadmap is with the secretariat at a
        # time, so each submission needs a roadmap with nothing pending.
        "new_draft_own": lambda: RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana)),
        "new_pilot": lambda: PilotFactory(
            country=Country.objects.filter(pilot__isnull=True).order_by("pk").first(),
            status=PilotStatus.ACCEPTED,
        ),
        "assessment_published": finalised_assessment(version_published, scores),
        "assessment_returned_own": finalised_assessment(version_returned_own, scores),
        "assessment_open_own": assessment_open_own,
        "version_assigned": version_under_review_own,
        "organisation": OrganisationFactory(),
        "milestone_public": MilestoneFactory(is_public=True),
        "milestone_own": MilestoneFactory(is_public=False, country=ghana),
        "region": Region.objects.filter(parent__isnull=True).first(),
        "country": ghana,
        "pilot": PilotFactory(country=ghana),
        "goal": Goal.objects.get(number=9),
        "target": Target.objects.get(code="9.5"),
        "rubric": Rubric.objects.get(version=1),
        "criterion": Criterion.objects.filter(rubric__version=1, number=1).get(),
        "roadmap_published": roadmap_published,
        "roadmap_draft_own": roadmap_draft_own,
        "version_published": version_published,
        "version_draft_own": version_draft_own,
        "meeting_public": MeetingFactory(is_public=True),
        "meeting_private": MeetingFactory(is_public=False),
        "advisory_membership": AdvisoryGroupMembershipFactory(),
        "edition": edition_public,
        "chapter_public": ChapterFactory(edition=edition_public),
        "chapter_private": ChapterFactory(
            edition=GuidebookEditionFactory(status=EditionStatus.DRAFTING)
        ),
    }


_unique = itertools.count(1)

# A valid body for creating (POST, PUT) or changing (PATCH) each writable resource; every call
# gives fresh unique names.
PAYLOADS = {
    "organisation": lambda n: {"name": f"Institute {n}", "slug": f"inst-{n}", "kind": "research"},
    "milestone": lambda n: {"title": f"Report {n}", "kind": "programme", "due_on": "2030-06-30"},
    "meeting": lambda n: {
        "kind": "supplementary",
        "title": f"Workshop {n}",
        "status": "planned",
        "start_date": "2030-03-02",
        "end_date": "2030-03-03",
    },
}
PATCHES = {
    "organisation": lambda n: {"name": f"Renamed institute {n}"},
    "milestone": lambda n: {"title": f"Renamed report {n}"},
    "meeting": lambda n: {"title": f"Renamed workshop {n}"},
}


# Bodies of the routes that are actions rather than a resource's create or change, by route name
# (each maker gets the objects, for ids). Uploads are multipart.
ACTION_PAYLOADS = {
    "api:roadmap-version-list": lambda n, objects: {
        "roadmap": objects["roadmap_draft_own"].pk,
        "file": SimpleUploadedFile(f"draft-{n}.pdf", MINIMAL_PDF, "application/pdf"),
        "change_summary": f"Draft {n}",
    },
    "api:roadmap-version-transition": lambda n, objects: {"to_status": "submitted"},
    "api:pilot-transition": lambda n, objects: {"to_status": "active", "reason": f"Move {n}"},
}
MULTIPART = frozenset({("api:roadmap-version-list", "POST")})


def payload_for(name: str, method: str, objects: dict | None = None) -> dict | None:
    """A fresh valid body for calling route `name` with `method` (None if it takes none)."""
    if method == "POST" and name in ACTION_PAYLOADS:
        return ACTION_PAYLOADS[name](next(_unique), objects or {})
    basename = name.removeprefix("api:").rsplit("-", 1)[0]
    table = PATCHES if method == "PATCH" else PAYLOADS
    maker = table.get(basename)
    return maker(next(_unique)) if maker else None
