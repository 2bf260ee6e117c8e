import django_filters
from django.db.models import Q

from pilots.models import Cohort, Country, Region
from roadmaps.choices import CriterionGroupCode, ReviewStatus, RoadmapKind, VersionStatus
from roadmaps.models import (
    Assessment,
    Criterion,
    Goal,
    ReviewAssignment,
    Roadmap,
    RoadmapVersion,
    Rubric,
    Target,
)


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


class GoalFilterSet(django_filters.FilterSet):
    """Filters for SDG lists, shared by the UI and the API."""

    class Meta:
        model = Goal
        fields = ["number"]


class TargetFilterSet(django_filters.FilterSet):
    """Filters for SDG target lists, shared by the UI and the API."""

    goal = django_filters.NumberFilter(field_name="goal__number", label="SDG number")

    class Meta:
        model = Target
        fields = ["goal", "code"]


class RubricFilterSet(django_filters.FilterSet):
    """Filters for rubric version lists, shared by the UI and the API."""

    class Meta:
        model = Rubric
        fields = ["version"]


class CriterionFilterSet(django_filters.FilterSet):
    """Filters for criterion lists, shared by the UI and the API."""

    rubric_version = django_filters.NumberFilter(field_name="rubric__version")
    group = django_filters.ChoiceFilter(
        field_name="group__code", choices=CriterionGroupCode.choices
    )

    class Meta:
        model = Criterion
        fields = ["rubric", "rubric_version", "group", "number"]
