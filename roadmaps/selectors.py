"""Scoped reads for roadmaps and their versions."""

from __future__ import annotations

from django.db.models import QuerySet

from roadmaps.choices import VersionStatus
from roadmaps.models import Criterion, Goal, Roadmap, RoadmapVersion, Rubric, Target


def roadmap_list(*, user) -> QuerySet[Roadmap]:
    """Roadmaps this user may see: published ones, plus their own country's drafts."""
    return Roadmap.objects.visible_to(user).select_related("country__region", "owner")


def roadmap_version_list(*, user) -> QuerySet[RoadmapVersion]:
    """Roadmap versions this user may see."""
    return RoadmapVersion.objects.visible_to(user).select_related(
        "roadmap__country", "roadmap__owner", "created_by"
    )


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


def rubric_list(*, user) -> QuerySet[Rubric]:
    """Rubric versions: published ones for everyone signed in, drafts for the secretariat."""
    if not user.is_authenticated:
        return Rubric.objects.none()
    if user.is_secretariat:
        return Rubric.objects.all()
    return Rubric.objects.filter(published_at__isnull=False)


def criterion_list(*, user) -> QuerySet[Criterion]:
    """Criteria of the rubric versions this user may see, with their group."""
    return Criterion.objects.filter(rubric__in=rubric_list(user=user)).select_related(
        "rubric", "group"
    )


def roadmap_version_file_visible(*, user, version: RoadmapVersion) -> bool:
    """Whether `user` may download `version`'s file: anyone who sees it once it is published;
    before that the secretariat and the country's own focal points. No query (reads the
    version's roadmap, which list selectors join in)."""
    if version.status == VersionStatus.PUBLISHED:
        return True
    if not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    return version.roadmap.country_id is not None and version.roadmap.country_id in (
        user.country_ids
    )
