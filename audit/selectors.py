"""Reading the audit history: who changed a record, when, and what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

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


def history_visible_to(user) -> bool:
    """Who may read the audit history: the secretariat only (it names every editor)."""
    return bool(user and user.is_authenticated and user.is_secretariat)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name


def record_history(*, user, obj, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """A record's latest changes, newest first, each with the fields that changed. Empty for
    anyone `history_visible_to` refuses, and for models that keep no history."""
    if obj is None or not history_visible_to(user) or not hasattr(obj, "history"):
        return []
    # One more than shown, so the oldest shown row has its predecessor to compare with.
    records = list(obj.history.select_related("history_user").order_by("-history_id")[: limit + 1])
    entries = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = [
                FieldChange(_label(obj.__class__, c.field), _show(c.old), _show(c.new))
                for c in delta.changes
            ]
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


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):  # many-to-many: the related rows' ids
        return ", ".join(str(v) for v in value) or "—"
    return str(value)
