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


def programme_record_keep_refusal(user, obj=None) -> DomainError | None:
    """The secretariat keeps the programme's directory and plan: organisations and milestones."""
    if not (user and user.is_authenticated and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may keep the programme's directory and plan."))
    return None


def programme_record_can_keep(user, obj=None) -> bool:
    """`programme_record_keep_refusal` as a yes/no, for pages and the API."""
    return programme_record_keep_refusal(user, obj) is None


def api_token_manage_refusal(user, token=None) -> DomainError | None:
    """The secretariat issues and revokes partners' API tokens (a token reads what its user
    may read, so issuing one is granting access)."""
    if not (user and user.is_authenticated and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may issue or revoke API tokens."))
    return None


def api_token_can_manage(user, token=None) -> bool:
    """`api_token_manage_refusal` as a yes/no."""
    return api_token_manage_refusal(user, token) is None
