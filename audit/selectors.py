"""Reading the audit history: who changed a record, when, and what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from audit.rules import country_history_can_read, history_can_read

HISTORY_LIMIT = 25

KIND_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: object
    kind: str
    changes: list[FieldChange] = field(default_factory=list)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name


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
    return entries[:limit]


def _changes(model, record, before) -> list[FieldChange]:
    """What changed between two copies of a record, every copied field compared: the
    library's own diff skips non-editable fields, such as a token's revocation time."""
    copied = {f.name for f in model.history.model._meta.fields}
    changes = []
    for model_field in model._meta.concrete_fields:
        if model_field.name not in copied:
            continue
        old = getattr(before, model_field.attname)
        new = getattr(record, model_field.attname)
        if old != new:
            # A choice by its label ("In progress"), as the record's own page shows it.
            if model_field.choices:
                labels = dict(model_field.flatchoices)
                old, new = labels.get(old, old), labels.get(new, new)
            changes.append(FieldChange(_label(model, model_field.name), _show(old), _show(new)))
    return changes


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):  # in the reader's language, not as a raw timestamp
        return formats.date_format(
            value, "DATETIME_FORMAT" if isinstance(value, datetime) else "DATE_FORMAT"
        )
    if isinstance(value, list):  # many-to-many: the related rows' ids
        return ", ".join(str(v) for v in value) or "—"
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
