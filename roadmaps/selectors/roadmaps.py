"""Scoped reads for roadmaps, their versions and the SDG reference data."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmaps.choices import (
    CLOSED_ASSIGNMENT_STATUSES,
    REVIEW_QUEUE_STATUSES,
    AssessmentStatus,
    ReviewStatus,
)
from roadmaps.models import (
    Assessment,
    FeedbackReply,
    Goal,
    PublicReleaseConsent,
    Roadmap,
    RoadmapTarget,
    RoadmapVersion,
    Target,
    TargetLink,
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
            # Reviewers and outside experts alike; declined and withdrawn ones await nothing.
            reviewers=Count(
                "assignments",
                filter=~Q(assignments__status__in=CLOSED_ASSIGNMENT_STATUSES),
                distinct=True,
            ),
            reviews_in=Count(
                "assignments",
                filter=Q(assignments__review__status=ReviewStatus.SUBMITTED)
                & ~Q(assignments__status__in=CLOSED_ASSIGNMENT_STATUSES),
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


def next_step_for(user, versions, *, today: dt.date | None = None, links: bool = True):
    """Set on each queue row (`version_queue`) its `next_step` (the rule's), `next_link`
    (label and address, None when there is nothing to do but wait; not set without `links`,
    for a reader that names only a few rows) and `age_days` since it was submitted, with no
    query."""
    today = today or timezone.localdate()
    for version in versions:
        version.next_step = version_next_step_on(
            user,
            status=version.status,
            reviewers=version.reviewers,
            reviews_in=version.reviews_in,
            finalised=version.finalised,
        )
        if links:
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


def roadmap_target_list(*, user) -> QuerySet[RoadmapTarget]:
    """SDG targets of the roadmaps `user` may see."""
    return RoadmapTarget.objects.filter(
        roadmap__in=Roadmap.objects.visible_to(user).values("pk")
    ).select_related("target__goal", "roadmap")


def target_link_list(*, user, roadmap: Roadmap | None = None) -> QuerySet[TargetLink]:
    """Synergies and trade-offs between targets of the roadmaps `user` may see; a link a
    version makes only where that version is visible too (an unpublished draft's links are its
    country's and the secretariat's)."""
    visible_versions = RoadmapVersion.objects.visible_to(user).values("pk")
    links = TargetLink.objects.filter(roadmap__in=Roadmap.objects.visible_to(user).values("pk"))
    if roadmap is not None:
        links = links.filter(roadmap=roadmap)
    return links.filter(Q(version__isnull=True) | Q(version__in=visible_versions)).select_related(
        "from_target__goal", "to_target__goal", "version"
    )


def feedback_reply_list(*, user) -> QuerySet[FeedbackReply]:
    """Countries' replies to feedback: the secretariat all, a focal point their own
    country's (the feedback itself is read by no one else)."""
    if not (user and user.is_authenticated):
        return FeedbackReply.objects.none()
    replies = FeedbackReply.objects.select_related("version__roadmap", "author")
    if user.is_secretariat:
        return replies
    return replies.filter(version__roadmap__country_id__in=user.country_ids)


def consent_list_for(*, user) -> QuerySet[PublicReleaseConsent]:
    """Consents to public release `user` may see: the secretariat all, a focal point their
    own country's (`roadmaps.rules.consent_visible`, as a queryset)."""
    if not (user and user.is_authenticated):
        return PublicReleaseConsent.objects.none()
    consents = PublicReleaseConsent.objects.select_related("version__roadmap")
    if user.is_secretariat:
        return consents
    return consents.filter(version__roadmap__country_id__in=user.country_ids)


def feedback_replies_for(*, user, version: RoadmapVersion) -> dict:
    """The country's reply to the feedback on `version`, and the reply to the feedback on the
    version before it, which this one answers (each None if absent or not for `user`'s
    eyes): the version page and its assessment show both. One query."""
    replies = {
        r.version.number: r
        for r in feedback_reply_list(user=user).filter(
            version__roadmap_id=version.roadmap_id,
            version__number__in=[version.number, version.number - 1],
        )
    }
    return {
        "feedback_reply": replies.get(version.number),
        "previous_reply": replies.get(version.number - 1),
    }
