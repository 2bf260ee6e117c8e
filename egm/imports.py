"""Reading participant lists (CSV with the csv module, XLSX with openpyxl in read-only mode)
and writing attendance lists (tablib).

`parse_participant_rows` turns an uploaded file, read within the limits below (checked before
and while it is parsed), into one `ImportRow` per line, each with the participant it would make
and its errors (by column), and `ImportReport` gathers them; nothing is saved here, the
service (`egm.services.participants_import`) decides. `attendance_dataset`
is the export; its contact columns follow `participant_contact_visible`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

import openpyxl
import tablib
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from base.spreadsheets import spreadsheet_row
from egm.choices import ParticipantCategory, ParticipantLevel, ParticipantStatus
from egm.models import Meeting, Participant
from pilots.models import Country
from programme.models import Organisation

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
# The work a file may cost is bounded before and while it is read, never after: a small
# workbook can place a row a million lines down (the rows before it are then made one by one)
# or inflate to gigabytes. Rows of any kind (blank ones included) past MAX_SHEET_ROWS, more
# than MAX_IMPORT_ROWS rows with data, or a workbook whose parts inflate beyond the limits
# below are refused as soon as they are seen.
MAX_SHEET_ROWS = 5 * MAX_IMPORT_ROWS
# Only the first columns are read; the recognised headers are ten.
MAX_COLUMNS = 50
MAX_XLSX_UNCOMPRESSED_BYTES = 10 * 1024 * 1024
MAX_XLSX_SHEET_BYTES = 5 * 1024 * 1024
MAX_XLSX_ENTRIES = 200
# Column headers accepted (case-insensitive) -> model field.
COLUMNS = {
    "name": "full_name",
    "full name": "full_name",
    "email": "email",
    "phone": "phone",
    "organisation": "organisation",
    "organization": "organisation",
    "country": "country",
    "level": "level",
    "category": "category",
    "status": "status",
}
REQUIRED_COLUMNS = {"full_name", "level"}
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class ImportRow:
    """One row of an import file: its line number, the participant it would make, its errors."""

    line: int
    values: dict[str, str]
    participant: Participant | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    """What an import found (and, unless it was a preview, did)."""

    rows: list[ImportRow]
    created: int = 0

    @property
    def good(self) -> list[ImportRow]:
        return [row for row in self.rows if row.ok]

    @property
    def bad(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.ok]


def _file_error(message: str) -> ValidationError:
    return ValidationError({"file": message})


def _too_many_rows() -> ValidationError:
    return _file_error(_("At most %(n)d rows at a time.") % {"n": MAX_IMPORT_ROWS})


def _bounded_rows(rows: Iterable) -> list[tuple]:
    """The first rows of `rows` (header first), stopping as soon as a limit is passed."""
    kept: list[tuple] = []
    filled = 0
    for index, row in enumerate(rows):
        if index >= MAX_SHEET_ROWS:
            raise _file_error(
                _(
                    "The sheet has more than %(n)d rows (blank ones included); at most %(m)d "
                    "participants can be imported at a time."
                )
                % {"n": MAX_SHEET_ROWS, "m": MAX_IMPORT_ROWS}
            )
        row = tuple(row[:MAX_COLUMNS])
        if index and any(value not in (None, "") for value in row):
            filled += 1
            if filled > MAX_IMPORT_ROWS:
                raise _too_many_rows()
        kept.append(row)
    return kept


def _xlsx_rows(data: bytes) -> list[tuple]:
    damaged = _file_error(_("The workbook is damaged and cannot be read."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise damaged from exc
    # What each part says it inflates to bounds what reading it may produce (zipfile stops
    # there), so these checks cost nothing and come before any XML is parsed.
    sheets = [e for e in entries if e.filename.startswith("xl/worksheets/")]
    if (
        len(entries) > MAX_XLSX_ENTRIES
        or sum(e.file_size for e in entries) > MAX_XLSX_UNCOMPRESSED_BYTES
        or any(e.file_size > MAX_XLSX_SHEET_BYTES for e in sheets)
    ):
        raise _file_error(
            _(
                "The workbook is too large to import; at most %(n)d participants at a time, "
                "in a workbook of one sheet."
            )
            % {"n": MAX_IMPORT_ROWS}
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise damaged from exc
    try:
        sheet = book.active
        if sheet is None or not hasattr(sheet, "reset_dimensions"):
            raise damaged
        # The sheet's own <dimension> may claim any size, and openpyxl would make an empty
        # row for every claimed one; only rows really in the file are read.
        sheet.reset_dimensions()
        return _bounded_rows(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
    except ValidationError:
        raise
    except Exception as exc:
        raise damaged from exc
    finally:
        book.close()


def _csv_rows(data: bytes) -> list[tuple]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(_("Upload a CSV file (UTF-8) or an Excel workbook (.xlsx).")) from exc
    if "\x00" in text:
        raise _file_error(_("Upload a CSV file (UTF-8) or an Excel workbook (.xlsx)."))
    try:
        return _bounded_rows(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:  # malformed quoting, a field beyond the csv module's limit
        raise _file_error(_("The CSV file cannot be read.")) from exc


def _read_rows(file) -> list[tuple]:
    """The file's rows (header first) within the import's limits, or a ValidationError on
    `file` saying which limit it passes."""
    size = getattr(file, "size", None)
    if not size:
        raise _file_error(_("The file is empty."))
    if size > MAX_IMPORT_BYTES:
        raise _file_error(_("The file is larger than 2 MB."))
    file.seek(0)
    data = file.read(MAX_IMPORT_BYTES + 1)
    file.seek(0)
    if len(data) > MAX_IMPORT_BYTES:
        raise _file_error(_("The file is larger than 2 MB."))
    if data.startswith(XLSX_MAGIC):
        return _xlsx_rows(data)
    return _csv_rows(data)


def _choice(choices, value: str) -> str | None:
    value = value.strip()
    for key, label in choices.choices:
        if value.lower() in (key.lower(), str(label).lower()):
            return key
    return None


def parse_participant_rows(file, *, meeting: Meeting) -> list:
    """Every data line of `file` as an ImportRow (line numbers count the header as line 1)."""
    rows = _read_rows(file)
    headers = [str(h or "").strip().lower() for h in (rows[0] if rows else ())]
    mapping = {index: COLUMNS[h] for index, h in enumerate(headers) if h in COLUMNS}
    missing = REQUIRED_COLUMNS - set(mapping.values())
    if missing:
        raise ValidationError(
            {
                "file": _(
                    "The file needs a header row with at least the columns name and level "
                    "(also accepted: email, phone, organisation, country, category, status)."
                )
            }
        )
    raw_rows = []
    for line, values in enumerate(rows[1:], start=2):
        row = {
            name: (
                "" if index >= len(values) or values[index] is None else str(values[index]).strip()
            )
            for index, name in mapping.items()
        }
        if any(row.values()):
            raw_rows.append((line, row))
    # Look-ups for every row at once: a fixed number of queries whatever the file's length.
    org_keys = {row.get("organisation", "").lower() for _line, row in raw_rows} - {""}
    orgs = {}
    matching = Organisation.objects.annotate(lname=Lower("name"), lacronym=Lower("acronym"))
    for org in matching.filter(Q(lname__in=org_keys) | Q(lacronym__in=org_keys)):
        orgs[org.name.lower()] = org
        if org.acronym:
            orgs[org.acronym.lower()] = org
    countries = {}
    for c in Country.objects.all().only("pk", "iso2", "iso3", "name"):
        for key in (c.iso2, c.iso3, c.name):
            countries[key.lower()] = c
    existing_names = {n.lower() for n in meeting.participants.values_list("full_name", flat=True)}
    existing_emails = {
        e.lower() for e in meeting.participants.exclude(email="").values_list("email", flat=True)
    }
    seen_names: set[str] = set()
    seen_emails: set[str] = set()
    result = []
    for line, row in raw_rows:
        item = ImportRow(line=line, values=row)
        errors: dict[str, list[str]] = {}
        participant = Participant(meeting=meeting, full_name=row.get("full_name", ""))
        participant.email = row.get("email", "")
        participant.phone = row.get("phone", "")
        org_text = row.get("organisation", "")
        if org_text:
            org = orgs.get(org_text.lower())
            if org is not None:
                participant.organisation = org
            else:
                participant.affiliation = org_text
        country_text = row.get("country", "")
        if country_text:
            country = countries.get(country_text.lower())
            if country is None:
                errors["country"] = [_("Unknown country “%(v)s”.") % {"v": country_text}]
            participant.country = country
        for name, choices, required in (
            ("level", ParticipantLevel, True),
            ("category", ParticipantCategory, False),
            ("status", ParticipantStatus, False),
        ):
            text = row.get(name, "")
            if not text:
                if required:
                    errors[name] = [_("This column is required.")]
                continue
            value = _choice(choices, text)
            if value is None:
                errors[name] = [_("“%(v)s” is not one of the choices.") % {"v": text}]
            else:
                setattr(participant, name, value)
        try:
            # Uniqueness is checked below against the list and the file, without a query per row.
            participant.full_clean(
                exclude=[*errors, "meeting"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        name_key = participant.full_name.strip().lower()
        if name_key and (name_key in existing_names or name_key in seen_names):
            errors.setdefault("full_name", []).append(
                _("This person is already on the list or earlier in the file.")
            )
        email_key = participant.email.lower()
        if email_key and (email_key in existing_emails or email_key in seen_emails):
            errors.setdefault("email", []).append(
                _("This email is already on the list or earlier in the file.")
            )
        seen_names.add(name_key)
        if email_key:
            seen_emails.add(email_key)
        item.errors = errors
        item.participant = None if errors else participant
        result.append(item)
    return result


ATTENDANCE_HEADERS = ["name", "organisation", "country", "level", "category", "status"]
CONTACT_HEADERS = ["email", "phone"]


def attendance_dataset(participants, *, with_contacts: bool) -> tablib.Dataset:
    """The attendance list as a table; contact columns only when `with_contacts`."""
    headers = ATTENDANCE_HEADERS + (CONTACT_HEADERS if with_contacts else [])
    dataset = tablib.Dataset(headers=headers)
    for p in participants:
        row = [
            p.full_name,
            p.organisation_label,
            p.country.name if p.country_id else "",
            p.get_level_display(),
            p.get_category_display(),
            p.get_status_display(),
        ]
        if with_contacts:
            row += [p.email, p.phone]
        dataset.append(spreadsheet_row(str(value) for value in row))
    return dataset
