import django_filters
from django import forms
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from pilots.choices import PilotKind, PilotStatus, RegionLevel, RoadmapStep, UNStatus
from pilots.models import (
    ALL_STEPS_DONE,
    Cohort,
    Country,
    Pilot,
    PilotStep,
    PilotSupport,
    Region,
    TaskTeamPerson,
)
from programme.models import Organisation
from roadmaps.models import Goal, Roadmap, RoadmapGoal

# Lazy labels: the choices are built when the module loads, the page in the reader's language.
CURRENT_STEP_CHOICES = [
    *((step.value, format_lazy("{}. {}", step.value, step.label)) for step in RoadmapStep),
    (ALL_STEPS_DONE, _("All six steps done")),
]


class CountryFilterSet(django_filters.FilterSet):
    """Filters for country lists, shared by the UI and the API."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.filter(level="region")
    )
    un_status = django_filters.ChoiceFilter(label=_("UN status"), choices=UNStatus.choices)

    class Meta:
        model = Country
        fields = ["region", "sub_region", "un_status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(iso2__iexact=value) | Q(iso3__iexact=value)
        )


class AllKeysOrderingWidget(django_filters.widgets.BaseCSVWidget, forms.Select):
    """Reads every sort key given: comma-separated (`ordering=status,country`, as the schema
    documents) and repeated (`ordering=status&ordering=country`), in the order given. The
    plain CSV widget reads one value of the parameter, so a repeated key kept only the last.
    The list page still shows it as a select of single keys."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else None
        if not values or len(values) == 1:
            return super().value_from_datadict(data, files, name)
        return [key for value in values for key in value.split(",") if key]


# django-filter's own catalogue has "%s (descending)" in French and Spanish.
_descending = lazy(lambda label: gettext("%s (descending)") % label, str)


class PilotOrderingFilter(django_filters.OrderingFilter):
    """Sorting for pilots, by one key or several in order; sorting by current step brings in
    the progress annotation when the queryset does not have it (the API's does not)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", AllKeysOrderingWidget)
        super().__init__(*args, **kwargs)

    def build_choices(self, fields, labels):
        # django-filter formats "(descending)" once, when the filter set is defined (in
        # English); these labels are formatted each time a page shows them, in its language.
        ascending = [(param, labels.get(field, param)) for field, param in fields.items()]
        descending = [(f"-{param}", _descending(label)) for param, label in ascending]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]

    def filter(self, qs, value):
        by_step = any(v.lstrip("-") == "step" for v in value or ())
        if by_step and "current_step" not in qs.query.annotations:
            qs = qs.with_progress()
        return super().filter(qs, value)


class PilotFilterSet(django_filters.FilterSet):
    """Filters for pilot lists, shared by the UI and the API.

    `step` is the pilot's current step: the first of the six methodology steps that is not
    done (the querysets' `with_progress()` annotation), so "step 3" lists the pilots now
    working on their vision, goals and targets.
    """

    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PilotKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PilotStatus.choices)
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="country__region",
        queryset=Region.objects.filter(level="region"),
    )
    cohort = django_filters.ModelChoiceFilter(label=_("Cohort"), queryset=Cohort.objects.all())
    step = django_filters.ChoiceFilter(
        choices=CURRENT_STEP_CHOICES, method="filter_step", label=_("Current step")
    )
    sdg = django_filters.ModelChoiceFilter(
        queryset=Goal.objects.all(), method="filter_sdg", label=_("SDG")
    )
    supporter = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(pilot_supports__isnull=False).distinct(),
        method="filter_supporter",
        label=_("Supporting organisation"),
    )
    ordering = PilotOrderingFilter(
        fields=(
            ("country__name", "country"),
            ("status", "status"),
            ("joined_on", "joined"),
            ("current_step", "step"),
        ),
        field_labels={
            "country__name": _("Country"),
            "status": _("Status"),
            "joined_on": _("Joined"),
            "current_step": _("Step"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Pilot
        fields = ["q", "kind", "status", "region", "cohort", "step", "sdg", "supporter"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(country__name__icontains=value) | Q(organisation__name__icontains=value)
        )

    def filter_step(self, queryset, name, value):
        if "current_step" not in queryset.query.annotations:
            queryset = queryset.with_progress()
        return queryset.filter(current_step=int(value))

    @extend_schema_field(OpenApiTypes.INT)  # the SDG's id
    def filter_sdg(self, queryset, name, value):
        # Through the country's roadmaps' SDG links, and only the roadmaps the caller may read:
        # a filter must not reveal the SDGs of an unpublished roadmap. A subquery keeps one row
        # per pilot.
        user = getattr(self.request, "user", None)
        readable = Roadmap.objects.visible_to(user).values("pk")
        countries = RoadmapGoal.objects.filter(goal=value, roadmap__in=readable).values(
            "roadmap__country"
        )
        return queryset.filter(country__in=countries)

    @extend_schema_field(OpenApiTypes.INT)  # the organisation's id
    def filter_supporter(self, queryset, name, value):
        # Current support roles only: who supports the pilot now.
        pilots = PilotSupport.objects.current().filter(organisation=value).values("pilot")
        return queryset.filter(pk__in=pilots)


class RegionFilterSet(django_filters.FilterSet):
    """Filters for region lists, shared by the UI and the API."""

    level = django_filters.ChoiceFilter(label=_("Level"), choices=RegionLevel.choices)

    class Meta:
        model = Region
        fields = ["level", "parent"]


class CountryStepFilterSet(django_filters.FilterSet):
    """Filters for the six steps' records (API): by pilot (a plain id, see the architecture
    notes on filters into scoped models), step and status."""

    pilot = django_filters.NumberFilter(label=_("Pilot"))

    class Meta:
        model = PilotStep
        fields = ["pilot", "step", "status"]


class TaskTeamPersonFilterSet(django_filters.FilterSet):
    """Filters for task-team people (API): by pilot and role; never by contact."""

    pilot = django_filters.NumberFilter(label=_("Pilot"))

    class Meta:
        model = TaskTeamPerson
        fields = ["pilot", "role"]
