"""API representations of meetings and what is recorded about them. Writes go through
egm.services; contact details of participants through `participant_contact_visible`."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from base.api.base import (
    DocumentedModelSerializer,
    DocumentedSerializer,
    ValidatedModelSerializer,
)
from egm.choices import (
    AttendanceMode,
    HostRole,
    InvitationAnswer,
    ParticipantCategory,
    ParticipantLevel,
)
from egm.invitations import invitable_users, invitation_addresses
from egm.models import (
    ActionItem,
    AdvisoryGroupMembership,
    AdvisoryResponsibility,
    AgendaSession,
    Document,
    DocumentVersion,
    Meeting,
    MeetingHost,
    MeetingSeries,
    Outcome,
    Participant,
    PlanningComment,
    RegionalTrack,
    RegionalTrackPartner,
    Theme,
)
from egm.rules import participant_contact_visible
from egm.services import (
    IMPORT_MODES,
    IMPORT_PREVIEW,
    action_item_add,
    action_item_update,
    comment_add,
    meeting_create,
    meeting_update,
    outcome_add,
    outcome_update,
    participant_add,
    participant_update,
    session_add,
    session_update,
)
from guidebook.models import Chapter
from pilots.models import Country, Pilot
from programme.api.serializers import OrganisationRefSerializer
from programme.models import Organisation, User
from roadmaps.models import Criterion


class MeetingHostSerializer(DocumentedModelSerializer):
    """An organisation hosting or organising a meeting."""

    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = MeetingHost
        fields = ["organisation", "role"]
        read_only_fields = fields
        help_texts = {
            "organisation": "The host organisation.",
            "role": "Host, co-host, organiser or partner.",
        }


class HostRoleInputSerializer(DocumentedSerializer):
    """An organisation and its role at a meeting, when writing a meeting."""

    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    role = serializers.ChoiceField(choices=HostRole.choices)

    class Meta:
        help_texts = {
            "organisation": "Id of the organisation (see /organisations/).",
            "role": "Its role at the meeting.",
        }


class MeetingSerializer(ValidatedModelSerializer):
    """An EGM, regional-track or supplementary meeting, or an STI Forum session."""

    country = serializers.PrimaryKeyRelatedField(
        queryset=Country.objects.all(), allow_null=True, required=False
    )
    track = serializers.PrimaryKeyRelatedField(
        queryset=RegionalTrack.objects.all(), allow_null=True, required=False
    )
    series = serializers.PrimaryKeyRelatedField(
        queryset=MeetingSeries.objects.all(), allow_null=True, required=False
    )
    themes = serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(), many=True, required=False
    )
    hosts = MeetingHostSerializer(source="host_links", many=True, read_only=True)
    host_roles = HostRoleInputSerializer(many=True, write_only=True, required=False)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "title",
            "sequence",
            "series",
            "status",
            "start_date",
            "end_date",
            "date_precision",
            "planned_start_date",
            "planned_end_date",
            "planned_note",
            "city",
            "venue",
            "country",
            "track",
            "themes",
            "hosts",
            "host_roles",
            "purpose",
            "objectives",
            "expected_outcomes",
            "summary",
            "source",
            "source_url",
            "is_public",
            "registration_open",
        ]
        # Opened and closed with the meeting's `registration` action.
        read_only_fields = ["registration_open"]
        help_texts = {
            "id": "Identifier of the meeting.",
            "kind": "EGM, regional, supplementary, STI Forum session or side event.",
            "title": "Title of the meeting.",
            "sequence": "Ordinal of an EGM (1st, 2nd, ...); unique among EGMs.",
            "series": "Id of the series it belongs to (see /meeting-series/).",
            "status": "To be confirmed, planned, confirmed, held, postponed or cancelled.",
            "start_date": "First day (empty while to be scheduled).",
            "end_date": "Last day (defaults to the first day).",
            "city": "City it takes place in.",
            "venue": "Venue.",
            "country": "Id of the host country (see /countries/).",
            "track": "Id of the regional track it belongs to, if any.",
            "themes": "Ids of the themes it takes up (see /meeting-themes/).",
            "hosts": "Organisations hosting or organising it.",
            "host_roles": "When writing: the hosts and their roles (replaces the list).",
            "purpose": "Why the meeting is held.",
            "objectives": "What it sets out to do.",
            "expected_outcomes": "What it is expected to produce.",
            "summary": "What the meeting is about or concluded.",
            "source": "Where the date and place come from.",
            "source_url": "Address of the source, where it has one.",
            "date_precision": "How precise the dates are: day, or month (they stand for the "
            "month).",
            "planned_start_date": "First day as planned, where the plan differs from what "
            "happened.",
            "planned_end_date": "Last day as planned.",
            "planned_note": "What the plan said, where it differs from what happened.",
            "is_public": "Shown to partners and every signed-in user.",
            "registration_open": "Whether anyone with the meeting's registration link may "
            "sign up (see the `registration` action).",
        }

    def _hosts(self, data):
        rows = data.pop("host_roles", None)
        return None if rows is None else [(row["organisation"], row["role"]) for row in rows]

    def create(self, validated_data):
        hosts = self._hosts(validated_data)
        return meeting_create(actor=self._actor(), hosts=hosts, **validated_data)

    def update(self, instance, validated_data):
        hosts = self._hosts(validated_data)
        return meeting_update(actor=self._actor(), meeting=instance, hosts=hosts, **validated_data)


class TrackPartnerSerializer(DocumentedModelSerializer):
    """An organisation in a regional track."""

    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = RegionalTrackPartner
        fields = ["organisation", "role"]
        read_only_fields = fields
        help_texts = {"organisation": "The partner.", "role": "Partner or possible partner."}


class RegionalTrackSerializer(DocumentedModelSerializer):
    """A regional track of the programme, with its partners."""

    partners = TrackPartnerSerializer(many=True, read_only=True)

    class Meta:
        model = RegionalTrack
        fields = ["id", "name", "slug", "region", "description", "partners"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the track.",
            "name": "Name.",
            "slug": "Short name used in page addresses.",
            "region": "Id of its region (see /regions/).",
            "description": "What the track is.",
            "partners": "Organisations in the track and their roles.",
        }


class MeetingSeriesSerializer(DocumentedModelSerializer):
    """A series of meetings that carry their action items forward."""

    class Meta:
        model = MeetingSeries
        fields = ["id", "name", "slug", "description"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the series.",
            "name": "Name.",
            "slug": "Short name.",
            "description": "What the series is.",
        }


class ThemeSerializer(DocumentedModelSerializer):
    """A question meetings take up."""

    class Meta:
        model = Theme
        fields = ["id", "name", "slug", "description", "source"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the theme.",
            "name": "Name.",
            "slug": "Short name.",
            "description": "The question.",
            "source": "Where it is stated.",
        }


# The secretariat's only: contacts and the access or dietary needs a person gave.
CONTACT_FIELDS = ("email", "phone", "needs")


class ParticipantSerializer(ValidatedModelSerializer):
    """A person invited to or taking part in a meeting. `email` and `phone` appear only for
    the secretariat."""

    create_service = staticmethod(participant_add)
    update_service = staticmethod(participant_update)

    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    country = serializers.PrimaryKeyRelatedField(
        queryset=Country.objects.all(), allow_null=True, required=False
    )
    # Declared so the schema admits the empty answer of someone who has not replied yet: a
    # read-only field built from the model would drop `allow_blank`.
    attendance_mode = serializers.ChoiceField(
        choices=AttendanceMode.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Participant
        fields = [
            "id",
            "meeting",
            "full_name",
            "organisation",
            "affiliation",
            "country",
            "level",
            "category",
            "status",
            "email",
            "phone",
            "listed_to_participants",
            "listed_to_users",
            "listed_to_partners",
            "attendance_mode",
            "needs",
            "invited_at",
            "responded_at",
        ]
        # Who sees a name is the person's own choice (egm.rules.participant_listing_refusal),
        # made from their invitation, never written through the API.
        read_only_fields = [
            "listed_to_participants",
            "listed_to_users",
            "listed_to_partners",
            "attendance_mode",
            "needs",
            "invited_at",
            "responded_at",
        ]
        help_texts = {
            "id": "Identifier of the participant.",
            "meeting": "Id of the meeting.",
            "full_name": "The person's name; once per meeting.",
            "organisation": "Id of their organisation, if it is in the directory.",
            "affiliation": "Their organisation as given, when not in the directory.",
            "country": "Id of the country they come from or represent.",
            "level": "Expert or practitioner.",
            "category": "Why they are invited (pilot country, IATT member, ...).",
            "status": "Invited, registered, attended or declined.",
            "email": "Email (secretariat only; absent for everyone else).",
            "phone": "Phone (secretariat only; absent for everyone else).",
            "listed_to_participants": "Whether the person agreed to be named to the other "
            "participants of the meeting.",
            "listed_to_users": "Whether the person agreed to be named to signed-in users.",
            "listed_to_partners": "Whether the person agreed to be named to partners.",
            "attendance_mode": "How the person said they take part: in_person or online.",
            "needs": "Access or dietary needs the person gave (secretariat only).",
            "invited_at": "When the invitation was emailed (empty for people added otherwise).",
            "responded_at": "When the person answered their invitation.",
        }

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not participant_contact_visible(request.user):
            for name in CONTACT_FIELDS:
                fields.pop(name, None)
        return fields

    def create(self, validated_data):
        meeting = validated_data.pop("meeting")
        return participant_add(actor=self._actor(), meeting=meeting, **validated_data)


class ParticipantImportSerializer(DocumentedSerializer):
    """A CSV/XLSX list of participants to check or import."""

    file = serializers.FileField()
    mode = serializers.ChoiceField(choices=IMPORT_MODES, default=IMPORT_PREVIEW)

    class Meta:
        help_texts = {
            "file": "CSV (UTF-8) or XLSX with a header row: name, level (required); email, "
            "phone, organisation, country, category, status.",
            "mode": "preview: check only; good_rows: import the rows without errors; "
            "all_or_nothing: import every row, or none if any has an error.",
        }


class ImportRowSerializer(DocumentedSerializer):
    """One line of an import file and its errors."""

    line = serializers.IntegerField()
    ok = serializers.BooleanField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))

    class Meta:
        help_texts = {
            "line": "Line number in the file (the header is line 1).",
            "ok": "Whether the row can be imported.",
            "errors": "Errors by column.",
        }


class ImportReportSerializer(DocumentedSerializer):
    """What an import found and did."""

    created = serializers.IntegerField()
    good = serializers.IntegerField()
    bad = serializers.IntegerField()
    rows = ImportRowSerializer(many=True)

    class Meta:
        help_texts = {
            "created": "Participants added (0 for a preview).",
            "good": "Rows without errors.",
            "bad": "Rows with errors.",
            "rows": "Every row with its errors.",
        }


class InvitationSerializer(DocumentedSerializer):
    """People to invite to a meeting: accounts, and others by address. Each is emailed."""

    users = serializers.PrimaryKeyRelatedField(
        queryset=invitable_users(), many=True, required=False
    )
    addresses = serializers.ListField(
        child=serializers.CharField(max_length=320), required=False, max_length=500
    )
    language = serializers.ChoiceField(choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    level = serializers.ChoiceField(
        choices=ParticipantLevel.choices, default=ParticipantLevel.EXPERT
    )
    category = serializers.ChoiceField(
        choices=ParticipantCategory.choices, allow_blank=True, default=""
    )

    class Meta:
        help_texts = {
            "users": "Ids of active accounts with an email address.",
            "addresses": 'Others, one an item: "Name <address>" or the address alone.',
            "language": "Language of the emails to those invited by address (an account's "
            "own language is used for accounts).",
            "level": "Expert or practitioner, for everyone invited in this call.",
            "category": "Why they are invited, for everyone invited in this call.",
        }

    def validate_addresses(self, value):
        return invitation_addresses(value)


class ParticipantAnswerSerializer(DocumentedSerializer):
    """A person's own answer to their invitation."""

    answer = serializers.ChoiceField(choices=InvitationAnswer.choices)
    attendance_mode = serializers.ChoiceField(
        choices=AttendanceMode.choices, allow_blank=True, default=""
    )
    needs = serializers.CharField(allow_blank=True, default="", max_length=2000)
    listed_to_participants = serializers.BooleanField(required=False)
    listed_to_users = serializers.BooleanField(required=False)
    listed_to_partners = serializers.BooleanField(required=False)

    class Meta:
        help_texts = {
            "answer": "registered (accept) or declined.",
            "attendance_mode": "in_person or online; required to accept.",
            "needs": "Access or dietary needs, seen by the secretariat only.",
            "listed_to_participants": "Show my name to the other participants (the person "
            "only; left as it was when absent).",
            "listed_to_users": "Show my name to signed-in users (the person only).",
            "listed_to_partners": "Show my name to partners (the person only).",
        }


class AttendanceSerializer(DocumentedSerializer):
    """Who attended a meeting that is over."""

    attended = serializers.ListField(child=serializers.IntegerField(), max_length=5000)
    marked = serializers.IntegerField(read_only=True)

    class Meta:
        help_texts = {
            "attended": "Ids of the participants who attended (the others on the list who did "
            "not decline are marked as not attending).",
            "marked": "How many are now marked as attended.",
        }


class RegistrationSerializer(DocumentedSerializer):
    """Whether a meeting's open registration link works, and the link."""

    registration_open = serializers.BooleanField()
    registration_url = serializers.URLField(read_only=True, allow_null=True)

    class Meta:
        help_texts = {
            "registration_open": "true opens registration (a meeting still to come, not "
            "cancelled); false closes it.",
            "registration_url": "The link to share while registration is open; null when closed.",
        }


class AgendaSessionSerializer(ValidatedModelSerializer):
    """A session of a meeting's agenda."""

    create_service = staticmethod(session_add)
    update_service = staticmethod(session_update)

    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())

    class Meta:
        model = AgendaSession
        fields = [
            "id",
            "meeting",
            "title",
            "day",
            "start_time",
            "end_time",
            "chairs",
            "speakers",
            "description",
        ]
        help_texts = {
            "id": "Identifier of the session.",
            "meeting": "Id of the meeting; the day must fall within its dates.",
            "title": "Title.",
            "day": "Day of the session.",
            "start_time": "Start time (local to the meeting).",
            "end_time": "End time, after the start.",
            "chairs": "Chair(s).",
            "speakers": "Speakers.",
            "description": "What the session covers.",
        }

    def create(self, validated_data):
        meeting = validated_data.pop("meeting")
        return session_add(actor=self._actor(), meeting=meeting, **validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("meeting", None)
        return session_update(actor=self._actor(), session=instance, **validated_data)


class DocumentVersionSerializer(DocumentedModelSerializer):
    """One version of a meeting document: a file (download it from `file_url`) or Markdown."""

    file_url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "document",
            "number",
            "original_filename",
            "content_type",
            "size",
            "body",
            "note",
            "created_at",
            "file_url",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the version.",
            "document": "Id of the document.",
            "number": "Version number, from 1.",
            "original_filename": "The file's name as uploaded (empty for a text).",
            "content_type": "The file's type, decided by its content.",
            "size": "Size in bytes.",
            "body": "The text, in safe Markdown (empty for a file).",
            "note": "What changed.",
            "created_at": "When it was added.",
            "file_url": "Where to download the file (null for a text).",
        }

    def get_file_url(self, obj) -> str | None:
        if not obj.file:
            return None
        from django.urls import reverse

        return reverse("api:meeting-document-version-file", args=[obj.pk])


class DocumentSerializer(DocumentedModelSerializer):
    """Material or minutes of a meeting or session, with its versions (newest first)."""

    versions = DocumentVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "meeting", "session", "kind", "title", "created_at", "versions"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the document.",
            "meeting": "Id of the meeting.",
            "session": "Id of the agenda session, if it belongs to one.",
            "kind": "Material or minutes.",
            "title": "Title.",
            "created_at": "When it was added.",
            "versions": "Its versions, newest first.",
        }


class DocumentVersionInputSerializer(DocumentedSerializer):
    """A new version: a file or Markdown text."""

    file = serializers.FileField(required=False)
    body = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

    class Meta:
        help_texts = {
            "file": "A PDF, DOCX or ODT file (checked by its content).",
            "body": "Or a text in Markdown (no raw HTML, no scripts).",
            "note": "What changed.",
        }


class DocumentCreateSerializer(DocumentVersionInputSerializer):
    """A new document with its first version."""

    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    session = serializers.PrimaryKeyRelatedField(
        queryset=AgendaSession.objects.all(), required=False, allow_null=True
    )
    kind = serializers.ChoiceField(choices=Document._meta.get_field("kind").choices)
    title = serializers.CharField(max_length=255)

    class Meta:
        help_texts = {
            **DocumentVersionInputSerializer.Meta.help_texts,
            "meeting": "Id of the meeting.",
            "session": "Id of one of its sessions, if the document belongs to one.",
            "kind": "Material or minutes.",
            "title": "Title.",
        }


class OutcomeSerializer(ValidatedModelSerializer):
    """What a meeting concluded, and the pilots, criteria and chapters it concerns."""

    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    pilots = serializers.PrimaryKeyRelatedField(
        queryset=Pilot.objects.all(), many=True, required=False
    )
    criteria = serializers.PrimaryKeyRelatedField(
        queryset=Criterion.objects.all(), many=True, required=False
    )
    chapters = serializers.PrimaryKeyRelatedField(
        queryset=Chapter.objects.all(), many=True, required=False
    )

    class Meta:
        model = Outcome
        fields = [
            "id",
            "meeting",
            "title",
            "description",
            "pilots",
            "criteria",
            "chapters",
            "source",
        ]
        help_texts = {
            "id": "Identifier of the outcome.",
            "meeting": "Id of the meeting.",
            "title": "The outcome in a line.",
            "description": "Details, in safe Markdown.",
            "pilots": "Ids of the pilots it concerns.",
            "criteria": "Ids of the effectiveness criteria it concerns.",
            "chapters": "Ids of the Guidebook chapters it concerns.",
            "source": "The public record it comes from.",
        }

    def create(self, validated_data):
        meeting = validated_data.pop("meeting")
        return outcome_add(actor=self._actor(), meeting=meeting, **validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("meeting", None)
        return outcome_update(actor=self._actor(), outcome=instance, **validated_data)


class UserRefSerializer(DocumentedModelSerializer):
    """A person named inside another resource (name only: no contact details)."""

    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = User
        fields = ["id", "name"]
        read_only_fields = fields
        help_texts = {"id": "Identifier of the person.", "name": "Their name."}


class ActionItemSerializer(DocumentedModelSerializer):
    """Something a meeting asked someone to do, with its owner, due date (a milestone) and
    status."""

    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    owner_name = serializers.CharField(source="owner.__str__", read_only=True)
    # Null in answers to an owner who may not see the meeting; a write must name one.
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all(), allow_null=True)
    outcome = serializers.PrimaryKeyRelatedField(
        queryset=Outcome.objects.all(), allow_null=True, required=False
    )
    due_on = serializers.DateField(source="milestone.due_on")
    milestone = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "meeting",
            "outcome",
            "title",
            "description",
            "owner",
            "owner_name",
            "due_on",
            "milestone",
            "status",
        ]
        help_texts = {
            "id": "Identifier of the action item.",
            "meeting": "Id of the meeting that set it; null when you may not see that meeting.",
            "outcome": (
                "Id of the outcome it follows from, if any (null when you may not see the meeting)."
            ),
            "title": "What is to be done.",
            "description": "Details.",
            "owner": "Id of the person who owns it (required).",
            "owner_name": "The owner's name.",
            "due_on": "Due date (kept as a milestone, so it is reminded).",
            "milestone": "Id of the milestone carrying the due date.",
            "status": "Open, in progress, done or dropped.",
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # The owner of an action from a meeting they may not see reads the action, not which
        # meeting (or outcome) it came from (egm.selectors.action_item_list).
        if getattr(instance, "meeting_visible", True) is False:
            data["meeting"] = None
            data["outcome"] = None
        return data

    def create(self, validated_data):
        due_on = validated_data.pop("milestone", {}).get("due_on")
        validated_data.pop("status", None)
        return action_item_add(actor=self.context["request"].user, due_on=due_on, **validated_data)

    def update(self, instance, validated_data):
        due_on = validated_data.pop("milestone", {}).get("due_on")
        validated_data.pop("meeting", None)
        validated_data.pop("outcome", None)
        return action_item_update(
            actor=self.context["request"].user, item=instance, due_on=due_on, **validated_data
        )


class PlanningCommentSerializer(DocumentedModelSerializer):
    """A remark on a meeting's planning by the secretariat or the advisory group."""

    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    author = UserRefSerializer(read_only=True)

    class Meta:
        model = PlanningComment
        fields = ["id", "meeting", "author", "body", "created_at"]
        read_only_fields = ["id", "author", "created_at"]
        help_texts = {
            "id": "Identifier of the comment.",
            "meeting": "Id of the meeting.",
            "author": "Who wrote it.",
            "body": "The comment.",
            "created_at": "When it was written.",
        }

    def create(self, validated_data):
        return comment_add(actor=self.context["request"].user, **validated_data)


class AdvisoryGroupMembershipSerializer(DocumentedModelSerializer):
    """An organisation's place in the programme's advisory group."""

    organisation = OrganisationRefSerializer(read_only=True)
    representatives = UserRefSerializer(many=True, read_only=True)

    class Meta:
        model = AdvisoryGroupMembership
        fields = [
            "id",
            "organisation",
            "role",
            "representatives",
            "responsibilities",
            "start_on",
            "end_on",
            "source",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the seat.",
            "organisation": "The organisation holding the seat.",
            "role": "Coordinator, member, or implementing organisation (not a member).",
            "representatives": "The people representing it (names only).",
            "responsibilities": "What it is responsible for in the group.",
            "start_on": "Start of the term, if known.",
            "end_on": "End of the term, if it has ended.",
            "source": "Where this is stated.",
        }


class AdvisoryResponsibilitySerializer(DocumentedModelSerializer):
    """One of the advisory group's responsibilities."""

    class Meta:
        model = AdvisoryResponsibility
        fields = ["id", "order", "text", "source"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier.",
            "order": "Position in the list.",
            "text": "The responsibility.",
            "source": "Where it is stated.",
        }
