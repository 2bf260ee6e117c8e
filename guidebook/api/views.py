"""API endpoints for the Guidebook."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from guidebook.api.serializers import ChapterSerializer, GuidebookEditionSerializer
from guidebook.filtersets import ChapterFilterSet, GuidebookEditionFilterSet
from guidebook.selectors import chapter_list, edition_list
from programme.api.base import ReadOnlyScopedViewSet


@extend_schema_view(
    list=extend_schema(summary="List Guidebook editions"),
    retrieve=extend_schema(summary="One Guidebook edition"),
)
class GuidebookEditionViewSet(ReadOnlyScopedViewSet):
    """Editions of the Guidebook for the preparation of STI for SDGs roadmaps."""

    selector = staticmethod(edition_list)
    serializer_class = GuidebookEditionSerializer
    filterset_class = GuidebookEditionFilterSet
    search_fields = ("title", "label")
    ordering_fields = ("target_date", "label")


@extend_schema_view(
    list=extend_schema(summary="List Guidebook chapters"),
    retrieve=extend_schema(summary="One Guidebook chapter"),
)
class ChapterViewSet(ReadOnlyScopedViewSet):
    """Chapters of editions in consultation or published (all, for the secretariat)."""

    selector = staticmethod(chapter_list)
    serializer_class = ChapterSerializer
    filterset_class = ChapterFilterSet
    search_fields = ("title", "summary")
    ordering_fields = ("number", "title")
