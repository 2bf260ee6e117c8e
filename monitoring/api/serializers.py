"""Read-only serializers of the monitoring API (English field names, as the whole API)."""

from __future__ import annotations

from rest_framework import serializers

from base.api.base import DocumentedModelSerializer
from monitoring.models import (
    ActionReport,
    CountryUpdate,
    Evidence,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ReportingPeriod,
    ResultsFramework,
    SdgIndicator,
)


class SdgIndicatorSerializer(DocumentedModelSerializer):
    """An indicator of the SDG global indicator framework."""

    target = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = SdgIndicator
        fields = ["id", "code", "target", "title"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the SDG indicator record.",
            "code": "Official code, e.g. '9.5.1'.",
            "target": "Code of the SDG target it measures, e.g. '9.5'.",
            "title": "Official English title.",
        }


class ResultsFrameworkSerializer(DocumentedModelSerializer):
    """A roadmap version's results framework."""

    version = serializers.IntegerField(source="version.number", read_only=True)

    class Meta:
        model = ResultsFramework
        fields = ["id", "roadmap", "version", "copied_from", "created_at"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the framework.",
            "roadmap": "Identifier of the roadmap.",
            "version": "Number of the roadmap version the framework belongs to.",
            "copied_from": "The earlier framework this one started from, if any.",
            "created_at": "When the framework was started.",
        }


class IndicatorTargetSerializer(DocumentedModelSerializer):
    class Meta:
        model = IndicatorTarget
        fields = ["year", "value"]
        read_only_fields = fields
        help_texts = {"year": "Year the target is for.", "value": "Target value, in the unit."}


class IndicatorSerializer(DocumentedModelSerializer):
    """An indicator of a results framework, with its baseline and yearly targets."""

    framework = serializers.IntegerField(source="action.objective.framework_id", read_only=True)
    objective = serializers.CharField(source="action.objective.title", read_only=True)
    action = serializers.CharField(source="action.title", read_only=True)
    lead_institution = serializers.CharField(
        source="action.lead_institution.name", read_only=True, default=None, allow_null=True
    )
    sdg_indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    targets = IndicatorTargetSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "framework",
            "objective",
            "action",
            "lead_institution",
            "title",
            "definition",
            "unit",
            "direction",
            "baseline_value",
            "baseline_year",
            "baseline_source",
            "sdg_indicator",
            "targets",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the indicator.",
            "framework": "Identifier of its results framework.",
            "objective": "Title of the objective it serves.",
            "action": "Title of the action it measures.",
            "lead_institution": "Name of the institution that leads the action.",
            "title": "What is measured.",
            "definition": "How it is measured.",
            "unit": "Unit of every value (baseline, targets, actuals).",
            "direction": "Whether the roadmap wants it to increase or decrease.",
            "baseline_value": "Value at the baseline, in the unit.",
            "baseline_year": "Year of the baseline.",
            "baseline_source": "Where the baseline comes from.",
            "sdg_indicator": "Code of the official SDG indicator it follows, if any.",
            "targets": "Target values by year.",
        }


class ReportingPeriodSerializer(DocumentedModelSerializer):
    """A period a country reports on."""

    class Meta:
        model = ReportingPeriod
        fields = ["id", "roadmap", "starts_on", "ends_on", "due_on"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the period.",
            "roadmap": "Identifier of the roadmap.",
            "starts_on": "First day of the period.",
            "ends_on": "Last day of the period.",
            "due_on": "Date the country's update is due.",
        }


class IndicatorValueSerializer(DocumentedModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["indicator", "value"]
        read_only_fields = fields
        help_texts = {
            "indicator": "Identifier of the indicator.",
            "value": "Actual value for the period, in the indicator's unit.",
        }


class ActionReportSerializer(DocumentedModelSerializer):
    class Meta:
        model = ActionReport
        fields = ["action", "status"]
        read_only_fields = fields
        help_texts = {
            "action": "Identifier of the action.",
            "status": "Where the action stands: not_started, on_track, delayed, done, dropped.",
        }


class EvidenceSerializer(DocumentedModelSerializer):
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["title", "url", "has_file"]
        read_only_fields = fields
        help_texts = {
            "title": "What the evidence is.",
            "url": "Link to it, when it is a link.",
            "has_file": "Whether it is a file (downloaded from the update's page).",
        }

    def get_has_file(self, obj) -> bool:
        return bool(obj.file)


class CountryUpdateSerializer(DocumentedModelSerializer):
    """A country's update on one reporting period."""

    roadmap = serializers.IntegerField(source="period.roadmap_id", read_only=True)
    values = IndicatorValueSerializer(many=True, read_only=True)
    action_statuses = ActionReportSerializer(source="action_reports", many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = CountryUpdate
        fields = [
            "id",
            "roadmap",
            "period",
            "framework",
            "status",
            "narrative",
            "corrects",
            "correction_reason",
            "submitted_at",
            "approved_at",
            "values",
            "action_statuses",
            "evidence",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the update.",
            "roadmap": "Identifier of the roadmap.",
            "period": "Identifier of the reporting period.",
            "framework": "Identifier of the framework it reports against.",
            "status": "draft, submitted, returned or approved.",
            "narrative": "What happened in the period.",
            "corrects": "The approved update this one corrects, if any.",
            "correction_reason": "Why the approved update is corrected.",
            "submitted_at": "When it was last submitted.",
            "approved_at": "When it was approved.",
            "values": "Actual value of each indicator.",
            "action_statuses": "Status of each action.",
            "evidence": "What backs the update.",
        }
