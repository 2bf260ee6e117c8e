import django_filters
from django.db.models import Q

from pilots.choices import PilotKind, PilotStatus, RegionLevel, RoadmapStep, UNStatus
from pilots.models import ALL_STEPS_DONE, Cohort, Country, Pilot, PilotSupport, Region
from programme.models import Organisation
from roadmaps.models import Goal, RoadmapGoal

CURRENT_STEP_CHOICES = [
    *((step.value, f"{step.value}. {step.label}") for step in RoadmapStep),
    (ALL_STEPS_DONE, "All six steps done"),
]


class CountryFilterSet(django_filters.FilterSet):
    """Filters for country lists, shared by the UI and the API."""

    q = django_filters.CharFilter(method="search", label="Search")
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.filter(level="region"))
    un_status = django_filters.ChoiceFilter(choices=UNStatus.choices)

    class Meta:
        model = Country
        fields = ["region", "sub_region", "un_status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(iso2__iexact=value) | Q(iso3__iexact=value)
        )


class PilotFilterSet(django_filters.FilterSet):
    """Filters for pilot lists, shared by the UI and the API.

    `step` is the pilot's current step: the first of the six methodology steps that is not
    done (the querysets' `with_progress()` annotation), so "step 3" lists the pilots now
    working on their vision, goals and targets.
    """

    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=PilotKind.choices)
    status = django_filters.ChoiceFilter(choices=PilotStatus.choices)
    region = django_filters.ModelChoiceFilter(
        field_name="country__region", queryset=Region.objects.filter(level="region")
    )
    cohort = django_filters.ModelChoiceFilter(queryset=Cohort.objects.all())
    step = django_filters.ChoiceFilter(
        choices=CURRENT_STEP_CHOICES, method="filter_step", label="Current step"
    )
    sdg = django_filters.ModelChoiceFilter(
        queryset=Goal.objects.all(), method="filter_sdg", label="SDG"
    )
    supporter = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(pilot_supports__isnull=False).distinct(),
        method="filter_supporter",
        label="Supporting organisation",
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("country__name", "country"),
            ("status", "status"),
            ("joined_on", "joined"),
            ("current_step", "step"),
        ),
        label="Sort by",
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

    def filter_sdg(self, queryset, name, value: int):
        # Through the country's roadmaps' SDG links; a subquery keeps one row per pilot.
        countries = RoadmapGoal.objects.filter(goal=value).values("roadmap__country")
        return queryset.filter(country__in=countries)

    def filter_supporter(self, queryset, name, value: int):
        # Current support roles only: who supports the pilot now.
        pilots = PilotSupport.objects.current().filter(organisation=value).values("pilot")
        return queryset.filter(pk__in=pilots)


class RegionFilterSet(django_filters.FilterSet):
    """Filters for region lists, shared by the UI and the API."""

    level = django_filters.ChoiceFilter(choices=RegionLevel.choices)

    class Meta:
        model = Region
        fields = ["level", "parent"]
