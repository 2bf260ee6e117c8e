import django_filters

from egm.choices import MeetingKind, MeetingStatus
from egm.models import Meeting, RegionalTrack


class MeetingFilterSet(django_filters.FilterSet):
    """Filters for meeting lists, shared by the UI and the API."""

    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)
    track = django_filters.ModelChoiceFilter(queryset=RegionalTrack.objects.all())
    year = django_filters.NumberFilter(field_name="start_date", lookup_expr="year")

    class Meta:
        model = Meeting
        fields = ["kind", "status", "track", "year"]
