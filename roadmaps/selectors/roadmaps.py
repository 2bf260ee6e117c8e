"""Scoped reads for roadmaps, their versions and the SDG reference data."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmaps.choices import REVIEW_QUEUE_STATUSES, AssessmentStatus, ReviewStatus
from roadmaps.models import (
    Assessment,
    Goal,
    Roadmap,
    RoadmapVersion,
    Target,
)
from roadmaps.rules import NextStep, transition_comment_visible_on, version_next_step_on


def roadmap_list(*, user) -> QuerySet[Roadmap]:
    """Roadmaps this user may see: published ones, plus their own country's drafts."""
    return Roadmap.objects.visible_to(user).select_related("country__region", "owner")


def roadmap_version_list(*, user) -> QuerySet[RoadmapVersion]:
    """Roadmap versions this user may see."""
    return RoadmapVersion.objects.visible_to(user).select_related(
        "roadmap__country", "roadmap__owner", "created_by"
    )


def version_queue(*, user) -> QuerySet[RoadmapVersion]:
    """The review queue: versions in the secretariat's hands (and accepted ones to publish)
    that `user` may see, oldest submission first, each with its reviewers, the reviews in and
    whether its assessment is finalised; `next_step_for(user, rows)` adds each row's step."""
    return (
        roadmap_version_list(user=user)
        .filter(status__in=REVIEW_QUEUE_STATUSES)
        .annotate(
            reviewers=Count("assignments", distinct=True),
            reviews_in=Count(
                "assignments",
                filter=Q(assignments__review__status=ReviewStatus.SUBMITTED),
                distinct=True,
            ),
            finalised=Exists(
                Assessment.objects.filter(version=OuterRef("pk"), status=AssessmentStatus.FINALISED)
            ),
        )
        .order_by("submitted_at", "pk")
    )


# Where each next step is taken, and what its button says.
NEXT_STEP_LINKS = {
    NextStep.ASSIGN: (_("Assign reviewers"), "roadmaps:version-assessment", "#assign-h"),
    NextStep.AWAIT_REVIEWS: (_("Follow the reviews"), "roadmaps:version-assessment", ""),
    NextStep.CONSOLIDATE: (
        _("Consolidate the reviews"),
        "roadmaps:version-assessment",
        "#consolidation-heading",
    ),
    NextStep.ACCEPT: (_("Accept or return"), "roadmaps:version-detail", "#actions-h"),
    NextStep.PUBLISH: (_("Publish"), "roadmaps:version-detail", "#actions-h"),
}


def next_step_link(step: str | None, version: RoadmapVersion) -> tuple[str, str] | None:
    """(button label, address) of a version's next step, or None when there is none."""
    if step is None:
        return None
    label, name, anchor = NEXT_STEP_LINKS[step]
    return str(label), reverse(name, args=[version.pk]) + anchor


def next_step_for(user, versions, *, today: dt.date | None = None):
    """Set on each queue row (`version_queue`) its `next_step` (the rule's), `next_link`
    (label and address, None when there is nothing to do but wait) and `age_days` since it was
    submitted, with no query."""
    today = today or timezone.localdate()
    for version in versions:
        version.next_step = version_next_step_on(
            user,
            status=version.status,
            reviewers=version.reviewers,
            reviews_in=version.reviews_in,
            finalised=version.finalised,
        )
        version.next_link = next_step_link(version.next_step, version)
        submitted = version.submitted_at or version.created_at
        version.age_days = (today - timezone.localtime(submitted).date()).days
    return versions


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
