"""The work programme, the support landscape, peer learning, the timeline and the meeting
list at two sizes: the same number of queries for few rows as for many, pages that stay
bounded (the landscape's columns, the components' milestones, the timeline's meetings), and
cached copies kept per scope and language and dropped on a write."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from egm.models import MeetingHost, Theme
from pilots.choices import PilotStatus
from pilots.models import Country
from portal.workprogramme.selectors import COMPONENT_MILESTONES_SHOWN
from portal.workprogramme.services import pilot_support_record
from portal.workprogramme.views import LANDSCAPE_PILOTS_PER_PAGE
from programme.models import WorkProgrammeComponent
from roadmaps.choices import VersionStatus
from tests.factories import (
    MeetingFactory,
    MilestoneFactory,
    OrganisationFactory,
    PilotFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    finalised_assessment,
)
from tests.programme.test_cache_language import settle
from tests.querycount import counted

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # per-process caches (content types, translations) warmed
    queries, response = counted(lambda: client.get(url))
    assert response.status_code == 200, url
    assert queries > 0
    return queries


_made = {"countries": 0}


def _pilots(actor, n, *, scored=False):
    """n more pilot countries, each supported by two organisations (one shared), scored."""
    start = _made["countries"]
    _made["countries"] += n
    shared = OrganisationFactory(name=f"Shared donor {start}")
    pilots = []
    for country in Country.objects.order_by("pk")[start : start + n]:
        pilot = PilotFactory(country=country, status=PilotStatus.ACTIVE)
        for organisation in (shared, OrganisationFactory()):
            pilot_support_record(
                actor=actor, pilot=pilot, organisation=organisation,
                role="supporter", steps=[2, 3], goals=[9],
            )  # fmt: skip
        if scored:
            version = RoadmapVersionFactory(
                roadmap=RoadmapFactory(country=country), status=VersionStatus.PUBLISHED
            )
            finalised_assessment(version, dict.fromkeys(range(1, 11), 2))
        pilots.append(pilot)
    return pilots


@pytest.fixture(autouse=True)
def _fresh_countries():
    _made["countries"] = 0


def test_landscape_is_paged_by_pilots_with_flat_queries(
    staff_client, secretariat_user, reference_data
):
    url = reverse("workprogramme:landscape")
    _pilots(secretariat_user, 2)
    few = _queries(staff_client, url)
    _pilots(secretariat_user, LANDSCAPE_PILOTS_PER_PAGE + 5)
    assert _queries(staff_client, url) == few
    page = staff_client.get(url)
    shown = page.context["shown"]
    assert len(shown["pilots"]) == LANDSCAPE_PILOTS_PER_PAGE
    assert shown["paginator"].count == LANDSCAPE_PILOTS_PER_PAGE + 7
    # Gaps are counted over every pilot in view, listed for the page's.
    assert len(shown["landscape"].gaps) > len(shown["gaps"])
    second = staff_client.get(url + "?page=2").context["shown"]
    assert len(second["pilots"]) == 7
    assert not {p.pk for p in second["pilots"]} & {p.pk for p in shown["pilots"]}
    # Organisations supporting none of a page's pilots are not rows of it.
    for _org, cells in second["rows"]:
        assert any(cells)


def test_peer_learning_queries_do_not_grow(staff_client, secretariat_user, reference_data):
    own = _pilots(secretariat_user, 1, scored=True)[0]
    url = reverse("workprogramme:peer-learning", args=[own.pk])
    _pilots(secretariat_user, 2, scored=True)
    few = _queries(staff_client, url)
    _pilots(secretariat_user, 12, scored=True)
    assert _queries(staff_client, url) == few


def test_work_programme_lists_a_bounded_number_of_milestones(staff_client, reference_data):
    component, _ = WorkProgrammeComponent.objects.get_or_create(
        slug="peer-learning", defaults={"name": "Peer learning"}
    )
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            MilestoneFactory(
                component=component, is_public=True, due_on=today + dt.timedelta(days=i + 1)
            )

    add(2)
    url = reverse("workprogramme:overview")
    few = _queries(staff_client, url)
    add(COMPONENT_MILESTONES_SHOWN + 20)
    assert _queries(staff_client, url) == few
    shown = next(c for c in staff_client.get(url).context["components"] if c.pk == component.pk)
    assert len(shown.next_milestones) == COMPONENT_MILESTONES_SHOWN
    assert shown.milestones_total == COMPONENT_MILESTONES_SHOWN + 22
    assert [m.due_on for m in shown.next_milestones] == sorted(
        m.due_on for m in shown.next_milestones
    )


def test_meeting_list_queries_do_not_grow(staff_client, reference_data):
    theme = Theme.objects.create(name="Data")

    def add(n):
        for i in range(n):
            meeting = MeetingFactory(title=f"Meeting {n}-{i}", is_public=True)
            meeting.themes.add(theme)
            MeetingHost.objects.create(
                meeting=meeting, organisation=OrganisationFactory(), role="host"
            )

    add(2)
    url = reverse("egm:meeting-list")
    few = _queries(staff_client, url)
    add(60)  # more than a page
    assert _queries(staff_client, url) == few


def test_timeline_draws_the_meetings_of_its_page_period_only(staff_client, reference_data):
    today = timezone.localdate()
    for i in range(120):  # three pages of milestones, one every ten days
        MilestoneFactory(title=f"M{i:03}", is_public=True, due_on=today + dt.timedelta(days=10 * i))
    for i in range(12):  # a meeting every hundred days
        day = today + dt.timedelta(days=100 * i + 5)
        MeetingFactory(title=f"Meeting {i}", is_public=True, start_date=day, end_date=day)
    url = reverse("programme:timeline")
    pages = [staff_client.get(f"{url}?page={n}").context["timeline"]["meetings"] for n in (1, 2, 3)]
    titles = [{m.title for m in page} for page in pages]
    # Each meeting on exactly one page (none lost, none repeated): pages split the period.
    assert sorted(t for page in titles for t in page) == sorted(f"Meeting {i}" for i in range(12))
    assert all(len(page) < 12 for page in titles)
    few = _queries(staff_client, url + "?page=2")
    for i in range(60):
        MeetingFactory(
            title=f"More {i}", is_public=True,
            start_date=today + dt.timedelta(days=600 + i),
            end_date=today + dt.timedelta(days=600 + i),
        )  # fmt: skip
    assert _queries(staff_client, url + "?page=2") == few


@pytest.mark.parametrize(
    "url",
    ["/work-programme/", "/work-programme/landscape/", "/meetings/", "/timeline/"],
)
def test_cached_copies_follow_scope_language_and_writes(
    url, staff_client, focal_point_client, secretariat_user, reference_data
):
    pilot = _pilots(secretariat_user, 1)[0]
    MeetingFactory(title="Planning meeting, not public", is_public=False)
    WorkProgrammeComponent.objects.get_or_create(
        slug="joint-support-for-pilot-countries", defaults={"name": "Joint support"}
    )
    settle()
    english = staff_client.get(url).content.decode()
    cached, again = counted(lambda: staff_client.get(url).content.decode())
    computed = _queries_without_cache(staff_client, url)
    assert cached < computed, (cached, computed)  # the cached part was not read again
    # The same page (the CSRF token of the header's forms is masked afresh each time).
    assert _unmasked(again) == _unmasked(english)
    # Another scope never gets the secretariat's copy.
    if url == "/meetings/":
        assert "Planning meeting, not public" in english
        assert "Planning meeting, not public" not in focal_point_client.get(url).content.decode()
    # Another language never gets the English copy.
    staff_client.post(reverse("programme:language-set"), {"language": "fr", "next": "/"})
    french = staff_client.get(url).content.decode()
    assert 'lang="fr"' in french and french != english
    staff_client.post(reverse("programme:language-set"), {"language": "en", "next": "/"})
    # A write shows on the next read.
    if url == "/meetings/":
        MeetingFactory(title="Added after caching", is_public=True)
        marker = "Added after caching"
    elif url == "/timeline/":
        MilestoneFactory(title="Added after caching", is_public=True, due_on=dt.date(2000, 1, 1))
        marker = "Added after caching"
    else:
        other = OrganisationFactory(name="Donor added after caching")
        pilot_support_record(
            actor=secretariat_user, pilot=pilot, organisation=other, role="supporter", steps=[1]
        )
        marker = "3 organisations supporting" if url == "/work-programme/" else str(other)
    settle()
    assert marker in staff_client.get(url).content.decode()


def _unmasked(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def _queries_without_cache(client, url) -> int:
    cache.clear()
    queries, _response = counted(lambda: client.get(url))
    settle()
    client.get(url)  # stored again for what follows
    return queries
