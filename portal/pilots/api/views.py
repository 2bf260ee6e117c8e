"""API endpoints for regions, countries and pilots."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import filters, mixins
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from base.api.base import CachedReadsMixin, ReadOnlyScopedViewSet, ScopedViewSet
from pilots.api.serializers import (
    CountrySerializer,
    CountryStepSerializer,
    PilotSerializer,
    PilotTransitionSerializer,
    RegionSerializer,
    TaskTeamPersonSerializer,
)
from pilots.models import (
    Cohort,
    Country,
    Pilot,
    PilotStep,
    PilotSupport,
    Region,
    TaskTeamPerson,
)
from pilots.rules import country_keeper, pilot_can_change
from pilots.services import pilot_transition, task_team_person_remove
from portal.pilots.filtersets import (
    CountryFilterSet,
    CountryStepFilterSet,
    PilotFilterSet,
    RegionFilterSet,
    TaskTeamPersonFilterSet,
)
from portal.pilots.selectors import (
    country_list,
    pilot_api_list,
    pilot_keep_list,
    pilot_step_list,
    region_list,
    task_team_person_list,
)
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


class _CountryKeptViewSet(ScopedViewSet):
    """Records a country keeps itself: everyone signed in reads them (within scope); the
    country's focal points and the secretariat write them (`country_keeper`). A write
    addresses only rows of pilots the caller keeps, so another country's is a 404."""

    write_rule = staticmethod(country_keeper)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.method not in SAFE_METHODS:
            queryset = queryset.filter(pilot__in=pilot_keep_list(user=self.request.user))
        return queryset


@extend_schema_view(
    list=extend_schema(summary="List the six steps' records"),
    retrieve=extend_schema(summary="One step's record"),
    create=extend_schema(
        summary="Record a step (the country's focal points, the secretariat)",
        description=(
            "Records the step's status, dates, short note and evidence links for a pilot whose "
            "record you keep; a step recorded before is updated. Invalid dates or links are a "
            "400 with the fields named."
        ),
    ),
    update=extend_schema(summary="Replace a step's record"),
    partial_update=extend_schema(summary="Change a step's record"),
)
class CountryStepViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    _CountryKeptViewSet,
):
    """Pilots' progress through the six methodology steps, kept by the countries."""

    selector = staticmethod(pilot_step_list)
    serializer_class = CountryStepSerializer
    filterset_class = CountryStepFilterSet
    ordering_fields = ("step",)
    cache_models = (PilotStep, Pilot, Country, Organisation)


@extend_schema_view(
    list=extend_schema(summary="List task-team people"),
    retrieve=extend_schema(summary="One task-team member"),
    create=extend_schema(summary="Add a person to a task team (the country, the secretariat)"),
    destroy=extend_schema(summary="Remove a person from a task team"),
)
class TaskTeamPersonViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    _CountryKeptViewSet,
):
    """Named people of pilots' national task teams; contacts only for the secretariat and the
    country's focal points."""

    selector = staticmethod(task_team_person_list)
    serializer_class = TaskTeamPersonSerializer
    filterset_class = TaskTeamPersonFilterSet
    search_fields = ("name", "organisation")
    ordering_fields = ("name", "role")
    cache_models = (TaskTeamPerson, Pilot, Country)

    def perform_destroy(self, instance):
        task_team_person_remove(actor=self.request.user, person=instance)
