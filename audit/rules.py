"""Who may read the audit history, one predicate (shaped like `roadmaps/rules.py`): the
selectors and the history panel ask it."""

from __future__ import annotations


def history_can_read(user, obj=None) -> bool:
    """Who may read the audit history: the secretariat only (it names every editor)."""
    return bool(user and user.is_authenticated and user.is_secretariat)


def country_history_can_read(user, country_id: int | None) -> bool:
    """Who reads the history of the records a country keeps itself (its steps, task team,
    SDG links, consents, replies, requests): the secretariat, and the country's own focal
    points, who made most of those changes and see what the secretariat changed for them."""
    if history_can_read(user):
        return True
    return bool(
        user and user.is_authenticated and country_id is not None and country_id in user.country_ids
    )
