"""Scoped reads for meetings and the advisory group."""

from __future__ import annotations

from django.db.models import QuerySet

from egm.models import AdvisoryGroupMembership, Meeting


def meeting_list(*, user) -> QuerySet[Meeting]:
    """Meetings this user may see, hosts and place joined in."""
    return (
        Meeting.objects.visible_to(user)
        .select_related("country", "track")
        .prefetch_related("host_links__organisation")
    )


def advisory_group_list(*, user) -> QuerySet[AdvisoryGroupMembership]:
    """The advisory group's seats; public to every signed-in user."""
    if not user.is_authenticated:
        return AdvisoryGroupMembership.objects.none()
    return AdvisoryGroupMembership.objects.select_related("organisation", "user")
