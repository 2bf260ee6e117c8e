import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from egm.choices import (
    ActionStatus,
    AdvisoryRole,
    MeetingKind,
    MeetingStatus,
    ParticipantCategory,
    ParticipantLevel,
    ParticipantStatus,
)
from egm.models import (
    ActionItem,
    AdvisoryGroupMembership,
    Meeting,
    Participant,
    RegionalTrack,
    Theme,
)
from pilots.models import Region
from programme.models import Organisation


@extend_schema_field(OpenApiTypes.INT)
class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice among reference rows, given by id."""


def _host_choices(request):
    """Organisations hosting a meeting the caller may see: the host of a meeting still being
    planned is as unknown to others as a made-up id (both "not a valid choice")."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    hosted = Meeting.hosts.through.objects.filter(
        organisation=OuterRef("pk"), meeting__in=Meeting.objects.visible_to(user)
    )
    return Organisation.objects.filter(Exists(hosted)).order_by("name")


WHEN_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past"))]


class MeetingFilterSet(django_filters.FilterSet):
    """Filters for meeting lists, shared by the UI and the API."""

    when = django_filters.ChoiceFilter(label=_("When"), choices=WHEN_CHOICES, method="filter_when")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeetingStatus.choices)
    # Bounded so a nonsense year is a validation error, not a date overflow.
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="start_date", lookup_expr="year", min_value=1, max_value=9999
    )
    region = IdChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.filter(parent__isnull=True),
        method="filter_region",
    )
    host = IdChoiceFilter(
        label=_("Host"),
        queryset=_host_choices,
        method="filter_host",
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), field_name="themes"
    )
    track = django_filters.ModelChoiceFilter(
        label=_("Regional track"), queryset=RegionalTrack.objects.all()
    )
    series = django_filters.NumberFilter(
        label=_("Series"), field_name="series_id", widget=forms.HiddenInput
    )

    class Meta:
        model = Meeting
        fields = ["when", "kind", "status", "year", "region", "host", "theme", "track", "series"]

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == "upcoming":
            # A planned meeting the record does not show is no longer ahead of anyone.
            return queryset.filter(Q(end_date__gte=today) | Q(end_date__isnull=True)).exclude(
                status=MeetingStatus.NOT_ON_RECORD
            )
        return queryset.filter(end_date__lt=today)

    def filter_region(self, queryset, name, value):
        # A meeting belongs to a region by its country or by its regional track.
        return queryset.filter(Q(country__region=value) | Q(track__region=value))

    def filter_host(self, queryset, name, value):
        # A subquery, not a join, so a meeting with several hosts is listed once.
        return queryset.filter(
            pk__in=Meeting.hosts.through.objects.filter(organisation=value).values("meeting_id")
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # The theme filter joins meeting themes (one row per theme); each meeting once.
        if self.form.cleaned_data.get("theme"):
            queryset = queryset.distinct()
        return queryset


class ParticipantFilterSet(django_filters.FilterSet):
    """Filters for participant lists (UI and API). No filter touches email or phone, so
    nobody can probe contact details they may not read."""

    meeting = django_filters.NumberFilter(label=_("Meeting"), field_name="meeting_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ParticipantStatus.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=ParticipantLevel.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=ParticipantCategory.choices)
    country = django_filters.NumberFilter(label=_("Country"), field_name="country_id")

    class Meta:
        model = Participant
        fields = ["meeting", "status", "level", "category", "country"]


class MeetingChildFilterSet(django_filters.FilterSet):
    """Narrow a meeting's sessions, documents, outcomes or comments to one meeting."""

    meeting = django_filters.NumberFilter(label=_("Meeting"), field_name="meeting_id")


class ActionItemFilterSet(django_filters.FilterSet):
    """Filters for action items (UI and API)."""

    meeting = django_filters.NumberFilter(label=_("Meeting"), field_name="meeting_id")
    series = django_filters.NumberFilter(label=_("Series"), field_name="meeting__series_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices)
    owner = django_filters.NumberFilter(label=_("Owner"), field_name="owner_id")

    class Meta:
        model = ActionItem
        fields = ["meeting", "series", "status", "owner"]


class AdvisoryGroupMembershipFilterSet(django_filters.FilterSet):
    """Filters for advisory-group lists, shared by the UI and the API."""

    role = django_filters.ChoiceFilter(label=_("Role"), choices=AdvisoryRole.choices)

    class Meta:
        model = AdvisoryGroupMembership
        fields = ["role", "organisation"]
