import django_filters
from django.db.models import Q

from pilots.models import Cohort, Country, Region
from roadmaps.choices import ReviewStatus, RoadmapKind, VersionStatus
from roadmaps.models import Assessment, Goal, ReviewAssignment, Roadmap, RoadmapVersion


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


# --- Assessment against the effectiveness criteria -----------------------------------------


class ReviewAssignmentFilterSet(django_filters.FilterSet):
    """Filters for a reviewer's list of assignments."""

    status = django_filters.ChoiceFilter(
        field_name="review__status", choices=ReviewStatus.choices, label="Review status"
    )

    class Meta:
        model = ReviewAssignment
        fields = ["status"]


class AssessmentFilterSet(django_filters.FilterSet):
    """Filters for assessments (the programme heatmap and its exports), by region and cohort."""

    region = django_filters.ModelChoiceFilter(
        field_name="version__roadmap__country__region",
        queryset=Region.objects.filter(level="region"),
        label="Region",
        empty_label="All regions",
    )
    cohort = django_filters.ModelChoiceFilter(
        field_name="version__roadmap__country__pilot__cohort",
        queryset=Cohort.objects.all(),
        label="Cohort",
        empty_label="All cohorts",
    )

    class Meta:
        model = Assessment
        fields = ["region", "cohort"]
