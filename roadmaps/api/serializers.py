"""API representations of SDGs, rubrics, roadmaps and roadmap versions."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pilots.api.serializers import CountryRefSerializer
from programme.api.base import DocumentedModelSerializer
from programme.api.serializers import OrganisationRefSerializer
from roadmaps.models import (
    Criterion,
    CriterionGroup,
    Goal,
    LevelDescriptor,
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
    Rubric,
    Target,
)
from roadmaps.selectors import roadmap_version_file_visible


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
        fields = ["goal", "short_title", "priority"]
        read_only_fields = fields
        help_texts = {
            "goal": "SDG number.",
            "short_title": "The SDG's short title.",
            "priority": "Whether the roadmap addresses it primarily or secondarily.",
        }


class RoadmapTargetSerializer(DocumentedModelSerializer):
    """An SDG target a roadmap addresses."""

    target = serializers.CharField(source="target.code", read_only=True)

    class Meta:
        model = RoadmapTarget
        fields = ["target", "priority", "synergies", "trade_offs"]
        read_only_fields = fields
        help_texts = {
            "target": "Code of the SDG target, e.g. '9.5'.",
            "priority": "Whether the roadmap addresses it primarily or secondarily.",
            "synergies": "Synergies with other targets the roadmap notes.",
            "trade_offs": "Trade-offs with other targets the roadmap notes.",
        }


class RoadmapSerializer(DocumentedModelSerializer):
    """A national (or international) STI for SDGs roadmap with the SDGs it addresses."""

    country = CountryRefSerializer(read_only=True, allow_null=True)
    owner = OrganisationRefSerializer(read_only=True, allow_null=True)
    goals = RoadmapGoalSerializer(source="goal_links", many=True, read_only=True)
    targets = RoadmapTargetSerializer(source="target_links", many=True, read_only=True)

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
            "targets": "SDG targets the roadmap addresses, with synergies and trade-offs.",
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
        ]
        read_only_fields = fields
        help_texts = {
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

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, version: RoadmapVersion) -> str | None:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not roadmap_version_file_visible(user=user, version=version):
            return None
        path = reverse("api:roadmap-version-file", args=[version.pk])
        return request.build_absolute_uri(path)
