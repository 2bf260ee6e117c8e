import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pilots.models import Cohort, Country, Region
from roadmaps.choices import (
    REVIEW_QUEUE_STATUSES,
    AssessmentStatus,
    CriterionGroupCode,
    ReviewStatus,
    RoadmapKind,
    VersionStatus,
)
from roadmaps.models import (
    Assessment,
    Criterion,
    FeedbackReply,
    Goal,
    PublicReleaseConsent,
    ReviewAssignment,
    Roadmap,
    RoadmapTarget,
    RoadmapVersion,
    Rubric,
    Target,
    TargetLink,
)
from roadmaps.selectors import roadmap_latest_overall_score, roadmap_latest_status


class RoadmapFilterSet(django_filters.FilterSet):
    """Filters for roadmap lists, shared by the UI and the API."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=RoadmapKind.choices)
    country = django_filters.ModelChoiceFilter(label=_("Country"), queryset=Country.objects.all())
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="country__region",
        queryset=Region.objects.filter(level="region"),
    )
    sdg = django_filters.ModelChoiceFilter(
        field_name="goals", queryset=Goal.objects.all(), label=_("SDG"), distinct=True
    )
    status = django_filters.ChoiceFilter(
        choices=VersionStatus.choices,
        method="filter_status",
        label=_("Latest version status"),
        help_text=_("Status of the roadmap's latest version that you may see."),
    )
    min_overall_score = django_filters.NumberFilter(
        method="filter_min_overall_score",
        label=_("Minimum overall score"),
        min_value=0,
        max_value=4,
        help_text=_(
            "Overall mean (0-4) of the roadmap's latest finalised assessment that you may see "
            "(for partners: of a published version) is at least this."
        ),
    )

    class Meta:
        model = Roadmap
        fields = ["kind", "country", "region", "sdg", "status", "min_overall_score"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))

    def filter_status(self, queryset, name, value):
        # The list page annotates this already, to show it; the API does not.
        if "latest_status" not in queryset.query.annotations:
            queryset = queryset.annotate(
                latest_status=roadmap_latest_status(user=self.request.user)
            )
        return queryset.filter(latest_status=value)

    def filter_min_overall_score(self, queryset, name, value):
        if "latest_overall_score" not in queryset.query.annotations:
            queryset = queryset.annotate(
                latest_overall_score=roadmap_latest_overall_score(user=self.request.user)
            )
        return queryset.filter(latest_overall_score__gte=value)


class RoadmapVersionFilterSet(django_filters.FilterSet):
    """Filters for roadmap version lists, shared by the UI and the API."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=VersionStatus.choices)
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), field_name="roadmap__country", queryset=Country.objects.all()
    )
    # A filter on a scoped model's id is a plain number, never a choice among rows: a choice
    # validates the id against every row, so an id outside the caller's scope would answer 400 where
    # an unknown id does too, but a hidden one could be told from a visible one. As a number, the id
    # only narrows the caller's own (already scoped) rows: hidden or unknown, the answer is an empty
    # list.
    roadmap = django_filters.NumberFilter(field_name="roadmap", label=_("Roadmap id"))

    class Meta:
        model = RoadmapVersion
        fields = ["roadmap", "status", "country"]


class VersionQueueFilterSet(django_filters.FilterSet):
    """Filters for the review queue: only the statuses the queue holds, and the country as a
    choice among countries (the rows themselves are scoped by the queue's selector)."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(s.value, s.label) for s in REVIEW_QUEUE_STATUSES],
        empty_label=_("Any"),
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="roadmap__country",
        queryset=Country.objects.order_by("name"),
        empty_label=_("Any"),
    )

    class Meta:
        model = RoadmapVersion
        fields = ["status", "country"]


# --- Assessment against the effectiveness criteria -----------------------------------------


class ReviewAssignmentFilterSet(django_filters.FilterSet):
    """Filters for a reviewer's list of assignments."""

    status = django_filters.ChoiceFilter(
        field_name="review__status", choices=ReviewStatus.choices, label=_("Review status")
    )

    class Meta:
        model = ReviewAssignment
        fields = ["status"]


class AssessmentFilterSet(django_filters.FilterSet):
    """Filters for assessments (the programme heatmap and its exports), by region and cohort."""

    region = django_filters.ModelChoiceFilter(
        field_name="version__roadmap__country__region",
        queryset=Region.objects.filter(level="region"),
        label=_("Region"),
        empty_label=_("All regions"),
    )
    cohort = django_filters.ModelChoiceFilter(
        field_name="version__roadmap__country__pilot__cohort",
        queryset=Cohort.objects.all(),
        label=_("Cohort"),
        empty_label=_("All cohorts"),
    )
    # For the API: one country's, roadmap's or version's assessments. Hidden on the heatmap's
    # form, which already shows one row per country.
    country = django_filters.NumberFilter(
        field_name="version__roadmap__country", widget=forms.HiddenInput, label=_("Country id")
    )
    roadmap = django_filters.NumberFilter(
        field_name="version__roadmap", widget=forms.HiddenInput, label=_("Roadmap id")
    )
    version = django_filters.NumberFilter(
        field_name="version", widget=forms.HiddenInput, label=_("Roadmap version id")
    )
    rubric_version = django_filters.NumberFilter(
        field_name="rubric__version", widget=forms.HiddenInput, label=_("Rubric version")
    )
    status = django_filters.ChoiceFilter(
        choices=AssessmentStatus.choices, widget=forms.HiddenInput, label=_("Status")
    )

    class Meta:
        model = Assessment
        fields = ["region", "cohort", "country", "roadmap", "version", "rubric_version", "status"]


class GoalFilterSet(django_filters.FilterSet):
    """Filters for SDG lists, shared by the UI and the API."""

    class Meta:
        model = Goal
        fields = ["number"]


class TargetFilterSet(django_filters.FilterSet):
    """Filters for SDG target lists, shared by the UI and the API."""

    goal = django_filters.NumberFilter(field_name="goal__number", label=_("SDG number"))

    class Meta:
        model = Target
        fields = ["goal", "code"]


class RubricFilterSet(django_filters.FilterSet):
    """Filters for rubric version lists, shared by the UI and the API."""

    # The rubric's own version number, named so that it is not taken for a roadmap version's
    # id (`?version=<id>` found "1 row" for any id that happened to be a rubric number). It
    # narrows the caller's rubrics only: a draft's number answers as an unknown one.
    rubric_version = django_filters.NumberFilter(
        field_name="version", label=_("Rubric version (number)")
    )

    class Meta:
        model = Rubric
        fields = ["rubric_version"]


class CriterionFilterSet(django_filters.FilterSet):
    """Filters for criterion lists, shared by the UI and the API."""

    # An id, not a choice among rubric versions, so a draft rubric's id is not revealed.
    rubric = django_filters.NumberFilter(field_name="rubric", label=_("Rubric id"))
    rubric_version = django_filters.NumberFilter(
        label=_("Rubric version"), field_name="rubric__version"
    )
    group = django_filters.ChoiceFilter(
        label=_("Group"), field_name="group__code", choices=CriterionGroupCode.choices
    )

    class Meta:
        model = Criterion
        fields = ["rubric", "rubric_version", "group", "number"]


class RoadmapTargetFilterSet(django_filters.FilterSet):
    """Filters for roadmaps' targets (API): by roadmap, as a plain id."""

    roadmap = django_filters.NumberFilter(label=_("Roadmap"))

    class Meta:
        model = RoadmapTarget
        fields = ["roadmap", "priority"]


class TargetLinkFilterSet(django_filters.FilterSet):
    """Filters for synergies and trade-offs (API): by roadmap or version (plain ids), kind."""

    roadmap = django_filters.NumberFilter(label=_("Roadmap"))
    version = django_filters.NumberFilter(label=_("Version"))

    class Meta:
        model = TargetLink
        fields = ["roadmap", "version", "kind"]


class PublicReleaseConsentFilterSet(django_filters.FilterSet):
    """Filters for consents to public release (API): by version, as a plain id."""

    version = django_filters.NumberFilter(label=_("Version"))

    class Meta:
        model = PublicReleaseConsent
        fields = ["version"]


class FeedbackReplyFilterSet(django_filters.FilterSet):
    """Filters for replies to feedback (API): by version, as a plain id."""

    version = django_filters.NumberFilter(label=_("Version"))

    class Meta:
        model = FeedbackReply
        fields = ["version"]
