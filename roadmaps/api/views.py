"""API endpoints for SDGs, rubrics, roadmaps and roadmap versions."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from base.api.base import CachedReadsMixin, ReadOnlyScopedViewSet, ScopedViewSet
from base.api.export import CHUNK_SIZE
from base.api.renderers import FileDownloadRenderer
from base.uploads import LABELS
from pilots.models import Country, Pilot, Region
from programme.models import Organisation, User
from roadmaps.api.serializers import (
    AssessmentSerializer,
    ConsentWithdrawSerializer,
    CriterionSerializer,
    FeedbackReplySerializer,
    GoalSerializer,
    PublicReleaseConsentSerializer,
    RoadmapSerializer,
    RoadmapTargetWriteSerializer,
    RoadmapVersionSerializer,
    RoadmapVersionUploadSerializer,
    RubricSerializer,
    TargetLinkSerializer,
    TargetSerializer,
    VersionTransitionSerializer,
)
from roadmaps.downloads import version_file_response
from roadmaps.filtersets import (
    AssessmentFilterSet,
    CriterionFilterSet,
    FeedbackReplyFilterSet,
    GoalFilterSet,
    PublicReleaseConsentFilterSet,
    RoadmapFilterSet,
    RoadmapTargetFilterSet,
    RoadmapVersionFilterSet,
    RubricFilterSet,
    TargetFilterSet,
    TargetLinkFilterSet,
)
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Criterion,
    CriterionGroup,
    FeedbackReply,
    Goal,
    LevelDescriptor,
    OutsideExpert,
    PublicReleaseConsent,
    ReviewAssignment,
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
    Rubric,
    Target,
    TargetLink,
)
from roadmaps.rules import country_keeper_can_write, version_can_write
from roadmaps.selectors import (
    assessment_api_list,
    assessment_api_rows,
    consent_list_for,
    criterion_list,
    feedback_reply_list,
    goal_list,
    roadmap_list,
    roadmap_target_list,
    roadmap_version_list,
    rubric_list,
    target_link_list,
    target_list,
)
from roadmaps.services import (
    public_release_consent_withdraw,
    roadmap_target_remove,
    roadmap_version_transition,
    target_link_remove,
)

ROADMAP_EXAMPLE = OpenApiExample(
    "A national roadmap",
    value={
        "id": 4,
        "kind": "national",
        "title": "Ghana STI for SDGs roadmap",
        "summary": "Science, technology and innovation for industrialisation and jobs.",
        "country": {"id": 83, "iso3": "GHA", "name": "Ghana"},
        "owner": None,
        "goals": [
            {
                "goal": 9,
                "short_title": "Industry, innovation and infrastructure",
                "priority": "primary",
            },
            {"goal": 4, "short_title": "Quality education", "priority": "secondary"},
        ],
        "targets": [
            {"target": "9.5", "priority": "primary", "notes": ""},
            {"target": "4.4", "priority": "secondary", "notes": ""},
        ],
        "links": [
            {"id": 1, "from_target": "9.5", "to_target": "4.4", "kind": "synergy", "note": ""}
        ],
        "created_at": "2019-09-01T10:00:00Z",
        "updated_at": "2021-03-15T14:30:00Z",
    },
    response_only=True,
)

VERSION_EXAMPLE = OpenApiExample(
    "A published version",
    value={
        "id": 12,
        "roadmap": 4,
        "roadmap_title": "Ghana STI for SDGs roadmap",
        "country": {"id": 83, "iso3": "GHA", "name": "Ghana"},
        "number": 3,
        "status": "published",
        "original_filename": "ghana-roadmap-v3.pdf",
        "content_type": "application/pdf",
        "size": 2483021,
        "sha256": "9f2c4e0d8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6",
        "change_summary": "Validated by the national task team.",
        "created_at": "2021-02-10T09:12:00Z",
        "submitted_at": "2021-02-11T16:40:00Z",
        "published_at": "2021-04-02T08:00:00Z",
        "file_url": "https://sti-roadmaps.example.org/api/v1/roadmap-versions/12/file/",
    },
    response_only=True,
)


@extend_schema_view(
    list=extend_schema(summary="List the 17 SDGs"), retrieve=extend_schema(summary="One SDG")
)
class GoalViewSet(ReadOnlyScopedViewSet):
    """The Sustainable Development Goals (A/RES/71/313)."""

    selector = staticmethod(goal_list)
    serializer_class = GoalSerializer
    filterset_class = GoalFilterSet
    search_fields = ("short_title", "title")
    ordering_fields = ("number",)
    cache_models = (Goal,)


@extend_schema_view(
    list=extend_schema(summary="List SDG targets"), retrieve=extend_schema(summary="One target")
)
class TargetViewSet(ReadOnlyScopedViewSet):
    """The 169 SDG targets."""

    selector = staticmethod(target_list)
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet
    search_fields = ("code", "text")
    ordering_fields = ("code",)
    cache_models = (Target, Goal)


@extend_schema_view(
    list=extend_schema(summary="List rubric versions"),
    retrieve=extend_schema(summary="One rubric version"),
)
class RubricViewSet(ReadOnlyScopedViewSet):
    """Versions of the effectiveness-criteria rubric; partners see published versions."""

    selector = staticmethod(rubric_list)
    serializer_class = RubricSerializer
    filterset_class = RubricFilterSet
    prefetch = ("groups",)
    ordering_fields = ("version", "published_at")
    cache_models = (Rubric, CriterionGroup)


@extend_schema_view(
    list=extend_schema(summary="List effectiveness criteria"),
    retrieve=extend_schema(summary="One criterion"),
)
class CriterionViewSet(ReadOnlyScopedViewSet):
    """The ten effectiveness criteria of each rubric version, with their level descriptors."""

    selector = staticmethod(criterion_list)
    serializer_class = CriterionSerializer
    filterset_class = CriterionFilterSet
    prefetch = ("levels",)
    search_fields = ("name", "short_name", "description")
    ordering_fields = ("number",)
    cache_models = (Criterion, CriterionGroup, LevelDescriptor, Rubric)


@extend_schema_view(
    list=extend_schema(
        summary="List roadmaps",
        description=(
            "Roadmaps with the SDGs and targets they address. Partners see roadmaps with a "
            "published version; focal points also see their own country's."
        ),
        examples=[ROADMAP_EXAMPLE],
    ),
    retrieve=extend_schema(summary="One roadmap", examples=[ROADMAP_EXAMPLE]),
)
class RoadmapViewSet(ReadOnlyScopedViewSet):
    """STI for SDGs roadmaps, filterable by country, region and SDG (RoadmapFilterSet)."""

    selector = staticmethod(roadmap_list)
    serializer_class = RoadmapSerializer
    filterset_class = RoadmapFilterSet
    prefetch = (
        "goal_links__goal",
        "target_links__target",
        # The links that hold for the whole roadmap (a version's own are read with it).
        Prefetch(
            "links",
            queryset=TargetLink.objects.filter(version__isnull=True).select_related(
                "from_target", "to_target"
            ),
            to_attr="roadmap_links",
        ),
    )
    search_fields = ("title", "summary")
    ordering_fields = ("title", "created_at", "updated_at")
    # Rows, scoping (published versions), filters (latest status and score) and serializer.
    cache_models = (
        Roadmap,
        RoadmapVersion,
        RoadmapGoal,
        RoadmapTarget,
        TargetLink,
        Goal,
        Target,
        Assessment,
        ConsolidatedScore,
        ReviewAssignment,
        Country,
        Region,
        Organisation,
    )


@extend_schema_view(
    list=extend_schema(
        summary="List roadmap versions",
        description=(
            "Versions' metadata. Partners see published versions only; `file_url` is set "
            "when you may download the file."
        ),
        examples=[VERSION_EXAMPLE],
    ),
    retrieve=extend_schema(summary="One roadmap version", examples=[VERSION_EXAMPLE]),
)
class RoadmapVersionViewSet(mixins.CreateModelMixin, ReadOnlyScopedViewSet):
    """Roadmap versions; the file is downloadable once published (earlier for its country).

    Focal points upload their own country's drafts and submit them; the secretariat uploads for
    any country and makes every other move. Both go through the upload page's services.
    """

    selector = staticmethod(roadmap_version_list)
    serializer_class = RoadmapVersionSerializer
    filterset_class = RoadmapVersionFilterSet
    search_fields = ("roadmap__title", "change_summary")
    ordering_fields = ("number", "created_at", "published_at")
    # Rows, scoping (a reviewer's assignments) and the serializer's file link.
    cache_models = (RoadmapVersion, Roadmap, ReviewAssignment, Country, Organisation, User)

    # Who may try; the services decide for which roadmap or version (403 when they refuse).
    write_rule = staticmethod(version_can_write)

    def get_serializer_class(self):
        if self.action == "create":
            return RoadmapVersionUploadSerializer
        if self.action == "transition":
            return VersionTransitionSerializer
        return RoadmapVersionSerializer

    @extend_schema(
        summary="Upload a new draft (focal points for their country, the secretariat)",
        description=(
            "Multipart upload of a roadmap's next version, numbered after the latest one. The "
            "file is checked by its content (PDF, DOCX or ODT, size limit, safe archives); a "
            "refused file is a 400 with the reason under `fields.file` and nothing is stored."
        ),
        request={"multipart/form-data": RoadmapVersionUploadSerializer},
        responses={201: RoadmapVersionSerializer},
    )
    def create(self, request, *args, **kwargs):
        upload = self.get_serializer(data=request.data)
        upload.is_valid(raise_exception=True)
        version = upload.save()
        version = self.get_queryset().get(pk=version.pk)
        body = RoadmapVersionSerializer(version, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Move a version through the workflow",
        description=(
            "Focal points submit their country's drafts; the secretariat starts review, returns "
            "(with a comment), accepts and publishes. A move the workflow does not allow from "
            "the current status is a 409 (`illegal_transition`, `another_version_pending`, or "
            "`reason_required` for a return without a comment or an acceptance with no finalised "
            "assessment and no reason, which is then recorded as the secretariat's override); a "
            "move your role may not make is a 403."
        ),
        request=VersionTransitionSerializer,
        responses={200: RoadmapVersionSerializer},
    )
    @action(detail=True, methods=["post"], url_path="transition")
    def transition(self, request, *args, **kwargs):
        version = self.get_object()
        move = self.get_serializer(data=request.data)
        move.is_valid(raise_exception=True)
        roadmap_version_transition(actor=request.user, version=version, **move.validated_data)
        version = self.get_queryset().get(pk=version.pk)
        return Response(
            RoadmapVersionSerializer(version, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Download a version's file",
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
        return version_file_response(user=request.user, version=self.get_object())


ASSESSMENT_EXAMPLE = OpenApiExample(
    "A finalised assessment of a published version",
    value={
        "id": 7,
        "version": 12,
        "version_number": 3,
        "version_status": "published",
        "roadmap": 4,
        "roadmap_title": "Ghana STI for SDGs roadmap",
        "country": {"id": 83, "iso3": "GHA", "name": "Ghana"},
        "rubric": 1,
        "rubric_version": 1,
        "status": "finalised",
        "finalised_at": "2021-03-20T10:00:00Z",
        "overall_mean": 2.6,
        "scored": 10,
        "insufficient": 0,
        "group_means": [
            {
                "code": "inputs",
                "name": "Analytical and deliberative inputs",
                "mean": 2.75,
                "scored": 4,
                "insufficient": 0,
            }
        ],
        "scores": [
            {
                "number": 1,
                "short_name": "Evidence base",
                "name": "Evidence base and analysis",
                "group": "inputs",
                "score": 3.0,
                "insufficient_information": False,
                "comment": "A thorough situation analysis.",
            }
        ],
        "reviewers": [],
    },
    response_only=True,
)


@extend_schema_view(
    list=extend_schema(
        summary="List assessments (scorecards)",
        description=(
            "Each assessment is a version's scorecard: consolidated scores per criterion, group "
            "means and the overall mean (insufficient information is left out of every mean), "
            "with the rubric version used and when it was finalised. Every role sees finalised "
            "assessments of published versions (the advisory group and partners no more); "
            "focal points also their own country's once a decision is made on the version. "
            "Find a "
            "version's scorecard with `?version=<id>`."
        ),
        examples=[ASSESSMENT_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="One assessment: a version's scorecard", examples=[ASSESSMENT_EXAMPLE]
    ),
)
class AssessmentViewSet(ReadOnlyScopedViewSet):
    """Assessments of roadmap versions against the effectiveness criteria (the scorecards)."""

    selector = staticmethod(assessment_api_list)
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilterSet
    search_fields = ("version__roadmap__title", "version__roadmap__country__name")
    ordering_fields = ("finalised_at", "created_at")
    # Rows, scoping, scores, criteria, reviewers' names and the filters.
    cache_models = (
        Assessment,
        ConsolidatedScore,
        Criterion,
        CriterionGroup,
        Rubric,
        RoadmapVersion,
        Roadmap,
        ReviewAssignment,
        Country,
        Region,
        Organisation,
        OutsideExpert,
        Pilot,
        User,
    )

    # Lists and exports are read as plain values (assessment_api_rows), not as model instances
    # through nested serializers: the serializer still describes the fields, and one row
    # (retrieve) still goes through it.
    def list(self, request, *args, **kwargs):
        return self._cached_read(request, self._list_rows, *args, **kwargs)

    def _list_rows(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        ids = self.paginate_queryset(queryset.prefetch_related(None).values_list("pk", flat=True))
        return self.get_paginated_response(assessment_api_rows(user=request.user, ids=ids))

    def export_rows(self, queryset):
        ids = queryset.prefetch_related(None).values_list("pk", flat=True)
        chunk = []
        for pk in ids.iterator(chunk_size=CHUNK_SIZE):
            chunk.append(pk)
            if len(chunk) == CHUNK_SIZE:
                yield from assessment_api_rows(user=self.request.user, ids=chunk)
                chunk = []
        if chunk:
            yield from assessment_api_rows(user=self.request.user, ids=chunk)


# --- What a country keeps of its roadmaps ---------------------------------------------------


class _KeptRoadmapRecords(ScopedViewSet):
    """Records a country keeps of its roadmaps: read within scope; written by the country's
    focal points and the secretariat (`country_keeper_can_write`); a write addresses only the
    caller's own country's rows (`write_scope`), so another country's is a 404."""

    write_rule = staticmethod(country_keeper_can_write)
    write_scope: str = "roadmap__in"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.method not in SAFE_METHODS:
            user = self.request.user
            queryset = queryset.filter(
                **{self.write_scope: Roadmap.objects.restrict(user, "link_sdgs").values("pk")}
            )
        return queryset


@extend_schema_view(
    list=extend_schema(summary="List roadmaps' SDG targets"),
    retrieve=extend_schema(summary="One SDG target of a roadmap"),
    create=extend_schema(
        summary="Add an SDG target to a roadmap (its country, the secretariat)",
        description=(
            "Adds the target (its SDG joins the roadmap's) or updates its priority and note. "
            "After a version is published, the country changes them for its next draft only."
        ),
    ),
    destroy=extend_schema(summary="Remove an SDG target (and its links) from a roadmap"),
)
class RoadmapTargetViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    _KeptRoadmapRecords,
):
    """The SDG targets roadmaps address."""

    selector = staticmethod(roadmap_target_list)
    serializer_class = RoadmapTargetWriteSerializer
    filterset_class = RoadmapTargetFilterSet
    # Rows, scoping (published versions, a reviewer's assignments) and the targets.
    cache_models = (RoadmapTarget, Target, Goal, Roadmap, RoadmapVersion, ReviewAssignment)

    def perform_destroy(self, instance):
        roadmap_target_remove(actor=self.request.user, link=instance)


@extend_schema_view(
    list=extend_schema(summary="List synergies and trade-offs between targets"),
    retrieve=extend_schema(summary="One synergy or trade-off"),
    create=extend_schema(
        summary="Link two of a roadmap's targets (its country, the secretariat)",
        description=(
            "Both targets must be among the roadmap's targets, different, and not linked "
            "already (for the same version); each refusal is a 400 naming the field."
        ),
    ),
    destroy=extend_schema(summary="Remove a link between targets"),
)
class TargetLinkViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    _KeptRoadmapRecords,
):
    """Synergies and trade-offs between roadmaps' targets, comparable across roadmaps."""

    selector = staticmethod(target_link_list)
    serializer_class = TargetLinkSerializer
    filterset_class = TargetLinkFilterSet
    ordering_fields = ("kind",)
    cache_models = (TargetLink, Target, Goal, Roadmap, RoadmapVersion, ReviewAssignment)

    def perform_destroy(self, instance):
        target_link_remove(actor=self.request.user, link=instance)


@extend_schema_view(
    list=extend_schema(summary="List consents to public release (the country's, or all)"),
    retrieve=extend_schema(summary="One consent to public release"),
    create=extend_schema(
        summary="Give consent to release a published version (its country, the secretariat)",
        description="One consent is in force per version: a second is a 400 on `version`.",
    ),
)
class PublicReleaseConsentViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    _KeptRoadmapRecords,
):
    """Countries' consents to show a published version and its scorecard to the world."""

    selector = staticmethod(consent_list_for)
    serializer_class = PublicReleaseConsentSerializer
    filterset_class = PublicReleaseConsentFilterSet
    write_scope = "version__roadmap__in"
    cache_models = (PublicReleaseConsent, RoadmapVersion, Roadmap, User)

    def get_serializer_class(self):
        if self.action == "withdraw":
            return ConsentWithdrawSerializer
        return PublicReleaseConsentSerializer

    @extend_schema(
        summary="Withdraw a consent (its country, the secretariat)",
        responses={200: PublicReleaseConsentSerializer},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        consent = self.get_object()
        serializer = ConsentWithdrawSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        withdrawn = public_release_consent_withdraw(
            actor=request.user, consent=consent, **serializer.validated_data
        )
        return Response(
            PublicReleaseConsentSerializer(withdrawn, context=self.get_serializer_context()).data
        )


@extend_schema_view(
    list=extend_schema(summary="List replies to feedback (the country's, or all)"),
    retrieve=extend_schema(summary="One reply to feedback"),
    create=extend_schema(
        summary="Reply to the feedback on a returned or published version (its country)",
        description="One reply per version; the secretariat reads it with the assessment.",
    ),
)
class FeedbackReplyViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    _KeptRoadmapRecords,
):
    """Countries' replies to the feedback on their versions."""

    selector = staticmethod(feedback_reply_list)
    serializer_class = FeedbackReplySerializer
    filterset_class = FeedbackReplyFilterSet
    write_scope = "version__roadmap__in"
    cache_models = (FeedbackReply, RoadmapVersion, Roadmap, User)
