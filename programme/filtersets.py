import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.choices import MilestoneKind, MilestoneStatus, OrganisationKind
from programme.models import Milestone, Organisation


class OrganisationFilterSet(django_filters.FilterSet):
    """Filters for organisation lists, shared by the UI and the API."""

    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    is_iatt_member = django_filters.BooleanFilter(label="IATT member")

    class Meta:
        model = Organisation
        fields = ["kind", "is_iatt_member"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))


class MilestoneFilterSet(django_filters.FilterSet):
    """Filters for milestone lists, shared by the UI and the API."""

    kind = django_filters.ChoiceFilter(choices=MilestoneKind.choices)
    status = django_filters.ChoiceFilter(choices=MilestoneStatus.choices)
    # A browser date picker (ISO dates, which the filter parses) with labels a person reads.
    due_after = django_filters.DateFilter(
        field_name="due_on",
        lookup_expr="gte",
        label=_("Due on or after"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    due_before = django_filters.DateFilter(
        field_name="due_on",
        lookup_expr="lte",
        label=_("Due on or before"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Milestone
        fields = ["kind", "status", "country"]
