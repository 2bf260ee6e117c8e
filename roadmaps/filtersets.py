import django_filters
from django.db.models import Q

from pilots.models import Country, Region
from roadmaps.choices import RoadmapKind, VersionStatus
from roadmaps.models import Goal, Roadmap, RoadmapVersion


class RoadmapFilterSet(django_filters.FilterSet):
    """Filters for roadmap lists, shared by the UI and the API."""

    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=RoadmapKind.choices)
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all())
    region = django_filters.ModelChoiceFilter(
        field_name="country__region", queryset=Region.objects.filter(level="region")
    )
    sdg = django_filters.ModelChoiceFilter(
        field_name="goals", queryset=Goal.objects.all(), label="SDG", distinct=True
    )

    class Meta:
        model = Roadmap
        fields = ["kind", "country", "region", "sdg"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))


class RoadmapVersionFilterSet(django_filters.FilterSet):
    """Filters for roadmap version lists, shared by the UI and the API."""

    status = django_filters.ChoiceFilter(choices=VersionStatus.choices)
    country = django_filters.ModelChoiceFilter(
        field_name="roadmap__country", queryset=Country.objects.all()
    )

    class Meta:
        model = RoadmapVersion
        fields = ["roadmap", "status", "country"]
