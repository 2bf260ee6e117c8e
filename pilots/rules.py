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


# --- What a country keeps of its own record -------------------------------------------------
# The programme's first principle: the countries are in the driver's seat. A country's focal
# points keep its own record (the six steps, its task team's people, its records on other
# sources); the secretariat can still do all of it for them.


# Asked with no object: whether the role keeps any country's record (the API's gate).
ANY_COUNTRY = object()


def country_keeper(user, country_id=ANY_COUNTRY) -> bool:
    """Whether `user` keeps the record of the country `country_id`: the secretariat for any,
    a focal point for their own (a record with no country, an international partner's, is the
    secretariat's). With no country given, whether `user`'s role keeps any country's record
    at all (the API's gate; which country is the object's rule)."""
    if not (user and user.is_authenticated):
        return False
    if user.is_secretariat:
        return True
    if country_id is ANY_COUNTRY:
        return bool(user.country_ids)
    return country_id is not None and country_id in user.country_ids


def _country_of(obj, attribute: str = "country_id"):
    return ANY_COUNTRY if obj is None else getattr(obj, attribute)


def _country_refusal(user, country_id, action: str) -> DomainError | None:
    if country_keeper(user, country_id):
        return None
    return NotPermitted(
        _("Only the secretariat and the country's focal points may %(action)s.")
        % {"action": action}
    )


def pilot_step_change_refusal(user, pilot=None) -> DomainError | None:
    """Who records a pilot's progress in the six steps (status, dates, note, evidence): the
    country's focal points and the secretariat."""
    return _country_refusal(user, _country_of(pilot), _("update the methodology steps"))


def pilot_step_can_change(user, pilot=None) -> bool:
    """Whether the pilot page offers updating a step (the service's rule)."""
    return pilot_step_change_refusal(user, pilot) is None


def task_team_change_refusal(user, pilot=None) -> DomainError | None:
    """Who names the people on a pilot's national task team: the country's focal points and
    the secretariat."""
    return _country_refusal(user, _country_of(pilot), _("change the task team"))


def task_team_can_change(user, pilot=None) -> bool:
    """Whether the pilot page offers adding or removing task-team people."""
    return task_team_change_refusal(user, pilot) is None


def task_team_contact_visible(user, pilot) -> bool:
    """Whether `user` reads the task-team people's contacts: the secretariat and the country's
    own focal points (pages and API); everyone else reads names, organisations and roles."""
    return pilot is not None and country_keeper(user, pilot.country_id)


def country_record_change_refusal(user, country=None) -> DomainError | None:
    """Who notes a country's records on other public sources (STIP Compass, GO-SPIN): the
    country's focal points and the secretariat."""
    return _country_refusal(
        user, _country_of(country, "pk"), _("change the country's records on other sources")
    )


def country_record_can_change(user, country=None) -> bool:
    """Whether the pilot page offers editing the country's records on other sources."""
    return country_record_change_refusal(user, country) is None
