import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.choices import MilestoneKind, MilestoneStatus, OrganisationKind
from programme.models import Milestone, Organisation, User, WorkProgrammeComponent
from programme.models.milestones import overdue_q

# Countries are the pilots app's reference table. They are named through this field's lazy
# model reference ("pilots.Country"), so the directory does not import the app above it.
Country = Milestone._meta.get_field("country").related_model


class OrganisationFilterSet(django_filters.FilterSet):
    """Filters for organisation lists, shared by the UI and the API."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    is_iatt_member = django_filters.BooleanFilter(label=_("IATT member"))

    class Meta:
        model = Organisation
        fields = ["kind", "is_iatt_member"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))


class AnyYesNoSelect(forms.NullBooleanSelect):
    """A yes/no filter whose empty choice reads "Any" (takes true/false in the API too)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("Any")), ("true", _("Yes")), ("false", _("No"))]


def _owner_choices(request):
    """People who own a milestone the caller may see: a hidden owner is as unknown as a
    made-up id (both are "not a valid choice")."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return User.objects.none()
    # Owners whose milestones hide them (blind review) are not offered either.
    visible = Milestone.objects.visible_to(user).owners_readable(user).filter(owners=OuterRef("pk"))
    return User.objects.filter(Exists(visible)).order_by("last_name", "first_name", "username")


class MilestoneFilterSet(django_filters.FilterSet):
    """Filters for milestone lists and the timeline, shared by the UI and the API."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=MilestoneKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=MilestoneStatus.choices, label=_("Status"))
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.order_by("name"), label=_("Country")
    )
    component = django_filters.ModelChoiceFilter(
        queryset=WorkProgrammeComponent.objects.all(), label=_("Component")
    )
    owner = django_filters.ModelChoiceFilter(
        method="filter_owner", queryset=_owner_choices, label=_("Owner")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Overdue"), widget=AnyYesNoSelect
    )
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
        fields = ["q", "kind", "status", "country", "component", "owner", "overdue"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(overdue_q(today)) if value else queryset.exclude(overdue_q(today))

    def filter_owner(self, queryset, name, value: int):
        # EXISTS rather than a join, so a milestone with two owners is listed once.
        through = Milestone.owners.through.objects.filter(milestone=OuterRef("pk"), user=value)
        return queryset.filter(Exists(through)).owners_readable(self.request.user)
