"""Reading the audit history: who changed a record, when, and what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.rules import history_can_read

HISTORY_LIMIT = 25

KIND_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class _Related:
    """A related record's id, to be replaced by its name: pages never show ids."""

    model: type
    pk: object


def _name_related(entries: list) -> list:
    """Replace every related record's id in `entries` by its name, one query per model."""
    wanted: dict[type, set] = {}
    for entry in entries:
        for change in entry.changes:
            for value in (change.old, change.new):
                if isinstance(value, _Related):
                    wanted.setdefault(value.model, set()).add(value.pk)
    names = {
        (model, pk): str(obj)
        for model, pks in wanted.items()
        for pk, obj in model._base_manager.in_bulk(list(pks)).items()
    }
    for entry in entries:
        for change in entry.changes:
            if isinstance(change.old, _Related):
                change.old = names.get((change.old.model, change.old.pk), "—")
            if isinstance(change.new, _Related):
                change.new = names.get((change.new.model, change.new.pk), "—")
    return entries


@dataclass
class HistoryEntry:
    when: datetime
    who: object
    kind: str
    changes: list[FieldChange] = field(default_factory=list)


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
        if previous is not None and record.history_type == "~":
            changes = _changes(obj.__class__, record, previous)
            if not changes:
                continue  # saved with nothing changed: not worth a line
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
                changes=changes,
            )
        )
    return _name_related(entries[:limit])


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
            changes.append(
                FieldChange(
                    _label(model, model_field.name),
                    _show(model_field, old),
                    _show(model_field, new),
                )
            )
    return changes


def _show(model_field, value) -> str:
    """A value as readers know it: a choice's label, a related record's name, a date in the
    page's format; never a stored code or id."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field is not None and model_field.is_relation and model_field.related_model:
        # Named once all entries are read (`_name_related`), in one query per model.
        return _Related(model_field.related_model, value)
    if isinstance(value, datetime):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, list):  # many-to-many: the related rows
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


@dataclass
class RecentEntry(HistoryEntry):
    record: str = ""


RECENT_LIMIT = 15


def recent_history(
    *, user, model, limit: int = RECENT_LIMIT, person: bool = False, **filters
) -> list[RecentEntry]:
    """The latest changes across one model's records (`filters` narrow them, e.g. a country's
    focal-point links), for list pages whose records have no page of their own. `person`
    names each row by its `user` (a role grant). Secretariat only; a fixed number of queries."""
    if not history_can_read(user) or not hasattr(model, "history"):
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
                record=str(record.user) if person else _describe(model, record),
            )
        )
    return _name_related(entries)


def _describe(model, record) -> str:
    # Names that need no further query: a token's name, a milestone's title (a generated one
    # in the reader's language); otherwise the kind of record and its number (a focal-point
    # link names two other rows).
    display_title = getattr(model, "display_title", None)
    if isinstance(display_title, property) and getattr(record, "title_template", ""):
        return display_title.fget(record)
    for attribute in ("name", "title"):
        value = getattr(record, attribute, None)
        if value:
            return str(value)
    return f"{str(model._meta.verbose_name).capitalize()} #{record.id}"
