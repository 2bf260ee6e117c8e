"""Role checks shared by UI views and API permissions."""

from __future__ import annotations

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from programme.choices import Role


def ensure_role_groups() -> dict[str, Group]:
    """Create the auth Group behind each role (idempotent)."""
    return {role: Group.objects.get_or_create(name=role)[0] for role in Role.values}


def grant_role(user, role: str) -> None:
    """Give `user` a role; clears the per-instance role cache."""
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    user.__dict__.pop("roles", None)
    user.__dict__.pop("country_ids", None)


class RoleRequiredMixin(AccessMixin):
    """Views limited to some roles. Anonymous users go to the login page; signed-in users
    without the role get 403 (the page exists for everyone; only rows are hidden with 404)."""

    allowed_roles: tuple[str, ...] = (Role.SECRETARIAT,)

    @classmethod
    def allows(cls, user) -> bool:
        """Whether `user` may open this page: the rule the menu asks too."""
        return bool(
            user.is_authenticated
            and (user.is_secretariat or any(user.has_role(r) for r in cls.allowed_roles))
        )

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not self.allows(user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def page_allows(url: str, user) -> bool:
    """Whether the page at `url` lets `user` in, asked of its view (`allows`), so the menu
    never repeats a view's roles. Pages with no such rule are open to every signed-in user."""
    from django.urls import resolve

    view_class = getattr(resolve(url).func, "view_class", None)
    allows = getattr(view_class, "allows", None)
    return allows(user) if allows is not None else True
