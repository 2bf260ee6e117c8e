"""API endpoints for meetings, their participants, agenda, documents, outcomes, action items
and planning comments, regional tracks and the advisory group. Reads through egm.selectors,
writes through egm.services."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from base.api.base import ReadOnlyScopedViewSet, WritableScopedViewSet
from base.api.parsers import BoundedJSONParser
from base.api.renderers import FileDownloadRenderer
from base.errors import refuse
from base.httpcache import app_models
from base.uploads import LABELS
from egm.api.serializers import (
    ActionItemSerializer,
    AdvisoryGroupMembershipSerializer,
    AdvisoryResponsibilitySerializer,
    AgendaSessionSerializer,
    AttendanceSerializer,
    DocumentCreateSerializer,
    DocumentSerializer,
    DocumentVersionInputSerializer,
    DocumentVersionSerializer,
    ImportReportSerializer,
    InvitationSerializer,
    MeetingSerializer,
    MeetingSeriesSerializer,
    OutcomeSerializer,
    ParticipantAnswerSerializer,
    ParticipantImportSerializer,
    ParticipantSerializer,
    PlanningCommentSerializer,
    RegionalTrackSerializer,
    RegistrationSerializer,
    ThemeSerializer,
)
from egm.filtersets import (
    ActionItemFilterSet,
    AdvisoryGroupMembershipFilterSet,
    MeetingChildFilterSet,
    MeetingFilterSet,
    ParticipantFilterSet,
)
from egm.models import (
    ActionItem,
    AdvisoryGroupMembership,
    AdvisoryResponsibility,
    AgendaSession,
    Document,
    DocumentVersion,
    Meeting,
    MeetingSeries,
    Outcome,
    Participant,
    PlanningComment,
    RegionalTrack,
    RegionalTrackPartner,
    Theme,
)
from egm.rules import meeting_can_comment, meeting_can_manage, meeting_manage_refusal
from egm.selectors import (
    action_item_list,
    advisory_group_list,
    advisory_responsibility_list,
    comment_list,
    document_list,
    document_version_list,
    meeting_list,
    outcome_list,
    participant_list,
    series_list,
    session_list,
    theme_list,
    track_list,
)
from egm.services import (
    attendance_record,
    document_add,
    document_version_add,
    meeting_registration_set,
    participant_answer,
    participant_remove,
    participants_import,
    participants_invite,
    registration_token,
)
from guidebook.models import Chapter, GuidebookEdition, Invitation
from pilots.models import Country, Pilot, Region
from programme.models import Milestone, Organisation, User
from roadmaps.models import Criterion, Rubric


class _MeetingRecordsWrites:
    """Who writes meetings and their records through the API: `egm.rules.meeting_can_manage`,
    the rule the services raise and the pages ask."""

    write_rule = staticmethod(meeting_can_manage)


@extend_schema_view(
    list=extend_schema(summary="List meetings"),
    retrieve=extend_schema(summary="One meeting"),
    create=extend_schema(summary="Add a meeting (secretariat)"),
    update=extend_schema(summary="Replace a meeting (secretariat)"),
    partial_update=extend_schema(summary="Change a meeting (secretariat)"),
)
class MeetingViewSet(_MeetingRecordsWrites, WritableScopedViewSet):
    """Expert Group Meetings, regional and supplementary meetings, STI Forum sessions."""

    selector = staticmethod(meeting_list)
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    search_fields = ("title", "city", "summary")
    ordering_fields = ("start_date", "title")

    @property
    def cache_models(self):
        # Meetings with their hosts, themes, tracks and series; the filters read countries,
        # regions and organisations.
        return app_models("egm", "pilots", "programme", "auth")

    def get_serializer_class(self):
        return {
            "participants_import": ParticipantImportSerializer,
            "invitations": InvitationSerializer,
            "attendance": AttendanceSerializer,
            "registration": RegistrationSerializer,
        }.get(self.action, MeetingSerializer)

    def _participants(self, meeting, participants=None):
        # The rows as the caller may read them (egm.rules.participant_visible_q).
        rows = participant_list(user=self.request.user, meeting=meeting)
        if participants is not None:
            rows = rows.filter(pk__in=[p.pk for p in participants])
        return ParticipantSerializer(
            rows.order_by("full_name"), many=True, context=self.get_serializer_context()
        ).data

    @extend_schema(
        methods=["GET"],
        summary="List a meeting's invitations and answers (secretariat)",
        request=None,
        responses={200: ParticipantSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Invite people to a meeting (secretariat)",
        description=(
            "Invites accounts (`users`) and others by address (`addresses`), each emailed in "
            "their language with the meeting, the agenda so far, a calendar file and a "
            "personal link to answer. All of them or, if one cannot be invited (already on "
            "the list, the meeting is over), none: a 400 naming the person."
        ),
        request=InvitationSerializer,
        responses={201: ParticipantSerializer(many=True)},
    )
    @action(detail=True, methods=["get", "post"], url_path="invitations", pagination_class=None)
    def invitations(self, request, *args, **kwargs):
        meeting = self.get_object()
        if request.method == "GET":
            # Who was invited and how they answered is the secretariat's working list.
            refuse(meeting_manage_refusal(request.user, meeting))
            return Response(self._participants(meeting))
        data = InvitationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invited = participants_invite(actor=request.user, meeting=meeting, **data.validated_data)
        return Response(self._participants(meeting, invited), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Mark who attended a meeting that is over (secretariat)",
        request=AttendanceSerializer,
        responses={200: AttendanceSerializer},
    )
    @action(detail=True, methods=["post"], url_path="attendance")
    def attendance(self, request, *args, **kwargs):
        meeting = self.get_object()
        data = AttendanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attended = data.validated_data["attended"]
        marked = attendance_record(actor=request.user, meeting=meeting, attended=attended)
        return Response({"attended": sorted(set(attended)), "marked": marked})

    @extend_schema(
        summary="Open or close a meeting's registration link (secretariat)",
        request=RegistrationSerializer,
        responses={200: RegistrationSerializer},
    )
    @action(detail=True, methods=["post"], url_path="registration")
    def registration(self, request, *args, **kwargs):
        meeting = self.get_object()
        data = RegistrationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = meeting_registration_set(
            actor=request.user,
            meeting=meeting,
            is_open=data.validated_data["registration_open"],
        )
        url = None
        if meeting.registration_open:
            url = request.build_absolute_uri(
                reverse("egm:register", args=[registration_token(meeting)])
            )
        return Response({"registration_open": meeting.registration_open, "registration_url": url})

    @extend_schema(
        summary="Check or import a participant list (secretariat)",
        description=(
            "Multipart upload of a CSV (UTF-8) or XLSX list. `mode=preview` (default) only "
            "checks it and reports each row's errors; `good_rows` imports the rows without "
            "errors; `all_or_nothing` imports every row, or none (400) if any row has an error. "
            "A file that is not CSV or XLSX, or lacks the required columns, is a 400."
        ),
        request={"multipart/form-data": ParticipantImportSerializer},
        responses={200: ImportReportSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="participants-import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def participants_import(self, request, *args, **kwargs):
        meeting = self.get_object()
        upload = ParticipantImportSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        report = participants_import(
            actor=request.user,
            meeting=meeting,
            file=upload.validated_data["file"],
            mode=upload.validated_data["mode"],
        )
        body = {
            "created": report.created,
            "good": len(report.good),
            "bad": len(report.bad),
            "rows": [{"line": r.line, "ok": r.ok, "errors": r.errors} for r in report.rows],
        }
        return Response(ImportReportSerializer(body).data)


@extend_schema_view(
    list=extend_schema(summary="List participants (secretariat; others get no rows)"),
    retrieve=extend_schema(summary="One participant"),
    create=extend_schema(summary="Add a participant (secretariat)"),
    update=extend_schema(summary="Replace a participant (secretariat)"),
    partial_update=extend_schema(summary="Change a participant (secretariat)"),
    destroy=extend_schema(summary="Remove a participant (secretariat)"),
)
class ParticipantViewSet(_MeetingRecordsWrites, mixins.DestroyModelMixin, WritableScopedViewSet):
    """People invited to or attending meetings. Emails and phone numbers are the
    secretariat's only: absent from everyone else's answers, searches, filters and exports."""

    selector = staticmethod(participant_list)
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilterSet
    search_fields = ("full_name", "affiliation", "organisation__name", "organisation__acronym")
    ordering_fields = ("full_name", "status")
    # Rows, the meetings they belong to (visibility) and the names shown.
    cache_models = (Participant, Meeting, Organisation, Country, User)

    def get_serializer_class(self):
        if self.action == "answer":
            return ParticipantAnswerSerializer
        return ParticipantSerializer

    def can_write(self, user) -> bool:
        if self.action == "answer":
            # The person answers their own invitation (the secretariat records answers given
            # otherwise); the service decides (egm.rules.participant_answer_refusal: 403).
            return bool(user.is_authenticated)
        return super().can_write(user)

    def perform_destroy(self, instance):
        participant_remove(actor=self.request.user, participant=instance)

    @extend_schema(
        summary="Answer an invitation (the person invited; the secretariat for them)",
        description=(
            "Accept (`registered`, saying how one takes part) or decline (`declined`), with "
            "any access or dietary needs (seen by the secretariat only) and, the person only, "
            "who sees their name."
        ),
        request=ParticipantAnswerSerializer,
        responses={200: ParticipantSerializer},
    )
    @action(detail=True, methods=["post"], url_path="answer")
    def answer(self, request, *args, **kwargs):
        participant = self.get_object()
        data = ParticipantAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        listing = None
        names = ("listed_to_participants", "listed_to_users", "listed_to_partners")
        if any(name in values for name in names):
            listing = {
                name.replace("listed_", ""): values.pop(name, getattr(participant, name))
                for name in names
            }
        participant = participant_answer(
            actor=request.user, participant=participant, listing=listing, **values
        )
        body = ParticipantSerializer(participant, context=self.get_serializer_context()).data
        return Response(body)


class AgendaSessionFilterSet(MeetingChildFilterSet):
    class Meta:
        from egm.models import AgendaSession

        model = AgendaSession
        fields = ["meeting"]


@extend_schema_view(
    list=extend_schema(summary="List agenda sessions"),
    retrieve=extend_schema(summary="One agenda session"),
    create=extend_schema(summary="Add an agenda session (secretariat)"),
    update=extend_schema(summary="Replace an agenda session (secretariat)"),
    partial_update=extend_schema(summary="Change an agenda session (secretariat)"),
)
class AgendaSessionViewSet(_MeetingRecordsWrites, WritableScopedViewSet):
    """Sessions of meetings' agendas; each falls within its meeting's dates."""

    selector = staticmethod(session_list)
    serializer_class = AgendaSessionSerializer
    filterset_class = AgendaSessionFilterSet
    search_fields = ("title", "chairs", "speakers")
    ordering_fields = ("day", "start_time")
    cache_models = (AgendaSession, Meeting)


class DocumentFilterSet(MeetingChildFilterSet):
    class Meta:
        from egm.models import Document

        model = Document
        fields = ["meeting", "kind"]


@extend_schema_view(
    list=extend_schema(summary="List meeting materials and minutes"),
    retrieve=extend_schema(summary="One document with its versions"),
)
class DocumentViewSet(_MeetingRecordsWrites, mixins.CreateModelMixin, ReadOnlyScopedViewSet):
    """Materials and minutes of meetings and sessions, in versions (files or safe Markdown)."""

    selector = staticmethod(document_list)
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    search_fields = ("title",)
    ordering_fields = ("created_at", "title")
    parser_classes = [MultiPartParser, FormParser, BoundedJSONParser]
    cache_models = (Document, DocumentVersion, AgendaSession, Meeting)

    def get_serializer_class(self):
        if self.action == "create":
            return DocumentCreateSerializer
        if self.action == "versions":
            return DocumentVersionInputSerializer
        return DocumentSerializer

    def _answer(self, document_pk, code):
        document = self.get_queryset().get(pk=document_pk)
        body = DocumentSerializer(document, context=self.get_serializer_context()).data
        return Response(body, status=code)

    @extend_schema(
        summary="Add material or minutes with a first version (secretariat)",
        description=(
            "Multipart: a PDF, DOCX or ODT `file` (checked by its content, as roadmap drafts "
            "are) or a Markdown `body` (raw HTML, scripts and non-web links are refused)."
        ),
        request={"multipart/form-data": DocumentCreateSerializer},
        responses={201: DocumentSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        file = values.pop("file", None)
        version = document_add(
            actor=request.user, file=file, filename=file.name if file else None, **values
        )
        return self._answer(version.document_id, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Add a new version of a document (secretariat)",
        request={"multipart/form-data": DocumentVersionInputSerializer},
        responses={201: DocumentSerializer},
    )
    @action(detail=True, methods=["post"], url_path="versions")
    def versions(self, request, *args, **kwargs):
        document = self.get_object()
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        file = values.pop("file", None)
        document_version_add(
            actor=request.user,
            document=document,
            file=file,
            filename=file.name if file else None,
            **values,
        )
        return self._answer(document.pk, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="List document versions"),
    retrieve=extend_schema(summary="One document version"),
)
class DocumentVersionViewSet(ReadOnlyScopedViewSet):
    """Every version of every meeting document you may see."""

    selector = staticmethod(document_version_list)
    serializer_class = DocumentVersionSerializer
    filterset_class = None
    ordering_fields = ("created_at", "number")
    cache_models = (DocumentVersion, Document, Meeting)

    @extend_schema(
        summary="Download a document version's file",
        responses={
            (200, content_type): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The file as uploaded: " + ", ".join(LABELS.values()) + ".",
            )
            for content_type in LABELS
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="file",
        renderer_classes=[JSONRenderer, FileDownloadRenderer],
    )
    def file(self, request, *args, **kwargs):
        version = self.get_object()
        if not version.file:
            raise Http404
        try:
            handle = version.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=version.original_filename,
            content_type=version.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class OutcomeFilterSet(MeetingChildFilterSet):
    class Meta:
        from egm.models import Outcome

        model = Outcome
        fields = ["meeting"]


@extend_schema_view(
    list=extend_schema(summary="List meeting outcomes"),
    retrieve=extend_schema(summary="One outcome"),
    create=extend_schema(summary="Record an outcome (secretariat)"),
    update=extend_schema(summary="Replace an outcome (secretariat)"),
    partial_update=extend_schema(summary="Change an outcome (secretariat)"),
)
class OutcomeViewSet(_MeetingRecordsWrites, WritableScopedViewSet):
    """What meetings concluded, pointing to pilots, criteria and Guidebook chapters."""

    selector = staticmethod(outcome_list)
    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilterSet
    search_fields = ("title", "description")
    ordering_fields = ("created_at",)
    # The outcomes' pilots and chapters are read within the caller's scope.
    cache_models = (
        Outcome,
        Meeting,
        Pilot,
        Country,
        Criterion,
        Rubric,
        Organisation,
        Chapter,
        GuidebookEdition,
        Invitation,
    )


@extend_schema_view(
    list=extend_schema(summary="List action items"),
    retrieve=extend_schema(summary="One action item"),
    create=extend_schema(summary="Add an action item (secretariat)"),
    update=extend_schema(summary="Replace an action item (secretariat)"),
    partial_update=extend_schema(
        summary="Change an action item (its owner: status only; the secretariat: anything)"
    ),
)
class ActionItemViewSet(_MeetingRecordsWrites, WritableScopedViewSet):
    """Action items from meetings, each with an owner and a due date kept as a milestone."""

    selector = staticmethod(action_item_list)
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilterSet
    search_fields = ("title",)
    ordering_fields = ("milestone__due_on", "status")
    cache_models = (ActionItem, Meeting, Milestone, User)

    def can_write(self, user) -> bool:
        if self.action in ("update", "partial_update"):
            # Owners report progress on their own items; the service decides (403 otherwise).
            return bool(user.is_authenticated)
        return super().can_write(user)


class CommentFilterSet(MeetingChildFilterSet):
    class Meta:
        from egm.models import PlanningComment

        model = PlanningComment
        fields = ["meeting"]


@extend_schema_view(
    list=extend_schema(summary="List planning comments (secretariat, advisory group)"),
    retrieve=extend_schema(summary="One planning comment"),
    create=extend_schema(summary="Comment on a meeting's planning"),
)
class PlanningCommentViewSet(mixins.CreateModelMixin, ReadOnlyScopedViewSet):
    """The advisory group's and the secretariat's remarks on meetings being planned."""

    selector = staticmethod(comment_list)
    serializer_class = PlanningCommentSerializer
    filterset_class = CommentFilterSet
    ordering_fields = ("created_at",)
    cache_models = (PlanningComment, Meeting, User)

    write_rule = staticmethod(meeting_can_comment)

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if self.action == "create":
            # A comment goes only on a meeting the commenter may see (else 400, like no id).
            serializer.fields["meeting"].queryset = meeting_list(user=self.request.user)
        return serializer


@extend_schema_view(
    list=extend_schema(summary="List regional tracks"),
    retrieve=extend_schema(summary="One regional track"),
)
class RegionalTrackViewSet(ReadOnlyScopedViewSet):
    """Regional tracks (Asia with ESCAP, Africa with ECA, ...) and their partners."""

    selector = staticmethod(track_list)
    serializer_class = RegionalTrackSerializer
    filterset_class = None
    search_fields = ("name", "description")
    ordering_fields = ("name",)
    cache_models = (RegionalTrack, RegionalTrackPartner, Region, Organisation)


@extend_schema_view(
    list=extend_schema(summary="List meeting series"),
    retrieve=extend_schema(summary="One meeting series"),
)
class MeetingSeriesViewSet(ReadOnlyScopedViewSet):
    """Series of meetings that carry their open action items forward."""

    selector = staticmethod(series_list)
    serializer_class = MeetingSeriesSerializer
    filterset_class = None
    ordering_fields = ("name",)
    cache_models = (MeetingSeries,)


@extend_schema_view(
    list=extend_schema(summary="List meeting themes"),
    retrieve=extend_schema(summary="One meeting theme"),
)
class ThemeViewSet(ReadOnlyScopedViewSet):
    """Questions meetings take up."""

    selector = staticmethod(theme_list)
    serializer_class = ThemeSerializer
    filterset_class = None
    search_fields = ("name", "description")
    ordering_fields = ("name",)
    cache_models = (Theme,)


@extend_schema_view(
    list=extend_schema(summary="List the advisory group's seats"),
    retrieve=extend_schema(summary="One advisory-group seat"),
)
class AdvisoryGroupMembershipViewSet(ReadOnlyScopedViewSet):
    """The organisations in the programme's advisory group, and its implementing
    organisations."""

    selector = staticmethod(advisory_group_list)
    serializer_class = AdvisoryGroupMembershipSerializer
    filterset_class = AdvisoryGroupMembershipFilterSet
    search_fields = ("organisation__name", "organisation__acronym")
    ordering_fields = ("role", "start_on")
    cache_models = (AdvisoryGroupMembership, Organisation, User)


@extend_schema_view(
    list=extend_schema(summary="List the advisory group's responsibilities"),
    retrieve=extend_schema(summary="One responsibility"),
)
class AdvisoryResponsibilityViewSet(ReadOnlyScopedViewSet):
    """What the advisory group is responsible for."""

    selector = staticmethod(advisory_responsibility_list)
    serializer_class = AdvisoryResponsibilitySerializer
    filterset_class = None
    ordering_fields = ("order",)
    cache_models = (AdvisoryResponsibility,)
