"""Who may do what with the programme's own records, one predicate each (shaped like
roadmaps/rules.py): the service raises the `*_refusal`, the views, the menu and templates ask
`*_can_*`, so no page offers what the service would refuse.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from base.errors import DomainError, NotPermitted
from programme.choices import Role
from programme.models import User


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


# --- People and roles ----------------------------------------------------------------------


def person_manage_refusal(user, person=None) -> DomainError | None:
    """The secretariat looks after people's accounts: invitations, roles, deactivation and
    resetting a second factor (the People pages list names, addresses and roles)."""
    if not (user and user.is_authenticated and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may manage people's accounts and roles."))
    return None


def person_can_manage(user, person=None) -> bool:
    """`person_manage_refusal` as a yes/no, for pages and the menu."""
    return person_manage_refusal(user, person) is None


def _active_secretariat_count() -> int:
    return User.objects.filter(is_active=True, groups__name=Role.SECRETARIAT).distinct().count()


def secretariat_removal_refusal(actor, person) -> DomainError | None:
    """Why `person` may not stop being an active secretariat member now (None when they may):
    nobody takes away their own secretariat role or account, and the last active secretariat
    account always stays, so someone can still look after people's accounts."""
    if Role.SECRETARIAT not in set(person.groups.values_list("name", flat=True)):
        return None
    if not person.is_active:
        return None
    if actor is not None and actor.pk == person.pk:
        return DomainError(
            _("You cannot remove your own secretariat role or account; ask a colleague."),
            code="own_secretariat_role",
        )
    if _active_secretariat_count() <= 1:
        return DomainError(
            _("%(person)s is the last active secretariat account; invite another first.")
            % {"person": person},
            code="last_secretariat",
        )
    return None


def person_deactivate_refusal(actor, person) -> DomainError | None:
    """Why `actor` may not deactivate `person` (None when they may)."""
    refusal = person_manage_refusal(actor, person)
    if refusal is not None:
        return refusal
    if not person.is_active:
        return DomainError(_("This account is already inactive."), code="already_inactive")
    if actor.pk == person.pk:
        return DomainError(
            _("You cannot deactivate your own account; ask a colleague."), code="own_account"
        )
    return secretariat_removal_refusal(actor, person)


def person_can_deactivate(actor, person) -> bool:
    """`person_deactivate_refusal` as a yes/no, for the People pages."""
    return person_deactivate_refusal(actor, person) is None


def person_reinvite_refusal(actor, person) -> DomainError | None:
    """A new invitation goes to an account nobody is using: one whose invitation was not used
    yet, or one that was deactivated (an active person resets their own password)."""
    refusal = person_manage_refusal(actor, person)
    if refusal is not None:
        return refusal
    if person.is_active:
        return DomainError(
            _("%(person)s already signs in; they can reset their own password.")
            % {"person": person},
            code="already_active",
        )
    if not person.email:
        return DomainError(_("This account has no email address to invite."), code="no_email")
    return None


def person_can_reinvite(actor, person) -> bool:
    """`person_reinvite_refusal` as a yes/no, for the People pages."""
    return person_reinvite_refusal(actor, person) is None


def two_factor_reset_refusal(actor, person) -> DomainError | None:
    """The secretariat resets another person's second factor (a lost phone); their own they
    turn off or set up again from their account page."""
    refusal = person_manage_refusal(actor, person)
    if refusal is not None:
        return refusal
    if actor.pk == person.pk:
        return DomainError(
            _("Manage your own two-factor sign-in from your account page."), code="own_account"
        )
    return None


def two_factor_required(user) -> bool:
    """Whether `user` must sign in with a second factor: the secretariat and superusers, when
    the site says so (settings.OTP_REQUIRED_FOR_STAFF)."""
    return bool(
        settings.OTP_REQUIRED_FOR_STAFF
        and user
        and user.is_authenticated
        and (user.is_secretariat or user.is_superuser)
    )


def two_factor_turn_off_refusal(user, obj=None) -> DomainError | None:
    """A person turns their own second factor off, unless it is required of them."""
    if two_factor_required(user):
        return DomainError(
            _("Two-factor sign-in is required for your account."), code="two_factor_required"
        )
    return None


def two_factor_can_turn_off(user, obj=None) -> bool:
    """`two_factor_turn_off_refusal` as a yes/no, for the account page."""
    return two_factor_turn_off_refusal(user, obj) is None


def role_remove_refusal(actor, person, role: str) -> DomainError | None:
    """Why `actor` may not take `role` from `person` now (None when they may): the
    secretariat's safeguards (`secretariat_removal_refusal`) for that role. A focal point's
    role goes with their country links (`portal.people.services.person_role_remove`)."""
    refusal = person_manage_refusal(actor, person)
    if refusal is not None:
        return refusal
    if role == Role.SECRETARIAT:
        return secretariat_removal_refusal(actor, person)
    return None
