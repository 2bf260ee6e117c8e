"""Scoped reads for the Guidebook."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from guidebook.models import Chapter, GuidebookEdition


def chapter_list(*, user) -> QuerySet[Chapter]:
    """Chapters this user may see: all for the secretariat, public editions' for others."""
    return Chapter.objects.visible_to(user).select_related("edition", "lead_organisation")


def edition_list(*, user) -> QuerySet[GuidebookEdition]:
    """Guidebook editions, each with the chapters this user may see."""
    if not user.is_authenticated:
        return GuidebookEdition.objects.none()
    return GuidebookEdition.objects.prefetch_related(
        Prefetch("chapters", queryset=chapter_list(user=user), to_attr="visible_chapters")
    )
