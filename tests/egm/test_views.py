"""Meeting pages: what comments and status changes leave behind, personal data, the import
flow, the calendar file and constant query counts (who may open each page: tests/web)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from egm.models import MeetingHost, MeetingSeries, Outcome, Participant, PlanningComment, Theme
from egm.models import RegionalTrack as Track
from tests.factories import (
    AgendaSessionFactory,
    MeetingFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    action_item,
    meeting_document,
)
from tests.matrix import ROLES
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(ghana, advisory_user):
    public = MeetingFactory(title="Public EGM", is_public=True)
    planning = MeetingFactory(title="EGM being planned", is_public=False)
    participant = ParticipantFactory(meeting=public, email="secret@example.org")
    session = AgendaSessionFactory(meeting=public)
    document = meeting_document(public).document
    return {
        "public": public,
        "planning": planning,
        "participant": participant,
        "session": session,
        "document": document,
        "file_version": meeting_document(public, pdf=True),
        "action": action_item(public, owner=advisory_user),
        "track": Track.objects.create(name="Asia regional track", slug="asia-track"),
    }


# Which role may open which meeting page, and act on it, is asked of every role in the web
# permission table (tests/web/routes_egm.py); this file keeps what the pages do.


def test_comments_and_status_changes_only_land_for_allowed_roles(role_clients, meetings):
    planning, action = meetings["planning"], meetings["action"]
    for role in ROLES:
        role_clients[role].post(reverse("egm:comment-create", args=[planning.pk]), {"body": role})
    authors = set(PlanningComment.objects.values_list("body", flat=True))
    assert authors == {"secretariat", "advisory"}
    role_clients["reviewer"].post(
        reverse("egm:action-status", args=[action.pk]), {"status": "done"}
    )
    action.refresh_from_db()
    assert action.status == "open"
    # The advisory-group member owns this action item and reports on it.
    role_clients["advisory"].post(
        reverse("egm:action-status", args=[action.pk]), {"status": "done"}
    )
    action.refresh_from_db()
    assert action.status == "done"


def test_meeting_list_shows_rows_in_scope_only(role_clients, meetings):
    url = reverse("egm:meeting-list")
    for role, sees_planning in [
        ("secretariat", True),
        ("advisory", True),
        ("reviewer", False),
        ("focal_own", False),
    ]:
        page = role_clients[role].get(url).content.decode()
        assert "Public EGM" in page
        assert ("EGM being planned" in page) is sees_planning, role


# --- Personal data -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["reviewer", "focal_own", "advisory"])
def test_only_the_secretariat_sees_participants_contacts_on_pages(role, role_clients, meetings):
    meeting = meetings["public"]
    detail = reverse("egm:meeting-detail", args=[meeting.pk])
    page = role_clients[role].get(detail).content.decode()
    # Others read counts by category, not names (egm.rules.participant_names_visible).
    assert meetings["participant"].full_name not in page
    assert "secret@example.org" not in page and "555 0100" not in page
    # The export lists the same rows as the page: nobody who has not chosen to be listed.
    export = role_clients[role].get(
        reverse("egm:participant-export", args=[meeting.pk]) + "?format=csv"
    )
    assert export.status_code == 200
    assert meetings["participant"].full_name not in export.content.decode()
    staff = role_clients["secretariat"]
    assert "secret@example.org" in staff.get(detail).content.decode()
    staff_export = staff.get(reverse("egm:participant-export", args=[meeting.pk]) + "?format=csv")
    assert "secret@example.org" in staff_export.content.decode()


def test_xlsx_attendance_export(role_clients, meetings):
    import io

    import openpyxl

    url = reverse("egm:participant-export", args=[meetings["public"].pk]) + "?format=xlsx"
    response = role_clients["secretariat"].get(url)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.values)
    assert rows[0][:6] == ("name", "organisation", "country", "level", "category", "status")
    assert rows[1][0] == meetings["participant"].full_name
    assert role_clients["secretariat"].get(url.replace("xlsx", "pdf")).status_code == 400


def test_api_never_shows_an_email_to_a_partner_or_adviser(
    partner_user, advisory_client, staff_client, meetings
):
    from tests.api.conftest import token_client
    from tests.factories import api_token_for

    partner_api_client = token_client(api_token_for(partner_user)[1])
    staff_api_client = staff_client
    url = "/api/v1/meeting-participants/"
    for client in (partner_api_client, advisory_client):
        # No rows at all (names are the secretariat's only), so no contact either.
        assert client.get(url).json()["results"] == []
        assert client.get(f"{url}{meetings['participant'].pk}/").status_code == 404
        assert client.get(url, {"search": "secret@example.org"}).json()["count"] == 0
        export = client.get(f"{url}export/", {"format": "csv"})
        assert b"secret@example.org" not in b"".join(export.streaming_content)
    staff_rows = staff_api_client.get(url).json()["results"]
    assert staff_rows[0]["email"] == "secret@example.org"


# --- Secretariat forms and the import flow ---------------------------------------------------


def test_create_a_meeting_with_hosts_and_a_bad_date_range(staff_client, reference_data):
    org = OrganisationFactory(acronym="G-STIC")
    theme = Theme.objects.create(name="Fragmented support", slug="fragmented")
    base = {
        "kind": "egm",
        "title": "3rd EGM",
        "status": "confirmed",
        "start_date": "2018-11-29",
        "end_date": "2018-11-27",
        "themes": [theme.pk],
        "is_public": "on",
        "hosts-TOTAL_FORMS": "1",
        "hosts-INITIAL_FORMS": "0",
        "hosts-0-organisation": org.pk,
        "hosts-0-role": "co_host",
    }
    response = staff_client.post(reverse("egm:meeting-create"), base)
    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()
    assert not MeetingHost.objects.exists()
    response = staff_client.post(
        reverse("egm:meeting-create"),
        {**base, "start_date": "2018-11-27", "end_date": "2018-11-29"},
    )
    assert response.status_code == 302
    link = MeetingHost.objects.get()
    assert (link.organisation, link.role, link.meeting.themes.get()) == (org, "co_host", theme)


def test_a_session_outside_the_dates_is_shown_as_a_form_error(staff_client, meetings):
    url = reverse("egm:session-create", args=[meetings["public"].pk])
    response = staff_client.post(
        url, {"title": "Late", "day": "2019-06-01", "start_time": "09:00", "end_time": "10:00"}
    )
    assert response.status_code == 400
    assert "within the meeting" in response.content.decode()


def test_an_action_item_without_owner_is_a_form_error(staff_client, meetings):
    url = reverse("egm:action-create", args=[meetings["public"].pk])
    response = staff_client.post(url, {"title": "Draft", "due_on": "2030-01-01"})
    assert response.status_code == 400
    assert "needs an owner" in response.content.decode()


def test_import_preview_then_good_rows(staff_client, meetings, reference_data):
    meeting = MeetingFactory(upcoming=True)
    url = reverse("egm:participant-import", args=[meeting.pk])
    csv = b"name,level,email\nNew Person,expert,new@example.org\nBroken,guru,\n"
    response = staff_client.post(url, {"file": SimpleUploadedFile("l.csv", csv, "text/csv")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Import the 1 good row" in page and "guru" in page
    assert not meeting.participants.filter(full_name="New Person").exists()
    response = staff_client.post(url, {"choice": "good_rows"})
    assert response.status_code == 302
    assert meeting.participants.filter(full_name="New Person").exists()
    assert not meeting.participants.filter(full_name="Broken").exists()


def test_import_nothing_and_a_wrong_format(staff_client, meetings):
    meeting = meetings["public"]
    url = reverse("egm:participant-import", args=[meeting.pk])
    csv = b"name,level\nNew Person,expert\n"
    staff_client.post(url, {"file": SimpleUploadedFile("l.csv", csv, "text/csv")})
    staff_client.post(url, {"choice": "cancel"})
    assert not meeting.participants.filter(full_name="New Person").exists()
    pdf = SimpleUploadedFile("l.pdf", b"%PDF-1.4 binary \x00\x01", "application/pdf")
    response = staff_client.post(url, {"file": pdf})
    assert response.status_code == 400
    assert "CSV" in response.content.decode()
    assert Participant.objects.filter(meeting=meeting).count() == 1


def test_calendar_file(role_clients, meetings):
    from icalendar import Calendar

    response = role_clients["reviewer"].get(
        reverse("egm:meeting-ical", args=[meetings["public"].pk])
    )
    assert response["Content-Type"] == "text/calendar"
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Public EGM"
    assert event.decoded("dtstart") == dt.date(2019, 5, 14)
    assert event.decoded("dtend") == dt.date(2019, 5, 16)  # exclusive end


def test_meeting_page_shows_carried_over_actions(role_clients, advisory_user):
    series = MeetingSeries.objects.create(name="EGMs", slug="egms")
    first = MeetingFactory(
        series=series, start_date=dt.date(2018, 3, 26), end_date=dt.date(2018, 3, 27)
    )
    second = MeetingFactory(
        series=series, start_date=dt.date(2018, 5, 8), end_date=dt.date(2018, 5, 9)
    )
    action_item(first, title="Prepare the Guidebook ToR", owner=advisory_user)
    page = role_clients["reviewer"].get(reverse("egm:meeting-detail", args=[second.pk]))
    assert "carried over" in page.content.decode()
    assert "Prepare the Guidebook ToR" in page.content.decode()


def test_outcome_markdown_is_rendered_safely(role_clients, meetings):
    Outcome.objects.create(
        meeting=meetings["public"], title="Agreed", description="**Yes** <script>alert(1)</script>"
    )
    page = (
        role_clients["reviewer"]
        .get(reverse("egm:meeting-detail", args=[meetings["public"].pk]))
        .content.decode()
    )
    assert "<strong>Yes</strong>" in page and "<script>alert(1)" not in page


# --- Query counts ---------------------------------------------------------------------------


def _rich_meeting(n: int, series, start: dt.date):
    meeting = MeetingFactory(series=series, start_date=start, end_date=start + dt.timedelta(days=1))
    theme = Theme.objects.get_or_create(name="Theme", slug="theme")[0]
    meeting.themes.add(theme)
    for i in range(n):
        MeetingHost.objects.create(meeting=meeting, organisation=OrganisationFactory(), role="host")
        ParticipantFactory(meeting=meeting)
        AgendaSessionFactory(meeting=meeting, title=f"S{i}")
        meeting_document(meeting)
        Outcome.objects.create(meeting=meeting, title=f"O{i}")
        action_item(meeting, title=f"A{i}")
        PlanningComment.objects.create(meeting=meeting, author=UserFactory(), body="c")
    return meeting


def _queries(client, url) -> int:
    with queries_counted() as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["secretariat", "advisory", "reviewer"])
def test_meeting_page_queries_do_not_grow_with_rows(role, role_clients, reference_data):
    client = role_clients[role]
    small_series = MeetingSeries.objects.create(name="A", slug="a")
    big_series = MeetingSeries.objects.create(name="B", slug="b")
    _rich_meeting(1, small_series, dt.date(2018, 1, 1))
    small = _rich_meeting(1, small_series, dt.date(2018, 6, 1))
    for k in range(3):
        _rich_meeting(4, big_series, dt.date(2018, 1, 1 + k))
    big = _rich_meeting(6, big_series, dt.date(2018, 6, 1))
    few = _queries(client, reverse("egm:meeting-detail", args=[small.pk]))
    many = _queries(client, reverse("egm:meeting-detail", args=[big.pk]))
    assert few == many


@pytest.mark.parametrize("role", ["secretariat", "advisory"])
def test_meeting_list_queries_do_not_grow_with_rows(role, role_clients):
    client = role_clients[role]
    series = MeetingSeries.objects.create(name="A", slug="a")
    for k in range(2):
        _rich_meeting(1, series, dt.date(2018, 1, 1 + k))
    few = _queries(client, reverse("egm:meeting-list"))
    for k in range(8):
        _rich_meeting(3, series, dt.date(2019, 1, 1 + k))
    many = _queries(client, reverse("egm:meeting-list"))
    assert few == many


def test_participant_management_queries_do_not_grow(staff_client):
    meeting = MeetingFactory()
    ParticipantFactory.create_batch(2, meeting=meeting)
    url = reverse("egm:participant-list", args=[meeting.pk])
    few = _queries(staff_client, url)
    ParticipantFactory.create_batch(10, meeting=meeting, organisation=OrganisationFactory())
    assert _queries(staff_client, url) == few


def test_filters_by_kind_year_region_host_and_theme(staff_client, reference_data):
    from pilots.models import Country

    thailand = Country.objects.get(iso3="THA")
    host = OrganisationFactory(acronym="JRC")
    theme = Theme.objects.create(name="Donor strategies", slug="donors")
    asia = MeetingFactory(
        title="Bangkok EGM",
        kind="egm",
        sequence=4,
        country=thailand,
        start_date=dt.date(2019, 2, 7),
        end_date=dt.date(2019, 2, 8),
    )
    brussels = MeetingFactory(
        title="Brussels EGM",
        kind="egm",
        sequence=3,
        start_date=dt.date(2018, 11, 27),
        end_date=dt.date(2018, 11, 29),
    )
    MeetingHost.objects.create(meeting=brussels, organisation=host, role="co_host")
    MeetingHost.objects.create(meeting=brussels, organisation=OrganisationFactory(), role="co_host")
    brussels.themes.add(theme)
    MeetingFactory(title="Forum fringe 2019", kind="side_event")
    url = reverse("egm:meeting-list")

    def titles(**params):
        page = staff_client.get(url, params).content.decode()
        return {t for t in ("Bangkok EGM", "Brussels EGM", "Forum fringe 2019") if t in page}

    assert titles(kind="egm") == {"Bangkok EGM", "Brussels EGM"}
    assert titles(year=2018) == {"Brussels EGM"}
    assert titles(region=thailand.region_id) == {"Bangkok EGM"}
    assert titles(host=host.pk) == {"Brussels EGM"}
    assert titles(theme=theme.pk) == {"Brussels EGM"}
    assert titles(when="past") == {"Bangkok EGM", "Brussels EGM", "Forum fringe 2019"}
    assert titles(when="upcoming") == set()
    api = staff_client.get("/api/v1/meetings/", {"host": host.pk}).json()
    assert [m["title"] for m in api["results"]] == ["Brussels EGM"]
    assert asia.pk != brussels.pk
