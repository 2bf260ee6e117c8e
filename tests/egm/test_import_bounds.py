"""A participant import is bounded before and while the file is read: hostile workbooks built
in memory are refused (or read) quickly, with a clear error on `file`."""

from __future__ import annotations

import io
import time
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from egm.imports import MAX_IMPORT_ROWS, MAX_SHEET_ROWS, MAX_XLSX_UNCOMPRESSED_BYTES
from egm.services import participants_import
from programme.choices import Role
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Generous for a shared test machine; the unbounded reads took minutes.
QUICK_SECONDS = 10


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.SECRETARIAT])


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(number: int, *values: str) -> str:
    cells = "".join(_cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def _xlsx(sheet_data: str, *, dimension: str = "A1:B2", padding: int = 0) -> bytes:
    """A workbook made by openpyxl whose first sheet's XML is replaced by ours."""
    book = openpyxl.Workbook()
    book.active.append(["placeholder"])
    plain = io.BytesIO()
    book.save(plain)
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">'
        f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData>'
        + " " * padding
        + "</worksheet>"
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def _import(staff, data: bytes, name: str = "list.xlsx"):
    meeting = MeetingFactory(upcoming=True)
    started = time.monotonic()
    try:
        return participants_import(
            actor=staff, meeting=meeting, file=SimpleUploadedFile(name, data)
        ), time.monotonic() - started
    except ValidationError as exc:
        elapsed = time.monotonic() - started
        assert elapsed < QUICK_SECONDS, f"refused only after {elapsed:.1f} s"
        raise exc


HEADER = _row(1, "name", "level")
ONE_PERSON = _row(2, "Ama Mensah", "expert")


def test_a_sheet_that_claims_a_million_rows_is_read_for_the_rows_it_has(staff):
    data = _xlsx(HEADER + ONE_PERSON, dimension="A1:XFD1048576")
    assert len(data) < 64 * 1024
    report, elapsed = _import(staff, data)
    assert elapsed < QUICK_SECONDS
    assert [row.ok for row in report.rows] == [True]


def test_a_row_far_down_the_sheet_is_refused_without_making_the_rows_before_it(staff):
    data = _xlsx(HEADER + ONE_PERSON + _row(1_000_000, "Far Away", "expert"))
    with pytest.raises(ValidationError) as error:
        _import(staff, data)
    assert "file" in error.value.message_dict
    assert str(MAX_SHEET_ROWS) in error.value.message_dict["file"][0]


def test_more_data_rows_than_the_limit_are_refused_as_soon_as_the_limit_is_passed(staff):
    rows = "".join(_row(n, f"Person {n}", "expert") for n in range(2, MAX_IMPORT_ROWS + 3))
    with pytest.raises(ValidationError) as error:
        _import(staff, _xlsx(HEADER + rows))
    assert error.value.message_dict["file"] == [f"At most {MAX_IMPORT_ROWS} rows at a time."]


def test_the_limit_itself_is_accepted(staff):
    rows = "".join(_row(n, f"Person {n}", "expert") for n in range(2, MAX_IMPORT_ROWS + 2))
    report, elapsed = _import(staff, _xlsx(HEADER + rows))
    assert len(report.rows) == MAX_IMPORT_ROWS
    assert elapsed < QUICK_SECONDS * 3


def test_a_workbook_that_inflates_beyond_the_limit_is_refused_before_parsing(staff):
    data = _xlsx(HEADER + ONE_PERSON, padding=MAX_XLSX_UNCOMPRESSED_BYTES + 1)
    assert len(data) < 64 * 1024
    with pytest.raises(ValidationError) as error:
        _import(staff, data)
    assert "too large" in error.value.message_dict["file"][0]


def test_a_very_wide_row_is_read_quickly_within_the_columns_that_count(staff):
    wide = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(i)}2"><v>{i}</v></c>' for i in range(3, 16385)
    )
    sheet = HEADER + '<row r="2">' + _cell("A2", "Ama Mensah") + _cell("B2", "expert")
    report, elapsed = _import(staff, _xlsx(sheet + wide + "</row>"))
    assert elapsed < QUICK_SECONDS
    assert [row.ok for row in report.rows] == [True]


def test_a_csv_of_blank_lines_beyond_the_limit_is_refused(staff):
    data = b"name,level\nAma Mensah,expert\n" + b"\n" * (MAX_SHEET_ROWS + 1)
    with pytest.raises(ValidationError) as error:
        _import(staff, data, name="list.csv")
    assert str(MAX_SHEET_ROWS) in error.value.message_dict["file"][0]


def test_a_csv_with_too_many_people_is_refused(staff):
    lines = "".join(f"Person {n},expert\n" for n in range(MAX_IMPORT_ROWS + 1))
    with pytest.raises(ValidationError) as error:
        _import(staff, ("name,level\n" + lines).encode(), name="list.csv")
    assert error.value.message_dict["file"] == [f"At most {MAX_IMPORT_ROWS} rows at a time."]


def test_the_api_answers_a_hostile_workbook_with_a_400_on_file(reference_data):
    from tests.api.conftest import token_client
    from tests.factories import api_token_for

    staff = UserFactory(roles=[Role.SECRETARIAT])
    client = token_client(api_token_for(staff)[1])
    meeting = MeetingFactory(upcoming=True)
    data = _xlsx(HEADER + ONE_PERSON + _row(1_000_000, "Far Away", "expert"))
    started = time.monotonic()
    response = client.post(
        f"/api/v1/meetings/{meeting.pk}/participants-import/",
        {"file": SimpleUploadedFile("list.xlsx", data), "mode": "preview"},
    )
    assert time.monotonic() - started < QUICK_SECONDS
    assert response.status_code == 400
    assert "file" in response.json()["error"]["fields"]
