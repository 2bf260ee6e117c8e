"""Scoped reads for roadmaps, their versions and the SDG reference data."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from roadmaps.models import (
    Goal,
    Roadmap,
    RoadmapVersion,
    Target,
)
from roadmaps.rules import transition_comment_visible_on


def roadmap_list(*, user) -> QuerySet[Roadmap]:
    """Roadmaps this user may see: published ones, plus their own country's drafts."""
    return Roadmap.objects.visible_to(user).select_related("country__region", "owner")


def roadmap_version_list(*, user) -> QuerySet[RoadmapVersion]:
    """Roadmap versions this user may see."""
    return RoadmapVersion.objects.visible_to(user).select_related(
        "roadmap__country", "roadmap__owner", "created_by"
    )


def roadmap_latest_status(*, user) -> Subquery:
    """The status of each roadmap's latest version `user` may see (an expression for
    `Roadmap` querysets); never a newer draft the user may not see, so it reveals nothing."""
    latest = (
        RoadmapVersion.objects.visible_to(user)
        .filter(roadmap=OuterRef("pk"))
        .latest_first()
        .values("status")[:1]
    )
    return Subquery(latest)


def roadmap_version_history(*, user, version: RoadmapVersion):
    """The workflow moves of a version the user may see, newest first, with their actors;
    each carries `comment_visible` (`roadmaps.rules.transition_comment_visible`)."""
    moves = list(version.transitions.select_related("actor").order_by("-created_at", "-id"))
    country_id = version.roadmap.country_id
    for move in moves:
        move.comment_visible = transition_comment_visible_on(
            user, country_id=country_id, override=move.override
        )
    return moves


def goal_list(*, user) -> QuerySet[Goal]:
    """The 17 SDGs; reference data for signed-in users."""
    if not user.is_authenticated:
        return Goal.objects.none()
    return Goal.objects.all()


def target_list(*, user) -> QuerySet[Target]:
    """The 169 SDG targets with their goal; reference data for signed-in users."""
    if not user.is_authenticated:
        return Target.objects.none()
    return Target.objects.select_related("goal")
