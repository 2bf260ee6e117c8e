"""Timeline, dashboard attention, calendar feeds, reminder settings: permissions and contents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from programme.choices import MilestoneStatus
from programme.notify import mute_token
from programme.services import calendar_token_reset
from tests.factories import MeetingFactory, MilestoneFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "secretariat", "reviewer", "focal_own", "focal_other", "advisory", "partner"]


@pytest.fixture
def objects(ghana, kenya, reviewer_user):
    today = timezone.localdate()
    return {
        "public": MilestoneFactory(title="Public milestone", is_public=True),
        "gha": MilestoneFactory(title="Ghana private milestone", country=ghana),
        "ken": MilestoneFactory(title="Kenya private milestone", country=kenya),
        "mine": MilestoneFactory(
            title="Reviewer own milestone",
            owners=[reviewer_user],
            due_on=today - dt.timedelta(days=3),
        ),
        "meeting": MeetingFactory(title="Public meeting", is_public=True),
        "meeting_private": MeetingFactory(title="Private meeting", is_public=False),
    }


# url -> expected status per role, in ROLES order (GET unless a method is given).
# 302 = sign in (or back to the settings page after a POST); 403 = a partner's browser.
PAGES = {
    ("GET", "programme:timeline"): [302, 200, 200, 200, 200, 200, 403],
    ("GET", "programme:milestone-list"): [302, 200, 200, 200, 200, 200, 403],
    ("GET", "programme:account-reminders"): [302, 200, 200, 200, 200, 200, 200],
    ("POST", "programme:account-reminders"): [302, 302, 302, 302, 302, 302, 302],
    ("GET", "programme:calendar-reset"): [302, 405, 405, 405, 405, 405, 405],
    ("POST", "programme:calendar-reset"): [302, 302, 302, 302, 302, 302, 302],
    ("GET", "programme:calendar-public"): [200, 200, 200, 200, 200, 200, 200],
}


@pytest.mark.parametrize(("page", "expected"), PAGES.items(), ids=lambda v: str(v))
def test_page_permissions(page, expected, role_clients, objects):
    method, name = page
    url = reverse(name)
    got = [getattr(role_clients[role], method.lower())(url).status_code for role in ROLES]
    assert got == expected


# What each role finds on the timeline: present and ABSENT rows.
VISIBLE = {
    "secretariat": {"public", "gha", "ken", "mine"},
    "reviewer": {"public", "mine"},
    "focal_own": {"public", "gha"},
    "focal_other": {"public", "ken"},
    "advisory": {"public"},
}


@pytest.mark.parametrize("role", VISIBLE)
def test_timeline_lists_only_what_each_role_may_see(role, role_clients, objects):
    page = role_clients[role].get(reverse("programme:timeline")).content.decode()
    for key in ("public", "gha", "ken", "mine"):
        assert (objects[key].title in page) == (key in VISIBLE[role]), key
    assert "Public meeting" in page
    # Meetings still being planned follow the meetings' own scoping: the advisory group guides
    # their planning, so it sees them with the secretariat.
    assert ("Private meeting" in page) == (role in {"secretariat", "advisory"})


def test_a_hidden_owner_is_not_a_filter_choice(role_clients, objects, reviewer_user):
    # The reviewer owns a private milestone; Ghana's focal point cannot see it, so filtering
    # by that owner answers like an unknown id (no rows, no count leak).
    url = reverse("programme:timeline")
    hidden = role_clients["focal_own"].get(url, {"owner": reviewer_user.pk})
    unknown = role_clients["focal_own"].get(url, {"owner": 999999})
    assert hidden.status_code == unknown.status_code == 200
    assert "Reviewer own milestone" not in hidden.content.decode()
    assert hidden.context["filter"].errors.keys() == unknown.context["filter"].errors.keys()
    mine = role_clients["secretariat"].get(url, {"owner": reviewer_user.pk}).content.decode()
    assert "Reviewer own milestone" in mine and "Public milestone" not in mine


def test_timeline_chart_marks_overdue_in_colour_and_pattern_and_filters(
    role_clients, objects, ghana
):
    client = role_clients["secretariat"]
    page = client.get(reverse("programme:timeline")).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "Today" in page and "<pattern" in page
    assert 'fill="url(#timeline-' in page  # the overdue milestone is hatched
    assert "Public meeting" in page  # meetings share the axis
    overdue = client.get(reverse("programme:timeline"), {"overdue": "true"})
    titles = [m.title for m in overdue.context["object_list"]]
    assert titles == ["Reviewer own milestone"]
    by_country = client.get(reverse("programme:timeline"), {"country": ghana.pk})
    assert [m.title for m in by_country.context["object_list"]] == ["Ghana private milestone"]
    by_status = client.get(reverse("programme:timeline"), {"status": "done"})
    assert list(by_status.context["object_list"]) == []
    assert by_status.context["meetings"] == []  # a milestone-only filter hides meetings


def test_dashboard_shows_overdue_and_due_soon_all_for_the_secretariat_theirs_for_others(
    role_clients, objects
):
    staff = role_clients["secretariat"].get(reverse("programme:dashboard")).context["attention"]
    assert staff["scope_all"]
    assert [m.title for m in staff["overdue"]] == ["Reviewer own milestone"]
    assert {m.title for m in staff["due_soon"]} == {
        "Public milestone",
        "Ghana private milestone",
        "Kenya private milestone",
    }
    mine = role_clients["reviewer"].get(reverse("programme:dashboard")).context["attention"]
    assert not mine["scope_all"]
    assert [m.title for m in mine["overdue"]] == ["Reviewer own milestone"]
    assert mine["due_soon"] == [] and mine["due_soon_count"] == 0
    focal = role_clients["focal_own"].get(reverse("programme:dashboard")).context["attention"]
    assert focal["overdue_count"] == 0 and focal["due_soon_count"] == 0


def _events(body: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(body)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_public_feed_is_valid_icalendar_with_public_items_only(client, objects):
    # The meeting was held in 2019: ask for a window reaching back that far.
    response = client.get(reverse("programme:calendar-public") + "?years_back=10")
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert set(events) == {"Public milestone", "Public meeting"}
    milestone = events["Public milestone"]
    assert milestone.decoded("DTSTART") == objects["public"].due_on
    assert milestone.decoded("DTEND") == objects["public"].due_on + dt.timedelta(days=1)
    assert events["Public meeting"].decoded("DTSTART") == objects["meeting"].start_date


def test_private_feed_at_a_secret_address_that_can_be_reset(client, objects, focal_point_user):
    old = calendar_token_reset(actor=focal_point_user)
    url = reverse("programme:calendar-private", args=[old]) + "?years_back=10"
    events = _events(client.get(url).content)
    assert set(events) == {"Public milestone", "Ghana private milestone", "Public meeting"}
    assert (
        client.get(reverse("programme:calendar-private", args=[old[:-1] + "x"])).status_code == 404
    )
    new = calendar_token_reset(actor=focal_point_user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("programme:calendar-private", args=[new])).status_code == 200
    # The private feed checks its window as the public one does.
    bad = reverse("programme:calendar-private", args=[new]) + "?years_ahead=-1"
    assert client.get(bad).status_code == 400


def test_account_page_shows_the_private_address_after_reset(focal_point_client):
    url = reverse("programme:account-reminders")
    assert "/calendar/" not in focal_point_client.get(url).context["calendar_url"]
    focal_point_client.post(reverse("programme:calendar-reset"))
    assert "/calendar/" in focal_point_client.get(url).context["calendar_url"]


def test_mute_link_works_for_every_role_and_signed_out(role_clients, secretariat_user):
    url = reverse("programme:reminder-mute", args=[mute_token(secretariat_user)])
    assert [role_clients[r].get(url).status_code for r in ROLES] == [200] * len(ROLES)


def test_timeline_queries_do_not_grow_with_rows(staff_client, reference_data, reviewer_user):
    staff_client.get(reverse("programme:timeline"))  # warm per-process caches

    def count(n):
        for i in range(n):
            MilestoneFactory(owners=[reviewer_user], status=MilestoneStatus.PLANNED)
            MeetingFactory(title=f"Meeting {n}-{i}")
        with CaptureQueriesContext(connection) as ctx:
            assert staff_client.get(reverse("programme:timeline")).status_code == 200
        return len(ctx)

    assert count(2) == count(12)


def test_milestone_api_queries_do_not_grow_with_owners(staff_client, reference_data, reviewer_user):
    from rest_framework.test import APIClient

    from tests.factories import UserFactory

    client = APIClient()
    client.force_authenticate(UserFactory(roles=["secretariat"]))
    client.get(reverse("api:milestone-list"))  # warm per-process caches (content types...)

    def count(n):
        for _ in range(n):
            MilestoneFactory(owners=[reviewer_user])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("api:milestone-list")).status_code == 200
        return len(ctx)

    assert count(2) == count(12)


def test_api_owner_filter_leaks_nothing_about_hidden_milestones(objects, reviewer_user):
    from rest_framework.test import APIClient

    from tests.factories import UserFactory

    partner = APIClient()
    partner.force_authenticate(UserFactory(roles=["partner"]))
    url = reverse("api:milestone-list")
    hidden = partner.get(url, {"owner": reviewer_user.pk})
    unknown = partner.get(url, {"owner": 999999})
    assert hidden.status_code == unknown.status_code == 400
    assert hidden.json() == unknown.json()
    rows = partner.get(url).json()["results"]
    assert [r["title"] for r in rows] == ["Public milestone"]  # private rows absent
    overdue = partner.get(url, {"overdue": "true"}).json()
    assert overdue["count"] == 0  # the reviewer's overdue milestone is not counted
