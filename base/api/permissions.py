"""Who may call what: everyone signed in reads (rows are scoped by the queryset); writes are
for the roles a viewset names. Unsafe calls on an object are checked after the object is found,
so an object outside a caller's scope is a 404 and a visible one a 403."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission


class ScopedAccess(BasePermission):
    """Reading for signed-in users, writing for `view.can_write(user)`."""

    message = "Your role may read this resource but not change it."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        if not hasattr(view, request.method.lower()):
            # No such method here: let the view answer 405 to everyone signed in.
            return True
        lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")
        if lookup in getattr(view, "kwargs", {}):
            # Decided in has_object_permission, once the object is known to be in scope.
            return True
        return view.can_write(user)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return view.can_write(request.user)
