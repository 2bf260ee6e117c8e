"""One FilterSet per listable monitoring model, shared by the pages and the API.

Filters on another scoped model's id (roadmap, framework, period) are plain numbers, never
choices among rows: they only narrow the caller's already scoped rows, so a hidden or unknown
id gives the same empty list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from monitoring.choices import Direction, UpdateStatus
from monitoring.models import (
    CountryUpdate,
    Indicator,
    ReportingPeriod,
    ResultsFramework,
    SdgIndicator,
)
from pilots.models import Country


class SdgIndicatorFilterSet(django_filters.FilterSet):
    goal = django_filters.NumberFilter(field_name="target__goal__number", label=_("SDG"))
    target = django_filters.CharFilter(field_name="target__code", label=_("SDG target code"))

    class Meta:
        model = SdgIndicator
        fields = ["goal", "target"]


class ResultsFrameworkFilterSet(django_filters.FilterSet):
    roadmap = django_filters.NumberFilter(field_name="roadmap", label=_("Roadmap id"))
    country = django_filters.ModelChoiceFilter(
        field_name="roadmap__country", queryset=Country.objects.all(), label=_("Country")
    )

    class Meta:
        model = ResultsFramework
        fields = ["roadmap", "country"]


class IndicatorFilterSet(django_filters.FilterSet):
    framework = django_filters.NumberFilter(
        field_name="action__objective__framework", label=_("Framework id")
    )
    roadmap = django_filters.NumberFilter(
        field_name="action__objective__framework__roadmap", label=_("Roadmap id")
    )
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    sdg_indicator = django_filters.CharFilter(
        field_name="sdg_indicator__code", label=_("SDG indicator code")
    )

    class Meta:
        model = Indicator
        fields = ["framework", "roadmap", "direction", "sdg_indicator"]


class ReportingPeriodFilterSet(django_filters.FilterSet):
    roadmap = django_filters.NumberFilter(field_name="roadmap", label=_("Roadmap id"))
    country = django_filters.ModelChoiceFilter(
        field_name="roadmap__country", queryset=Country.objects.all(), label=_("Country")
    )
    due_after = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label=_("Due on or after")
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label=_("Due on or before")
    )

    class Meta:
        model = ReportingPeriod
        fields = ["roadmap", "country", "due_after", "due_before"]


class CountryUpdateFilterSet(django_filters.FilterSet):
    roadmap = django_filters.NumberFilter(field_name="period__roadmap", label=_("Roadmap id"))
    period = django_filters.NumberFilter(field_name="period", label=_("Reporting period id"))
    country = django_filters.ModelChoiceFilter(
        field_name="period__roadmap__country", queryset=Country.objects.all(), label=_("Country")
    )
    status = django_filters.ChoiceFilter(choices=UpdateStatus.choices, label=_("Status"))

    class Meta:
        model = CountryUpdate
        fields = ["roadmap", "period", "country", "status"]
