import django_filters
from django.db.models import Q

from pilots.choices import PilotKind, PilotStatus, RegionLevel, UNStatus
from pilots.models import Cohort, Country, Pilot, Region


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
    """Filters for pilot lists, shared by the UI and the API."""

    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=PilotKind.choices)
    status = django_filters.ChoiceFilter(choices=PilotStatus.choices)
    region = django_filters.ModelChoiceFilter(
        field_name="country__region", queryset=Region.objects.filter(level="region")
    )
    cohort = django_filters.ModelChoiceFilter(queryset=Cohort.objects.all())
    ordering = django_filters.OrderingFilter(
        fields=(("country__name", "country"), ("status", "status"), ("joined_on", "joined")),
    )

    class Meta:
        model = Pilot
        fields = ["kind", "status", "region", "cohort"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(country__name__icontains=value) | Q(organisation__name__icontains=value)
        )


class RegionFilterSet(django_filters.FilterSet):
    """Filters for region lists, shared by the UI and the API."""

    level = django_filters.ChoiceFilter(choices=RegionLevel.choices)

    class Meta:
        model = Region
        fields = ["level", "parent"]
