"""Role checks shared by UI views and API permissions."""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import gettext as _

from base.errors import DomainError, NotPermitted
from programme.choices import Role

# Roles one account may not hold together. A focal point reads its country's unpublished
# drafts: a partner account (read-only API access for outside bodies) must never gain that,
# and a reviewer scores other countries' drafts blind, so a country's own focal point cannot
# be one (nor the other way round).
# A partner reviewing drafts would read them outside the programme's blind review too.
EXCLUSIVE_ROLES: tuple[tuple[str, str], ...] = (
    (Role.PARTNER, Role.FOCAL_POINT),
    (Role.REVIEWER, Role.FOCAL_POINT),
    (Role.PARTNER, Role.REVIEWER),
)


def role_combination_refusal(roles) -> DomainError | None:
    """Why an account may not hold `roles` together (None when it may): the one rule the
    focal-point link, the admin's user form and `grant_role` ask."""
    held = set(roles)
    for first, second in EXCLUSIVE_ROLES:
        if first in held and second in held:
            return NotPermitted(
                _("An account cannot be both %(first)s and %(second)s.")
                % {"first": Role(first).label.lower(), "second": Role(second).label.lower()},
                code="roles_exclusive",
            )
    return None


def ensure_role_groups() -> dict[str, Group]:
    """Create the auth Group behind each role (idempotent)."""
    return {role: Group.objects.get_or_create(name=role)[0] for role in Role.values}


def _forget_roles(user) -> None:
    # The instance caches roles and countries for one request; the next read sees the change.
    user.__dict__.pop("roles", None)
    user.__dict__.pop("country_ids", None)


def grant_role(user, role: str) -> None:
    """Give `user` a role (refused when it clashes with one they hold); clears the
    per-instance role cache."""
    held = set(user.groups.values_list("name", flat=True))
    refusal = role_combination_refusal(held | {role})
    if refusal is not None:
        raise refusal
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    _forget_roles(user)


def revoke_role(user, role: str) -> None:
    """Take a role from `user`; clears the per-instance role cache."""
    user.groups.remove(*Group.objects.filter(name=role))
    _forget_roles(user)


class RoleRequiredMixin(AccessMixin):
    """Pages some people may open. Each page says who through `allows(user)`, which asks its
    app's rules module (the menu asks the same); anonymous users go to the login page, signed-in
    users the rule refuses get 403 (the page exists for everyone; only rows are hidden with 404)."""

    @classmethod
    def allows(cls, user) -> bool:
        """Whether `user` may open this page: the rule the menu asks too. Every page names its
        own, so no page falls back to a list of roles written here."""
        raise ImproperlyConfigured(f"{cls.__name__} must say who may open it (allows).")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not self.allows(user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Paths a partner-only account may open in the browser (programme.middleware enforces it).
# Calendar feeds and email mute links are opened by calendar apps and from mail, signed in
# or not: they show a partner nothing beyond what their secret or signed link grants.
# A partner invited to a meeting answers from the personal link in the email (or registers
# through a meeting's open link) like anyone else: those pages show that one invitation only.
PARTNER_PREFIXES = (
    "/api/", "/accounts/", "/static/", "/calendar/", "/reminders/", "/public/",
    "/meetings/answer/", "/meetings/register/", "/roadmaps/expert/", "/favicon.ico",
)  # fmt: skip


def partner_may_open(path: str) -> bool:
    """Whether a partner-only account may open `path` in the browser: its dashboard (which
    points to the API), its account pages, the API and its docs, and nothing else."""
    from django.urls import reverse

    return path == reverse("programme:dashboard") or path.startswith(PARTNER_PREFIXES)


def page_allows(url: str, user) -> bool:
    """Whether the page at `url` lets `user` in, asked of its view (`allows`), so the menu
    never repeats a view's roles. Pages with no such rule are open to every signed-in user
    (but for partner-only accounts, which read through the API: `partner_may_open`)."""
    from django.urls import resolve

    if user.is_authenticated and user.is_partner_only and not partner_may_open(url):
        return False
    view_class = getattr(resolve(url).func, "view_class", None)
    allows = getattr(view_class, "allows", None)
    return allows(user) if allows is not None else True


class SignInBackend(ModelBackend):
    """Django's own sign-in (username and password, active accounts only), reading a signed-in
    person back with their roles in the same query: every page asks for the roles (menu,
    rules), and one query fewer on every request of every signed-in person adds up."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = _users_with_roles().get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        user.roles_known(user.role_names)
        return user if self.user_can_authenticate(user) else None


@functools.cache
def _users_with_roles():
    """Users with their role names, built once per process: building the annotated query
    costs twice what running it does, on every request of every signed-in person
    (`.get()` works on a copy, so this one is never changed)."""
    user_model = get_user_model()
    return user_model._default_manager.annotate(role_names=user_model.roles_query("pk"))
