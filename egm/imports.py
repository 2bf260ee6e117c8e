"""Reading and writing participant lists (CSV and XLSX) with tablib.

`parse_participant_rows` turns an uploaded file into one `ImportRow` per line, each with the
participant it would make and its errors (by column); nothing is saved here, the service
decides. `attendance_dataset` is the export; its contact columns follow
`participant_contact_visible`.
"""

from __future__ import annotations

import tablib
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from egm.choices import ParticipantCategory, ParticipantLevel, ParticipantStatus
from egm.models import Meeting, Participant
from pilots.models import Country
from programme.models import Organisation
from programme.spreadsheets import spreadsheet_row

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
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


def _read_dataset(file) -> tablib.Dataset:
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_IMPORT_BYTES:
        raise ValidationError({"file": _("The file is larger than 2 MB.")})
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        if data.startswith(XLSX_MAGIC):
            return tablib.Dataset().load(data, format="xlsx")
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            {"file": _("Upload a CSV file (UTF-8) or an Excel workbook (.xlsx).")}
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ValidationError({"file": _("The workbook is damaged and cannot be read.")}) from exc
    if "\x00" in text:
        raise ValidationError(
            {"file": _("Upload a CSV file (UTF-8) or an Excel workbook (.xlsx).")}
        )
    try:
        return tablib.Dataset().load(text, format="csv")
    except Exception as exc:  # tablib's CSV reader: malformed quoting and the like
        raise ValidationError({"file": _("The CSV file cannot be read.")}) from exc


def _choice(choices, value: str) -> str | None:
    value = value.strip()
    for key, label in choices.choices:
        if value.lower() in (key.lower(), str(label).lower()):
            return key
    return None


def parse_participant_rows(file, *, meeting: Meeting) -> list:
    """Every data line of `file` as an ImportRow (line numbers count the header as line 1)."""
    from egm.services import ImportRow

    dataset = _read_dataset(file)
    headers = [str(h or "").strip().lower() for h in (dataset.headers or [])]
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
    if len(dataset) > MAX_IMPORT_ROWS:
        raise ValidationError({"file": _("At most %(n)d rows at a time.") % {"n": MAX_IMPORT_ROWS}})
    raw_rows = []
    for line, values in enumerate(dataset, start=2):
        row = {
            name: ("" if values[index] is None else str(values[index]).strip())
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
