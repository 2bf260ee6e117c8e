"""The monitoring API: read-only for everyone. Partners read frameworks, indicators and
periods of published roadmaps and only their approved updates; focal points their own
country's too; the secretariat everything (each model's `visible_to`)."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from base.api.base import ReadOnlyScopedViewSet, cached_body
from base.httpcache import app_models
from monitoring.api.serializers import (
    CountryUpdateSerializer,
    IndicatorSerializer,
    ReportingPeriodSerializer,
    ResultsFrameworkSerializer,
    SdgIndicatorSerializer,
)
from monitoring.filtersets import (
    CountryUpdateFilterSet,
    IndicatorFilterSet,
    ReportingPeriodFilterSet,
    ResultsFrameworkFilterSet,
    SdgIndicatorFilterSet,
)
from monitoring.iati import iati_results, iati_results_xml
from monitoring.models import (
    Action,
    ActionReport,
    CountryUpdate,
    Evidence,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Objective,
    ReportingPeriod,
    ResultsFramework,
    SdgIndicator,
)
from monitoring.selectors import framework_list, indicator_list, period_list, update_list
from pilots.models import Country
from programme.models import Organisation
from roadmaps.models import Goal, Roadmap, RoadmapVersion, Target

# What every monitoring list's scoping reads: the roadmap (its country) and whether it has a
# published version.
_SCOPE = (Roadmap, RoadmapVersion)
# What a roadmap's IATI results document reads.
IATI_MODELS = (*app_models("monitoring"), *_SCOPE, Country, Organisation, Target, Goal)


def sdg_indicator_list(*, user):
    """The SDG indicators: reference data for everyone signed in."""
    return SdgIndicator.objects.select_related("target").order_by("order")


class SdgIndicatorViewSet(ReadOnlyScopedViewSet):
    """The SDG global indicator framework's indicators (reference data)."""

    selector = staticmethod(sdg_indicator_list)
    serializer_class = SdgIndicatorSerializer
    filterset_class = SdgIndicatorFilterSet
    search_fields = ("code", "title")
    ordering_fields = ("order", "code")
    cache_models = (SdgIndicator, Target, Goal)


class ResultsFrameworkViewSet(ReadOnlyScopedViewSet):
    """Results frameworks, one per roadmap version, and a roadmap's results in IATI's shape."""

    selector = staticmethod(framework_list)
    serializer_class = ResultsFrameworkSerializer
    filterset_class = ResultsFrameworkFilterSet
    ordering_fields = ("created_at",)
    cache_models = (ResultsFramework, *_SCOPE, Country)

    @extend_schema(
        summary="The framework's roadmap results, IATI-style",
        description=(
            "The roadmap's current results framework as IATI activity `result` elements "
            "(result, indicator, baseline, period, target, actual), with the actual values "
            "of approved updates the caller may read. `format=json` (IATI element and "
            "attribute names as keys) or `format=xml` (IATI 2.03 elements)."
        ),
        parameters=[
            OpenApiParameter(
                "format", str, enum=["json", "xml"], default="json", description="File format."
            )
        ],
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.STR),
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def iati(self, request, *args, **kwargs):
        fmt = request.query_params.get("format", "json")

        def build() -> bytes | str:
            framework = self.get_object()
            if fmt not in ("json", "xml"):
                raise ValidationError({"format": ["Choose one of: json, xml."]})
            document = iati_results(user=request.user, roadmap=framework.roadmap)
            if fmt == "xml":
                return iati_results_xml(document)
            return JSONRenderer().render(document)

        # Kept per caller until the roadmap's monitoring records, the roadmap (and its
        # versions, which decide who sees it), its country or the institutions change.
        body = cached_body(request, f"api:{self.basename}:iati", IATI_MODELS, build)
        if fmt == "xml":
            response = HttpResponse(body, content_type="application/xml")
            response["Content-Disposition"] = 'attachment; filename="results.xml"'
            return response
        return HttpResponse(body, content_type="application/json")


class IndicatorViewSet(ReadOnlyScopedViewSet):
    """Indicators of results frameworks, with baselines and yearly targets."""

    selector = staticmethod(indicator_list)
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    search_fields = ("title", "definition")
    ordering_fields = ("baseline_year", "title")
    cache_models = (
        Indicator,
        IndicatorTarget,
        Action,
        Objective,
        ResultsFramework,
        SdgIndicator,
        Organisation,
        *_SCOPE,
        Country,
    )


class ReportingPeriodViewSet(ReadOnlyScopedViewSet):
    """Reporting periods of roadmaps."""

    selector = staticmethod(period_list)
    serializer_class = ReportingPeriodSerializer
    filterset_class = ReportingPeriodFilterSet
    ordering_fields = ("starts_on", "due_on")
    cache_models = (ReportingPeriod, *_SCOPE, Country)


class CountryUpdateViewSet(ReadOnlyScopedViewSet):
    """Countries' updates on their reporting periods (partners: approved ones only)."""

    selector = staticmethod(update_list)
    serializer_class = CountryUpdateSerializer
    filterset_class = CountryUpdateFilterSet
    prefetch = ("values", "action_reports", "evidence")
    search_fields = ("narrative",)
    ordering_fields = ("submitted_at", "approved_at")
    cache_models = (
        CountryUpdate,
        IndicatorValue,
        ActionReport,
        Evidence,
        Indicator,
        Action,
        ReportingPeriod,
        ResultsFramework,
        *_SCOPE,
        Country,
    )
