import django_filters

from egm.choices import AdvisoryRole, MeetingKind, MeetingStatus
from egm.models import AdvisoryGroupMembership, Meeting, RegionalTrack


class MeetingFilterSet(django_filters.FilterSet):
    """Filters for meeting lists, shared by the UI and the API."""

    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)
    track = django_filters.ModelChoiceFilter(queryset=RegionalTrack.objects.all())
    # Bounded so a nonsense year is a validation error, not a date overflow.
    year = django_filters.NumberFilter(
        field_name="start_date", lookup_expr="year", min_value=1, max_value=9999
    )

    class Meta:
        model = Meeting
        fields = ["kind", "status", "track", "year"]


class AdvisoryGroupMembershipFilterSet(django_filters.FilterSet):
    """Filters for advisory-group lists, shared by the UI and the API."""

    role = django_filters.ChoiceFilter(choices=AdvisoryRole.choices)

    class Meta:
        model = AdvisoryGroupMembership
        fields = ["role", "organisation"]
