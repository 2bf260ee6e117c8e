"""API endpoints for SDGs, rubrics, roadmaps and roadmap versions."""

from __future__ import annotations

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.decorators import action

from programme.api.base import ReadOnlyScopedViewSet
from roadmaps.api.serializers import (
    CriterionSerializer,
    GoalSerializer,
    RoadmapSerializer,
    RoadmapVersionSerializer,
    RubricSerializer,
    TargetSerializer,
)
from roadmaps.filtersets import (
    CriterionFilterSet,
    GoalFilterSet,
    RoadmapFilterSet,
    RoadmapVersionFilterSet,
    RubricFilterSet,
    TargetFilterSet,
)
from roadmaps.selectors import (
    criterion_list,
    goal_list,
    roadmap_list,
    roadmap_version_file_visible,
    roadmap_version_list,
    rubric_list,
    target_list,
)

ROADMAP_EXAMPLE = OpenApiExample(
    "A national roadmap",
    value={
        "id": 4,
        "kind": "national",
        "title": "Ghana STI for SDGs roadmap",
        "summary": "Science, technology and innovation for industrialisation and jobs.",
        "country": {"id": 83, "iso3": "GHA", "name": "Ghana"},
        "owner": None,
        "goals": [
            {
                "goal": 9,
                "short_title": "Industry, innovation and infrastructure",
                "priority": "primary",
            }
        ],
        "targets": [{"target": "9.5", "priority": "primary", "synergies": "", "trade_offs": ""}],
        "created_at": "2019-09-01T10:00:00Z",
        "updated_at": "2021-03-15T14:30:00Z",
    },
    response_only=True,
)

VERSION_EXAMPLE = OpenApiExample(
    "A published version",
    value={
        "id": 12,
        "roadmap": 4,
        "roadmap_title": "Ghana STI for SDGs roadmap",
        "country": {"id": 83, "iso3": "GHA", "name": "Ghana"},
        "number": 3,
        "status": "published",
        "original_filename": "ghana-roadmap-v3.pdf",
        "content_type": "application/pdf",
        "size": 2483021,
        "sha256": "9f2c4e0d8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6",
        "change_summary": "Validated by the national task team.",
        "created_at": "2021-02-10T09:12:00Z",
        "submitted_at": "2021-02-11T16:40:00Z",
        "published_at": "2021-04-02T08:00:00Z",
        "file_url": "https://sti-roadmaps.example.org/api/v1/roadmap-versions/12/file/",
    },
    response_only=True,
)


@extend_schema_view(
    list=extend_schema(summary="List the 17 SDGs"), retrieve=extend_schema(summary="One SDG")
)
class GoalViewSet(ReadOnlyScopedViewSet):
    """The Sustainable Development Goals (A/RES/71/313)."""

    selector = staticmethod(goal_list)
    serializer_class = GoalSerializer
    filterset_class = GoalFilterSet
    search_fields = ("short_title", "title")
    ordering_fields = ("number",)


@extend_schema_view(
    list=extend_schema(summary="List SDG targets"), retrieve=extend_schema(summary="One target")
)
class TargetViewSet(ReadOnlyScopedViewSet):
    """The 169 SDG targets."""

    selector = staticmethod(target_list)
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet
    search_fields = ("code", "text")
    ordering_fields = ("code",)


@extend_schema_view(
    list=extend_schema(summary="List rubric versions"),
    retrieve=extend_schema(summary="One rubric version"),
)
class RubricViewSet(ReadOnlyScopedViewSet):
    """Versions of the effectiveness-criteria rubric; partners see published versions."""

    selector = staticmethod(rubric_list)
    serializer_class = RubricSerializer
    filterset_class = RubricFilterSet
    prefetch = ("groups",)
    ordering_fields = ("version", "published_at")


@extend_schema_view(
    list=extend_schema(summary="List effectiveness criteria"),
    retrieve=extend_schema(summary="One criterion"),
)
class CriterionViewSet(ReadOnlyScopedViewSet):
    """The ten effectiveness criteria of each rubric version, with their level descriptors."""

    selector = staticmethod(criterion_list)
    serializer_class = CriterionSerializer
    filterset_class = CriterionFilterSet
    prefetch = ("levels",)
    search_fields = ("name", "short_name", "description")
    ordering_fields = ("number",)


@extend_schema_view(
    list=extend_schema(
        summary="List roadmaps",
        description=(
            "Roadmaps with the SDGs and targets they address. Partners see roadmaps with a "
            "published version; focal points also see their own country's."
        ),
        examples=[ROADMAP_EXAMPLE],
    ),
    retrieve=extend_schema(summary="One roadmap", examples=[ROADMAP_EXAMPLE]),
)
class RoadmapViewSet(ReadOnlyScopedViewSet):
    """STI for SDGs roadmaps, filterable by country, region and SDG (RoadmapFilterSet)."""

    selector = staticmethod(roadmap_list)
    serializer_class = RoadmapSerializer
    filterset_class = RoadmapFilterSet
    prefetch = ("goal_links__goal", "target_links__target")
    search_fields = ("title", "summary")
    ordering_fields = ("title", "created_at", "updated_at")


@extend_schema_view(
    list=extend_schema(
        summary="List roadmap versions",
        description=(
            "Versions' metadata. Partners see published versions only; `file_url` is set "
            "when you may download the file."
        ),
        examples=[VERSION_EXAMPLE],
    ),
    retrieve=extend_schema(summary="One roadmap version", examples=[VERSION_EXAMPLE]),
)
class RoadmapVersionViewSet(ReadOnlyScopedViewSet):
    """Roadmap versions; the file is downloadable once published (earlier for its country)."""

    selector = staticmethod(roadmap_version_list)
    serializer_class = RoadmapVersionSerializer
    filterset_class = RoadmapVersionFilterSet
    search_fields = ("roadmap__title", "change_summary")
    ordering_fields = ("number", "created_at", "published_at")

    @extend_schema(
        summary="Download a version's file",
        responses={
            (200, "*/*"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file as uploaded (PDF or Word)."
            )
        },
    )
    @action(detail=True, methods=["get"], url_path="file")
    def file(self, request, *args, **kwargs):
        version = self.get_object()
        if not roadmap_version_file_visible(user=request.user, version=version):
            raise Http404("No file available.")
        return FileResponse(
            version.file.open("rb"),
            as_attachment=True,
            filename=version.original_filename,
            content_type=version.content_type,
        )
