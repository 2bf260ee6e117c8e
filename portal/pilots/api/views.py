"""API endpoints for regions, countries and pilots."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import filters
from rest_framework.decorators import action
from rest_framework.response import Response

from base.api.base import ReadOnlyScopedViewSet
from pilots.api.serializers import (
    CountrySerializer,
    PilotSerializer,
    PilotTransitionSerializer,
    RegionSerializer,
)
from pilots.models import Cohort, Country, Pilot, PilotStep, PilotSupport, Region
from pilots.rules import pilot_can_change
from pilots.services import pilot_transition
from portal.pilots.filtersets import CountryFilterSet, PilotFilterSet, RegionFilterSet
from portal.pilots.selectors import country_list, pilot_api_list, region_list
from programme.models import Organisation
from roadmaps.models import Goal, Roadmap, RoadmapGoal

PILOT_EXAMPLE = OpenApiExample(
    "A pilot country",
    value={
        "id": 2,
        "name": "Ghana",
        "kind": "national",
        "status": "active",
        "country": {"id": 83, "iso3": "GHA", "name": "Ghana"},
        "organisation": None,
        "cohort": "First cohort (2019)",
        "phase": "",
        "announced_on": "2019-07-16",
        "joined_on": "2019-07-16",
        "ended_on": None,
        "lead_institution": None,
        "summary": "",
        "steps": [
            {
                "step": 1,
                "name": "Objectives and scope",
                "status": "done",
                "started_on": "2019-09-01",
                "completed_on": "2020-02-28",
            }
        ],
        "supporting_organisations": [
            {
                "organisation": {"id": 3, "name": "World Bank", "acronym": "WB"},
                "role": "co_lead",
                "start_on": "2019-07-16",
                "end_on": None,
            }
        ],
        "updated_at": "2021-02-01T09:00:00Z",
    },
    response_only=True,
)


@extend_schema_view(
    list=extend_schema(summary="List M49 regions"), retrieve=extend_schema(summary="One region")
)
class RegionViewSet(ReadOnlyScopedViewSet):
    """UN M49 geographic regions, sub-regions and intermediate regions."""

    selector = staticmethod(region_list)
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    search_fields = ("name",)
    ordering_fields = ("name", "level")
    cache_models = (Region,)


@extend_schema_view(
    list=extend_schema(summary="List countries"), retrieve=extend_schema(summary="One country")
)
class CountryViewSet(ReadOnlyScopedViewSet):
    """UN member and observer states with their M49 regions."""

    selector = staticmethod(country_list)
    serializer_class = CountrySerializer
    filterset_class = CountryFilterSet
    search_fields = ("name", "iso3", "iso2")
    ordering_fields = ("name", "iso3")
    cache_models = (Country, Region)


@extend_schema_view(
    list=extend_schema(
        summary="List pilots",
        description=(
            "Pilots of the Global Pilot Programme with their six steps and supporting "
            "organisations. Sort with `ordering=country|status|joined|step` (prefix `-` to "
            "reverse); give several keys comma-separated (`ordering=status,-joined`) to break "
            "ties, the first key first."
        ),
        examples=[PILOT_EXAMPLE],
    ),
    retrieve=extend_schema(summary="One pilot", examples=[PILOT_EXAMPLE]),
)
class PilotViewSet(ReadOnlyScopedViewSet):
    """Pilot countries and international partners; which countries take part is public."""

    selector = staticmethod(pilot_api_list)
    serializer_class = PilotSerializer
    filterset_class = PilotFilterSet
    # The FilterSet brings its own `ordering` (the same sort keys as the UI list).
    filter_backends = [DjangoFilterBackend, filters.SearchFilter]
    search_fields = ("country__name", "organisation__name")
    # The transition action: who may move a pilot along its status path.
    write_rule = staticmethod(pilot_can_change)
    # The rows, the serializer and the filters (`sdg` reads roadmaps' SDG links).
    cache_models = (
        Pilot,
        PilotStep,
        PilotSupport,
        Country,
        Region,
        Cohort,
        Organisation,
        Goal,
        Roadmap,
        RoadmapGoal,
    )

    def get_serializer_class(self):
        if self.action == "transition":
            return PilotTransitionSerializer
        return PilotSerializer

    @extend_schema(
        summary="Move a pilot's status (secretariat)",
        description=(
            "Moves the pilot along an allowed path (e.g. accepted to active, any live status "
            "to withdrawn) and records who moved it and why. A move the path does not allow "
            "is a 409 (`illegal_transition`)."
        ),
        request=PilotTransitionSerializer,
        responses={200: PilotSerializer},
    )
    @action(detail=True, methods=["post"], url_path="transition")
    def transition(self, request, *args, **kwargs):
        pilot = self.get_object()
        move = self.get_serializer(data=request.data)
        move.is_valid(raise_exception=True)
        pilot_transition(actor=request.user, pilot=pilot, **move.validated_data)
        pilot = self.get_queryset().get(pk=pilot.pk)
        return Response(PilotSerializer(pilot, context=self.get_serializer_context()).data)
