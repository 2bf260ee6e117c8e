"""API representations of SDGs, rubrics, roadmaps and roadmap versions."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from base.api.base import DocumentedModelSerializer, DocumentedSerializer
from pilots.api.serializers import CountryRefSerializer
from programme.api.serializers import OrganisationRefSerializer
from roadmaps.choices import CLOSED_ASSIGNMENT_STATUSES, CriterionGroupCode, VersionStatus
from roadmaps.models import (
    Assessment,
    Criterion,
    CriterionGroup,
    FeedbackReply,
    Goal,
    LevelDescriptor,
    PublicReleaseConsent,
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
    Rubric,
    Target,
    TargetLink,
)
from roadmaps.rules import reviewer_names_visible, version_file_readable
from roadmaps.selectors import (
    assessment_scores_get,
    roadmap_list,
)
from roadmaps.services import (
    feedback_reply_create,
    public_release_consent_give,
    roadmap_target_set,
    roadmap_version_upload,
    target_link_add,
)


class GoalSerializer(DocumentedModelSerializer):
    """One of the 17 Sustainable Development Goals."""

    class Meta:
        model = Goal
        fields = ["id", "number", "short_title", "title"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the SDG record.",
            "number": "SDG number, 1 to 17.",
            "short_title": "Short title, e.g. 'Industry, innovation and infrastructure'.",
            "title": "Full title from A/RES/71/313.",
        }


class TargetSerializer(DocumentedModelSerializer):
    """One of the 169 SDG targets."""

    goal = serializers.IntegerField(source="goal.number", read_only=True)

    class Meta:
        model = Target
        fields = ["id", "code", "goal", "text"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the target record.",
            "code": "Official code, e.g. '9.5'.",
            "goal": "Number of the SDG it belongs to.",
            "text": "Official text from A/RES/71/313.",
        }


class LevelDescriptorSerializer(DocumentedModelSerializer):
    """What one score means for a criterion."""

    class Meta:
        model = LevelDescriptor
        fields = ["score", "descriptor"]
        read_only_fields = fields
        help_texts = {
            "score": "Score, 0 (absent) to 4 (exemplary).",
            "descriptor": "What a roadmap at this level looks like.",
        }


class CriterionGroupSerializer(DocumentedModelSerializer):
    """One of the three groups of the criteria."""

    class Meta:
        model = CriterionGroup
        fields = ["code", "name", "order"]
        read_only_fields = fields
        help_texts = {
            "code": "Stable code of the group.",
            "name": "Name of the group.",
            "order": "Position of the group in the rubric.",
        }


class RubricSerializer(DocumentedModelSerializer):
    """A version of the effectiveness-criteria rubric."""

    groups = CriterionGroupSerializer(many=True, read_only=True)

    class Meta:
        model = Rubric
        fields = ["id", "version", "title", "description", "source", "published_at", "groups"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the rubric version.",
            "version": "Version number; assessments keep the version they used.",
            "title": "Title of this version.",
            "description": "What the rubric measures.",
            "source": "Where the criteria and levels come from.",
            "published_at": "When this version came into use (empty while in preparation).",
            "groups": "The groups the criteria fall into.",
        }


class CriterionSerializer(DocumentedModelSerializer):
    """An effectiveness criterion as one rubric version words it, with its level descriptors."""

    rubric_version = serializers.IntegerField(source="rubric.version", read_only=True)
    group = serializers.CharField(source="group.code", read_only=True)
    levels = LevelDescriptorSerializer(many=True, read_only=True)

    class Meta:
        model = Criterion
        fields = [
            "id",
            "rubric",
            "rubric_version",
            "group",
            "number",
            "name",
            "short_name",
            "description",
            "levels",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the criterion.",
            "rubric": "Id of the rubric version (see /rubrics/).",
            "rubric_version": "Version number of that rubric.",
            "group": "Code of the criterion's group.",
            "number": "Criterion number, 1 to 10.",
            "name": "Full name.",
            "short_name": "Short name for tables and charts.",
            "description": "What the criterion asks of a roadmap.",
            "levels": "What each score from 0 to 4 means.",
        }


class RoadmapGoalSerializer(DocumentedModelSerializer):
    """An SDG a roadmap addresses."""

    goal = serializers.IntegerField(source="goal.number", read_only=True)
    short_title = serializers.CharField(source="goal.short_title", read_only=True)

    class Meta:
        model = RoadmapGoal
        fields = ["goal", "short_title", "priority", "source", "illustrative"]
        read_only_fields = fields
        help_texts = {
            "source": "Where this SDG focus is recorded.",
            "illustrative": "True when this SDG focus is made up for a demonstration.",
            "goal": "SDG number.",
            "short_title": "The SDG's short title.",
            "priority": "Whether the roadmap addresses it primarily or secondarily.",
        }


class RoadmapTargetSerializer(DocumentedModelSerializer):
    """An SDG target a roadmap addresses."""

    target = serializers.CharField(source="target.code", read_only=True)

    class Meta:
        model = RoadmapTarget
        fields = ["target", "priority", "notes"]
        read_only_fields = fields
        help_texts = {
            "target": "Code of the SDG target, e.g. '9.5'.",
            "priority": "Whether the roadmap addresses it primarily or secondarily.",
            "notes": "A note on the target (its synergies and trade-offs are in `links`).",
        }


class TargetLinkRefSerializer(DocumentedModelSerializer):
    """A synergy or trade-off between two of a roadmap's targets, inside the roadmap."""

    from_target = serializers.CharField(source="from_target.code", read_only=True)
    to_target = serializers.CharField(source="to_target.code", read_only=True)

    class Meta:
        model = TargetLink
        fields = ["id", "from_target", "to_target", "kind", "note"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the link (see /target-links/).",
            "from_target": "Code of the target, e.g. '9.5'.",
            "to_target": "Code of the other target, e.g. '4.4'.",
            "kind": "Synergy (advancing one helps the other) or trade-off.",
            "note": "What the roadmap says about the link.",
        }


class RoadmapSerializer(DocumentedModelSerializer):
    """A national (or international) STI for SDGs roadmap with the SDGs it addresses."""

    country = CountryRefSerializer(read_only=True, allow_null=True)
    owner = OrganisationRefSerializer(read_only=True, allow_null=True)
    goals = RoadmapGoalSerializer(source="goal_links", many=True, read_only=True)
    targets = RoadmapTargetSerializer(source="target_links", many=True, read_only=True)
    links = TargetLinkRefSerializer(source="roadmap_links", many=True, read_only=True)

    class Meta:
        model = Roadmap
        fields = [
            "id",
            "kind",
            "title",
            "summary",
            "country",
            "owner",
            "goals",
            "targets",
            "links",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the roadmap.",
            "kind": "National, or international/thematic.",
            "title": "Title of the roadmap.",
            "summary": "What the roadmap sets out to do.",
            "country": "The country of a national roadmap.",
            "owner": "The organisation owning an international or thematic roadmap.",
            "goals": "SDGs the roadmap addresses.",
            "targets": "SDG targets the roadmap addresses.",
            "links": (
                "Synergies and trade-offs between its targets that hold for the roadmap as a "
                "whole (a version's own links are at /target-links/?version=<id>)."
            ),
            "created_at": "When the roadmap was recorded.",
            "updated_at": "When its record last changed.",
        }


class RoadmapVersionSerializer(DocumentedModelSerializer):
    """A numbered draft of a roadmap: its metadata, and its file once you may read it."""

    roadmap_title = serializers.CharField(source="roadmap.title", read_only=True)
    country = CountryRefSerializer(source="roadmap.country", read_only=True, allow_null=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = RoadmapVersion
        fields = [
            "id",
            "roadmap",
            "roadmap_title",
            "country",
            "number",
            "status",
            "original_filename",
            "content_type",
            "size",
            "sha256",
            "change_summary",
            "created_at",
            "submitted_at",
            "published_at",
            "file_url",
            "illustrative",
        ]
        read_only_fields = fields
        help_texts = {
            "illustrative": "True when this draft is made up for a demonstration, not a real "
            "country's draft.",
            "id": "Identifier of the version.",
            "roadmap": "Id of the roadmap (see /roadmaps/).",
            "roadmap_title": "Title of the roadmap.",
            "country": "Country of the roadmap, for a national one.",
            "number": "Version number within the roadmap, from 1.",
            "status": "Where the version is in the submission workflow.",
            "original_filename": "File name as uploaded.",
            "content_type": "Media type of the file.",
            "size": "File size in bytes.",
            "sha256": "SHA-256 of the file, to check a download.",
            "change_summary": "What changed since the previous version.",
            "created_at": "When the version was uploaded.",
            "submitted_at": "When it was submitted for review.",
            "published_at": "When it was published.",
            "file_url": (
                "Where to download the file: set once the version is published (earlier only "
                "for the secretariat and the country's focal points), otherwise null."
            ),
        }

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_file_url(self, version: RoadmapVersion) -> str | None:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not version_file_readable(user, version):
            return None
        path = reverse("api:roadmap-version-file", args=[version.pk])
        return request.build_absolute_uri(path)


# --- Writes: uploads and workflow moves ----------------------------------------------------


class RoadmapVersionUploadSerializer(DocumentedSerializer):
    """A new draft of a roadmap, stored by `roadmap_version_upload` (the upload page's service).

    `roadmap` accepts only roadmaps the caller may see, so an id outside their scope is
    refused exactly like an id that does not exist. The file's rules (type by content, size,
    archive safety) are the service's; a refused file is a 400 on `file` and leaves nothing
    stored.
    """

    roadmap = serializers.PrimaryKeyRelatedField(queryset=Roadmap.objects.none())
    file = serializers.FileField(use_url=False)
    change_summary = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        help_texts = {
            "roadmap": "Id of the roadmap this is a new draft of (see /roadmaps/).",
            "file": "The document: PDF, Word (DOCX) or OpenDocument text (ODT).",
            "change_summary": "What changed since the previous version.",
        }

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["roadmap"].queryset = roadmap_list(user=request.user)
        return fields

    def create(self, validated_data):
        upload = validated_data["file"]
        try:
            return roadmap_version_upload(
                actor=self.context["request"].user,
                roadmap=validated_data["roadmap"],
                file=upload,
                filename=upload.name,
                change_summary=validated_data.get("change_summary", ""),
            )
        except DjangoValidationError as exc:
            # Every rule the upload breaks is about the file (as on the upload page).
            raise serializers.ValidationError({"file": exc.messages}) from exc


class VersionTransitionSerializer(DocumentedSerializer):
    """One move of a version through the submission workflow."""

    to_status = serializers.ChoiceField(choices=VersionStatus.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        help_texts = {
            "to_status": (
                "The status to move to: focal points submit their country's drafts; the "
                "secretariat starts review, returns (with a comment), accepts and publishes."
            ),
            "comment": "Why; required when returning a version for revision.",
        }


# --- Assessments and scorecards ------------------------------------------------------------


class ScorecardCriterionSerializer(DocumentedSerializer):
    """One criterion's consolidated score within an assessment."""

    number = serializers.IntegerField(read_only=True)
    short_name = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    group = serializers.CharField(read_only=True)
    score = serializers.DecimalField(
        max_digits=3, decimal_places=2, coerce_to_string=False, allow_null=True, read_only=True
    )
    insufficient_information = serializers.BooleanField(source="insufficient", read_only=True)
    comment = serializers.CharField(read_only=True)

    class Meta:
        help_texts = {
            "number": "Criterion number, 1 to 10.",
            "short_name": "Short name of the criterion in the assessment's rubric version.",
            "name": "Full name of the criterion.",
            "group": "Code of the criterion's group.",
            "score": "Consolidated score, 0 to 4 (null when information was insufficient).",
            "insufficient_information": "The draft did not say enough to score this criterion.",
            "comment": "The secretariat's comment on the score.",
        }


class GroupMeanSerializer(DocumentedSerializer):
    """A group's mean over its scorable criteria."""

    code = serializers.CharField(read_only=True)
    name = serializers.SerializerMethodField()
    mean = serializers.DecimalField(
        max_digits=3, decimal_places=2, coerce_to_string=False, allow_null=True, read_only=True
    )
    scored = serializers.IntegerField(read_only=True)
    insufficient = serializers.IntegerField(read_only=True)

    class Meta:
        help_texts = {
            "code": "Code of the group.",
            "name": "Name of the group.",
            "mean": "Mean of its scored criteria (insufficient information left out).",
            "scored": "How many of its criteria were scored.",
            "insufficient": "How many of its criteria had insufficient information.",
        }

    def get_name(self, group) -> str:
        return CriterionGroupCode(group.code).label if group.code in GROUP_CODES else group.code


GROUP_CODES = frozenset(CriterionGroupCode.values)


class AssessmentSerializer(DocumentedModelSerializer):
    """A version's assessment against the effectiveness criteria: its scorecard."""

    version = serializers.PrimaryKeyRelatedField(read_only=True)
    version_number = serializers.IntegerField(source="version.number", read_only=True)
    version_status = serializers.ChoiceField(
        source="version.status", choices=VersionStatus.choices, read_only=True
    )
    roadmap = serializers.IntegerField(source="version.roadmap_id", read_only=True)
    roadmap_title = serializers.CharField(source="version.roadmap.title", read_only=True)
    country = CountryRefSerializer(
        source="version.roadmap.country", read_only=True, allow_null=True
    )
    rubric_version = serializers.IntegerField(source="rubric.version", read_only=True)
    overall_mean = serializers.SerializerMethodField()
    scored = serializers.SerializerMethodField()
    insufficient = serializers.SerializerMethodField()
    group_means = serializers.SerializerMethodField()
    scores = serializers.SerializerMethodField()
    reviewers = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "version",
            "version_number",
            "version_status",
            "roadmap",
            "roadmap_title",
            "country",
            "rubric",
            "rubric_version",
            "status",
            "finalised_at",
            "overall_mean",
            "scored",
            "insufficient",
            "group_means",
            "scores",
            "reviewers",
            "illustrative",
        ]
        read_only_fields = fields
        help_texts = {
            "illustrative": "True when these scores are made up for a demonstration, not a "
            "real review.",
            "id": "Identifier of the assessment.",
            "version": "Id of the assessed roadmap version (see /roadmap-versions/).",
            "version_number": "Number of that version within its roadmap.",
            "version_status": "Where that version is in the submission workflow.",
            "roadmap": "Id of the roadmap (see /roadmaps/).",
            "roadmap_title": "Title of the roadmap.",
            "country": "Country of the roadmap, for a national one.",
            "rubric": "Id of the rubric version used (see /rubrics/).",
            "rubric_version": "Version number of the rubric used.",
            "status": "Open while the secretariat consolidates; finalised once decided.",
            "finalised_at": "When the assessment was finalised (null while open).",
        }

    def _scores(self, assessment: Assessment):
        return assessment_scores_get(assessment=assessment)

    @extend_schema_field(
        serializers.DecimalField(
            max_digits=3,
            decimal_places=2,
            coerce_to_string=False,
            allow_null=True,
            help_text="Mean over every scored criterion, each weighing the same (0-4).",
        )
    )
    def get_overall_mean(self, assessment: Assessment):
        overall = self._scores(assessment).summary.overall
        return None if overall is None else float(overall)

    @extend_schema_field(serializers.IntegerField(help_text="How many criteria were scored."))
    def get_scored(self, assessment: Assessment) -> int:
        return self._scores(assessment).summary.scored

    @extend_schema_field(
        serializers.IntegerField(help_text="How many criteria had insufficient information.")
    )
    def get_insufficient(self, assessment: Assessment) -> int:
        return self._scores(assessment).summary.insufficient

    @extend_schema_field(GroupMeanSerializer(many=True, help_text="Each group's mean."))
    def get_group_means(self, assessment: Assessment):
        groups = self._scores(assessment).summary.groups
        ordered = [groups[code] for code in CriterionGroupCode.values if code in groups]
        return GroupMeanSerializer(ordered, many=True).data

    @extend_schema_field(
        ScorecardCriterionSerializer(many=True, help_text="Consolidated score per criterion.")
    )
    def get_scores(self, assessment: Assessment):
        return ScorecardCriterionSerializer(self._scores(assessment).rows, many=True).data

    @extend_schema_field(
        serializers.ListField(
            child=serializers.CharField(),
            help_text=(
                "Who reviewed the version (reviewers' and outside experts' names, never an "
                "address): for the secretariat, and for the country's focal points when the "
                "secretariat chose to show names; otherwise always empty."
            ),
        )
    )
    def get_reviewers(self, assessment: Assessment) -> list[str]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not reviewer_names_visible(user, assessment):
            return []
        # Names only (an outside expert's address never leaves the secretariat's pages), of
        # those whose review counts: declined and withdrawn assignments reviewed nothing.
        assignments = getattr(assessment.version, "assignments_with_reviewers", None)
        if assignments is None:
            assignments = assessment.version.assignments.exclude(
                status__in=CLOSED_ASSIGNMENT_STATUSES
            ).select_related("reviewer", "expert")
        return [str(a.assignee) for a in assignments]


# --- What a country keeps of its roadmaps (its focal points, the secretariat) --------------


class _KeptRoadmapField(serializers.PrimaryKeyRelatedField):
    """A roadmap whose SDGs the caller may keep: another country's id is refused like an id
    that does not exist (whether its record is open to changes is the service's rule)."""

    def get_queryset(self):
        user = self.context["request"].user
        return Roadmap.objects.restrict(user, "link_sdgs")


class _KeptVersionField(serializers.PrimaryKeyRelatedField):
    """A version of the caller's own country's roadmap (any for the secretariat)."""

    def get_queryset(self):
        user = self.context["request"].user
        return RoadmapVersion.objects.restrict(user, "submit").select_related("roadmap")


class _TargetCodeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Target.objects.all(), **kwargs)


class RoadmapTargetWriteSerializer(DocumentedModelSerializer):
    """An SDG target a roadmap addresses, as its country records it (a POST for a target
    already listed updates its priority and note)."""

    roadmap = _KeptRoadmapField()
    target = _TargetCodeField()

    class Meta:
        model = RoadmapTarget
        fields = ["id", "roadmap", "target", "priority", "notes"]
        read_only_fields = ["id"]
        validators = []
        help_texts = {
            "id": "Identifier of the roadmap's target.",
            "roadmap": "Id of the roadmap (your own country's).",
            "target": "Code of the SDG target, e.g. '9.5'.",
            "priority": "Primary or secondary.",
            "notes": "A note on the target.",
        }

    def create(self, validated_data):
        return roadmap_target_set(actor=self.context["request"].user, **validated_data)


class TargetLinkSerializer(DocumentedModelSerializer):
    """A synergy or trade-off between two of a roadmap's targets, for the roadmap as a whole
    or for the version that changes it."""

    roadmap = _KeptRoadmapField()
    version = _KeptVersionField(required=False, allow_null=True)
    from_target = _TargetCodeField()
    to_target = _TargetCodeField()

    class Meta:
        model = TargetLink
        fields = ["id", "roadmap", "version", "from_target", "to_target", "kind", "note"]
        read_only_fields = ["id"]
        validators = []
        help_texts = {
            "id": "Identifier of the link.",
            "roadmap": "Id of the roadmap (your own country's).",
            "version": "Id of the version that makes this link; null for the whole roadmap.",
            "from_target": "Code of one of the roadmap's targets.",
            "to_target": "Code of another of its targets.",
            "kind": "synergy or trade_off.",
            "note": "What the roadmap says about the link.",
        }

    def create(self, validated_data):
        return target_link_add(actor=self.context["request"].user, **validated_data)


class PublicReleaseConsentSerializer(DocumentedModelSerializer):
    """A country's consent to show a published version and its scorecard to the world."""

    version = _KeptVersionField()

    class Meta:
        model = PublicReleaseConsent
        fields = ["id", "version", "given_by", "given_on", "evidence", "withdrawn_on"]
        read_only_fields = ["id", "withdrawn_on"]
        validators = []
        help_texts = {
            "id": "Identifier of the consent.",
            "version": "Id of the published version (your own country's).",
            "given_by": "Name and title of who agreed for the country.",
            "given_on": "When it was given (not in the future).",
            "evidence": "Letter, email or meeting record.",
            "withdrawn_on": "When it was withdrawn; null while in force.",
        }

    def create(self, validated_data):
        return public_release_consent_give(actor=self.context["request"].user, **validated_data)


class ConsentWithdrawSerializer(DocumentedSerializer):
    """Withdrawing a consent in force."""

    withdrawn_on = serializers.DateField(required=False, allow_null=True, default=None)

    class Meta:
        help_texts = {"withdrawn_on": "When the country withdrew it (today if left out)."}


class FeedbackReplySerializer(DocumentedModelSerializer):
    """The country's reply to the feedback on a returned or published version."""

    version = _KeptVersionField()
    author = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = FeedbackReply
        fields = ["id", "version", "body", "author", "created_at"]
        read_only_fields = ["id", "author", "created_at"]
        validators = []
        help_texts = {
            "id": "Identifier of the reply.",
            "version": "Id of the returned or published version (your own country's).",
            "body": "The reply.",
            "author": "Who wrote it.",
            "created_at": "When it was sent.",
        }

    def create(self, validated_data):
        return feedback_reply_create(actor=self.context["request"].user, **validated_data)
