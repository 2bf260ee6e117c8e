"""API representations of meetings and the advisory group."""

from __future__ import annotations

from rest_framework import serializers

from egm.models import AdvisoryGroupMembership, Meeting, MeetingHost, RegionalTrack
from egm.services import meeting_create, meeting_update
from pilots.models import Country
from programme.api.base import DocumentedModelSerializer, ValidatedModelSerializer
from programme.api.serializers import OrganisationRefSerializer


class MeetingHostSerializer(DocumentedModelSerializer):
    """An organisation hosting or organising a meeting."""

    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = MeetingHost
        fields = ["organisation", "role"]
        read_only_fields = fields
        help_texts = {
            "organisation": "The host organisation.",
            "role": "Host, co-host or organiser.",
        }


class MeetingSerializer(ValidatedModelSerializer):
    """An EGM, regional-track or supplementary meeting, or an STI Forum session."""

    create_service = staticmethod(meeting_create)
    update_service = staticmethod(meeting_update)

    country = serializers.PrimaryKeyRelatedField(
        queryset=Country.objects.all(), allow_null=True, required=False
    )
    track = serializers.PrimaryKeyRelatedField(
        queryset=RegionalTrack.objects.all(), allow_null=True, required=False
    )
    hosts = MeetingHostSerializer(source="host_links", many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "title",
            "sequence",
            "status",
            "start_date",
            "end_date",
            "city",
            "venue",
            "country",
            "track",
            "hosts",
            "summary",
            "source",
            "is_public",
        ]
        help_texts = {
            "id": "Identifier of the meeting.",
            "kind": "EGM, regional, supplementary, STI Forum session or side event.",
            "title": "Title of the meeting.",
            "sequence": "Ordinal of an EGM (1st, 2nd, ...); unique among EGMs.",
            "status": "Planned, held, to be confirmed, postponed or cancelled.",
            "start_date": "First day (empty while to be scheduled).",
            "end_date": "Last day (defaults to the first day).",
            "city": "City it takes place in.",
            "venue": "Venue.",
            "country": "Id of the host country (see /countries/).",
            "track": "Id of the regional track it belongs to, if any.",
            "hosts": "Organisations hosting or organising it.",
            "summary": "What the meeting is about or concluded.",
            "source": "Where the date and place come from.",
            "is_public": "Shown to partners and every signed-in user.",
        }


class AdvisoryGroupMembershipSerializer(DocumentedModelSerializer):
    """An organisation's seat on the programme's advisory group."""

    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = AdvisoryGroupMembership
        fields = ["id", "organisation", "role", "start_on", "end_on"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the seat.",
            "organisation": "The organisation holding the seat.",
            "role": "Coordinator or member.",
            "start_on": "Start of the membership, if known.",
            "end_on": "End of the membership, if it has ended.",
        }
