"""Who may do what with pilots' records and who may be linked as a country's focal point, one
predicate each (shaped like `roadmaps/rules.py`). Services raise the `*_refusal`; pages (through
the `rules` template tag) and the admin ask `*_can_*`.

A focal point reads its country's unpublished drafts, reviews and internal feedback. The link
is made by `pilots.services.focal_point_link` (which raises the refusal), offered by the pilot
page's form (`focal_point_candidates`) and checked again by the admin, so no path links an
account the rule refuses.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from base.errors import DomainError, NotPermitted
from pilots.models import Country
from programme.choices import Role
from programme.models import User
from programme.roles import role_combination_refusal


def focal_point_candidates() -> QuerySet[User]:
    """Accounts the secretariat may link as a focal point: active, and holding no role that
    excludes it (partners and reviewers, see `programme.roles.EXCLUSIVE_ROLES`)."""
    return User.objects.filter(is_active=True).exclude(
        groups__name__in=[Role.PARTNER, Role.REVIEWER]
    )


def focal_point_link_refusal(actor, user, country: Country | None) -> DomainError | None:
    """Why `actor` may not make `user` a focal point of `country` (None when they may): only
    the secretariat links, only an active account, never a partner or a reviewer."""
    if not (actor and actor.is_authenticated and actor.is_secretariat):
        return NotPermitted(_("Only the secretariat may link focal points."))
    if country is None:
        return DomainError(_("Only pilot countries have focal points."))
    if not user.is_active:
        return NotPermitted(_("%(person)s's account is not active.") % {"person": user})
    held = set(user.groups.values_list("name", flat=True))
    return role_combination_refusal(held | {Role.FOCAL_POINT})


def focal_point_can_link(actor, user, country: Country | None) -> bool:
    """Whether the secretariat may link `user` to `country` (the service's rule)."""
    return focal_point_link_refusal(actor, user, country) is None


def pilot_change_refusal(user, pilot=None) -> DomainError | None:
    """The secretariat keeps pilots' records: status, methodology steps, support, task teams
    and focal points."""
    if not (user and user.is_authenticated and user.is_secretariat):
        return NotPermitted(
            _("Only the secretariat may %(action)s.") % {"action": _("change a pilot's record")}
        )
    return None


def pilot_can_change(user, pilot=None) -> bool:
    """Whether the pilot page offers the secretariat's forms (the services' rule)."""
    return pilot_change_refusal(user, pilot) is None


def pilot_pipeline_visible(user, pilot=None) -> bool:
    """Whether `user` reads the secretariat's working view of pilots: how each one's status
    moved and where its latest draft stands (a country's own pages show it its drafts)."""
    return bool(user and user.is_authenticated and user.is_secretariat)


def focal_point_can_view(user, pilot=None) -> bool:
    """Whether `user` sees who a country's focal points are: the secretariat, who links them."""
    return bool(user and user.is_authenticated and user.is_secretariat)


def pilot_list_can_open(user, obj=None) -> bool:
    """Who opens the list of all pilots: the secretariat, reviewers and the advisory group
    (a focal point opens their own country from the menu)."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_secretariat or user.is_reviewer or user.is_advisory_member)
    )


def my_country_can_open(user, obj=None) -> bool:
    """Whether `user` has a country of their own to open from the menu ("My country"): a
    focal point, linked to at least one country."""
    return bool(user and user.is_authenticated and user.country_ids)
