"""Who may read the audit history, one predicate (shaped like `roadmaps/rules.py`): the
selectors and the history panel ask it."""

from __future__ import annotations


def history_can_read(user, obj=None) -> bool:
    """Who may read the audit history: the secretariat only (it names every editor)."""
    return bool(user and user.is_authenticated and user.is_secretariat)
