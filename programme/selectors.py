"""Reads that need scoping, shared by UI views and the API."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from programme.models import Milestone, Organisation


def get_visible_or_404(queryset: QuerySet, user, action: str = "view", **lookup):
    """Fetch one object by `lookup` and check `user` may `action` it, in one query.

    Anything outside the user's scope is a 404, so nobody learns that it exists.
    """
    try:
        return queryset.restrict(user, action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404(f"No {queryset.model._meta.verbose_name} found.") from exc


def organisation_list(*, user) -> QuerySet[Organisation]:
    """Organisations, with their seat country; reference data every signed-in user may read."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.select_related("country")


def milestone_list(*, user) -> QuerySet[Milestone]:
    """Milestones this user may see: public ones, their country's, and those they own."""
    return Milestone.objects.visible_to(user).select_related("country", "component", "responsible")
