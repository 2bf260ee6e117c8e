"""API endpoints for meetings and the advisory group."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from egm.api.serializers import AdvisoryGroupMembershipSerializer, MeetingSerializer
from egm.filtersets import AdvisoryGroupMembershipFilterSet, MeetingFilterSet
from egm.selectors import advisory_group_list, meeting_list
from programme.api.base import ReadOnlyScopedViewSet, WritableScopedViewSet


@extend_schema_view(
    list=extend_schema(summary="List meetings"),
    retrieve=extend_schema(summary="One meeting"),
    create=extend_schema(summary="Add a meeting (secretariat)"),
    update=extend_schema(summary="Replace a meeting (secretariat)"),
    partial_update=extend_schema(summary="Change a meeting (secretariat)"),
)
class MeetingViewSet(WritableScopedViewSet):
    """Expert Group Meetings, regional and supplementary meetings, STI Forum sessions."""

    selector = staticmethod(meeting_list)
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    search_fields = ("title", "city", "summary")
    ordering_fields = ("start_date", "title")


@extend_schema_view(
    list=extend_schema(summary="List the advisory group's seats"),
    retrieve=extend_schema(summary="One advisory-group seat"),
)
class AdvisoryGroupMembershipViewSet(ReadOnlyScopedViewSet):
    """The organisations on the programme's advisory group."""

    selector = staticmethod(advisory_group_list)
    serializer_class = AdvisoryGroupMembershipSerializer
    filterset_class = AdvisoryGroupMembershipFilterSet
    search_fields = ("organisation__name", "organisation__acronym")
    ordering_fields = ("role", "start_on")
