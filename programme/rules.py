"""Who may do what with the programme's own records, one predicate each (shaped like
roadmaps/rules.py): the service raises the `*_refusal`, the views, the menu and templates ask
`*_can_*`, so no page offers what the service would refuse.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from base.errors import DomainError, NotPermitted


def signin_lock_lift_refusal(user) -> DomainError | None:
    """Whether `user` may see who is paused from signing in and lift a pause: the
    secretariat, who look after people's accounts (the list names people and addresses)."""
    if not (user and user.is_authenticated and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may lift sign-in locks."))
    return None


def signin_lock_can_lift(user) -> bool:
    """`signin_lock_lift_refusal` as a yes/no, for pages and the menu."""
    return signin_lock_lift_refusal(user) is None
