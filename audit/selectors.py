"""Reading the audit history: who changed a record, when, and what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.rules import country_history_can_read, history_can_read

HISTORY_LIMIT = 25

KIND_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class FieldChange:
    field: str
    old: str
    new: str
    # A foreign key's two ids, named in bulk once every change is read (`_name_related`).
    related_model: type | None = None
    old_pk: object = None
    new_pk: object = None


@dataclass
class HistoryEntry:
    when: datetime
    who: object
    kind: str
    changes: list[FieldChange] = field(default_factory=list)
    # Why the row was written, where a service said (e.g. "Role given: reviewer"), in English
    # as stored: the panel shows it in the reader's language.
    reason: str = ""


def _label(model, name: str) -> str:
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name
    # A field named without a translated verbose_name ("status") still reads in the page's
    # language where the catalogue has the word.
    label = label[:1].upper() + label[1:]
    return gettext(label)


def record_history(*, user, obj, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """A record's latest changes, newest first, each with the fields that changed. Empty for
    anyone `audit.rules.history_can_read` refuses, and for models that keep no history."""
    if obj is None or not history_can_read(user) or not hasattr(obj, "history"):
        return []
    # One more than shown, so the oldest shown row has its predecessor to compare with.
    records = list(obj.history.select_related("history_user").order_by("-history_id")[: limit + 1])
    entries = []
    # Each row with the one before it; the oldest has none (a record made in bulk, or older
    # than the history, may have a single row or none at all).
    for record, previous in zip(records, [*records[1:], None][: len(records)], strict=True):
        changes = []
        reason = getattr(record, "history_change_reason", None) or ""
        if previous is not None and record.history_type == "~":
            changes = _changes(obj.__class__, record, previous)
            if not changes and not reason:
                continue  # saved with nothing changed and no reason given: not worth a line
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
                changes=changes,
                reason=reason,
            )
        )
    entries = entries[:limit]
    _name_related(entries)
    return entries


def _changes(model, record, before) -> list[FieldChange]:
    """What changed between two copies of a record, every copied field compared: the
    library's own diff skips non-editable fields, such as a token's revocation time."""
    copied = {f.name for f in model.history.model._meta.fields}
    changes = []
    for model_field in model._meta.concrete_fields:
        # A save's own time stamp changes every time: it says nothing a reader needs.
        if model_field.name not in copied or getattr(model_field, "auto_now", False):
            continue
        old = getattr(before, model_field.attname)
        new = getattr(record, model_field.attname)
        if old != new:
            change = FieldChange(
                _label(model, model_field.name),
                _show(old, model_field),
                _show(new, model_field),
            )
            if model_field.is_relation:
                change.related_model = model_field.related_model
                change.old_pk, change.new_pk = old, new
            changes.append(change)
    return changes


def _name_related(entries) -> None:
    """Show the changed foreign keys by their records' names, not their ids: one query per
    related model, however many rows (a record since deleted reads "deleted")."""
    wanted: dict[type, set] = {}
    for entry in entries:
        for change in entry.changes:
            if change.related_model is not None:
                wanted.setdefault(change.related_model, set()).update(
                    pk for pk in (change.old_pk, change.new_pk) if pk is not None
                )
    names = {
        model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(list(pks)).items()}
        for model, pks in wanted.items()
    }
    for entry in entries:
        for change in entry.changes:
            if change.related_model is not None:
                found = names.get(change.related_model, {})
                change.old = (
                    "—" if change.old_pk is None else found.get(change.old_pk, _("deleted"))
                )
                change.new = (
                    "—" if change.new_pk is None else found.get(change.new_pk, _("deleted"))
                )


def _show(value, model_field=None) -> str:
    """A stored value as people read it: a choice by its label, a date or time in the
    reader's language and time zone, yes or no; never a code or a raw timestamp (a related
    record's id is named afterwards, `_name_related`)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):  # many-to-many: the related rows' ids; links: the links
        return ", ".join(str(v) for v in value) or "—"
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "ABBR_DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "ABBR_DATE_FORMAT")
    return str(value)


@dataclass
class RecentEntry(HistoryEntry):
    record: str = ""


RECENT_LIMIT = 15


def recent_history(
    *,
    user,
    model,
    limit: int = RECENT_LIMIT,
    person: bool = False,
    for_country: int | None = None,
    **filters,
) -> list[RecentEntry]:
    """The latest changes across one model's records (`filters` narrow them, e.g. a country's
    focal-point links), for list pages whose records have no page of their own. `person`
    names each row by its `user` (a role grant). The secretariat reads them; with
    `for_country` (records the filters keep to that country's own), its focal points too.
    A fixed number of queries."""
    readable = (
        country_history_can_read(user, for_country)
        if for_country is not None
        else history_can_read(user)
    )
    if not readable or not hasattr(model, "history"):
        return []
    history = model.history.model
    previous_id = (
        history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    records = list(
        history.objects.filter(**filters)
        .select_related("history_user", *(["user"] if person else []))
        .annotate(previous_history_id=Subquery(previous_id))
        .order_by("-history_id")[:limit]
    )
    # Every predecessor in one query, so the page's query count does not grow with rows.
    previous = history.objects.in_bulk(
        [r.previous_history_id for r in records if r.previous_history_id]
    )
    # The targets a record links (an SDG target of a roadmap, a link between two), named by
    # their codes: one query, whatever the number of rows.
    codes = _target_codes(model, records)
    entries = []
    for record in records:
        changes = []
        before = previous.get(record.previous_history_id)
        if record.history_type == "~" and before is not None:
            changes = _changes(model, record, before)
            if not changes:
                continue
        entries.append(
            RecentEntry(
                when=record.history_date,
                who=record.history_user,
                kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
                changes=changes,
                record=str(record.user) if person else _describe(model, record, codes),
            )
        )
    _name_related(entries)
    return entries


TARGET_FIELDS = ("target", "from_target", "to_target")


def _target_codes(model, records) -> dict:
    names = {x.name for x in model._meta.concrete_fields}
    if "goal" in names:  # an SDG of a roadmap: by its number
        goal_ids = {r.goal_id for r in records} - {None}
        goals = model._meta.get_field("goal").related_model.objects.filter(pk__in=goal_ids)
        return {("goal", pk): number for pk, number in goals.values_list("pk", "number")}
    fields = [f for f in TARGET_FIELDS if f in names]
    if not fields:
        return {}
    ids = {getattr(r, f"{f}_id") for r in records for f in fields} - {None}
    related = model._meta.get_field(fields[0]).related_model
    return dict(related.objects.filter(pk__in=ids).values_list("pk", "code"))


def _describe(model, record, codes: dict[int, str] | None = None) -> str:
    # Names that need no further query: a token's name, a milestone's title, a request's
    # topic, who gave a consent; the targets a record links, by their codes; otherwise the
    # kind of record and its number (a focal-point link names two other rows).
    codes = codes or {}
    display_title = getattr(model, "display_title", None)
    if isinstance(display_title, property) and getattr(record, "title_template", ""):
        return display_title.fget(record)  # a generated title, in the reader's language
    for attribute in ("name", "title", "topic", "record", "given_by"):
        value = getattr(record, attribute, None)
        if value and isinstance(value, str):
            return value
    if ("goal", getattr(record, "goal_id", None)) in codes:
        return str(_("SDG %(n)s") % {"n": codes[("goal", record.goal_id)]})
    if getattr(record, "from_target_id", None) in codes:
        return f"{codes[record.from_target_id]} → {codes.get(record.to_target_id, '?')}"
    if getattr(record, "target_id", None) in codes:
        return str(_("Target %(code)s") % {"code": codes[record.target_id]})
    step = getattr(record, "step", None)
    if isinstance(step, int):
        return str(_("Step %(n)s") % {"n": step})
    body = getattr(record, "body", None)
    if body:
        return body[:60]
    return f"{str(model._meta.verbose_name).capitalize()} #{record.id}"
