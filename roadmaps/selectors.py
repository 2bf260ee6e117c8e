"""Scoped reads for roadmaps and their versions."""

from __future__ import annotations

from django.db.models import QuerySet

from roadmaps.models import Roadmap, RoadmapVersion


def roadmap_list(*, user) -> QuerySet[Roadmap]:
    """Roadmaps this user may see: published ones, plus their own country's drafts."""
    return Roadmap.objects.visible_to(user).select_related("country__region", "owner")


def roadmap_version_list(*, user) -> QuerySet[RoadmapVersion]:
    """Roadmap versions this user may see."""
    return RoadmapVersion.objects.visible_to(user).select_related(
        "roadmap__country", "roadmap__owner", "created_by"
    )


def roadmap_version_history(*, user, version: RoadmapVersion):
    """The workflow moves of a version the user may see, newest first, with their actors."""
    return version.transitions.select_related("actor").order_by("-created_at", "-id")
