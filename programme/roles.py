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

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not (user.is_secretariat or any(user.has_role(r) for r in self.allowed_roles)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
