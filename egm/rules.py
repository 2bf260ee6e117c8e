"""Who may read what about a meeting's people, one predicate each (shaped like
`roadmaps/rules.py`). Selectors, pages, serializers and exports ask these; none re-derives them.
"""

from __future__ import annotations


def participant_names_visible(user, meeting=None) -> bool:
    """Whether `user` may read who is invited to a meeting (names, organisations, countries,
    statuses): the secretariat only, until participants can consent to being listed. Everyone
    else who may see the meeting reads counts by category (`participant_category_counts`)."""
    return bool(user and user.is_authenticated and user.is_secretariat)
