"""API representations of countries, regions and pilots."""

from __future__ import annotations

from rest_framework import serializers

from base.api.base import DocumentedModelSerializer, DocumentedSerializer
from pilots.choices import PilotStatus
from pilots.models import Country, Pilot, PilotStep, PilotSupport, Region, TaskTeamPerson
from pilots.rules import country_keeper, task_team_contact_visible
from pilots.services import pilot_step_update, task_team_person_add
from programme.api.serializers import OrganisationRefSerializer


class RegionRefSerializer(DocumentedModelSerializer):
    """A region named inside another resource."""

    class Meta:
        model = Region
        fields = ["id", "name"]
        read_only_fields = fields
        help_texts = {"id": "Identifier of the region (see /regions/).", "name": "Its name."}


class CountryRefSerializer(DocumentedModelSerializer):
    """A country named inside another resource."""

    class Meta:
        model = Country
        fields = ["id", "iso3", "name"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the country (see /countries/).",
            "iso3": "ISO 3166 alpha-3 code.",
            "name": "Short name.",
        }


class RegionSerializer(DocumentedModelSerializer):
    """A UN M49 region, sub-region or intermediate region."""

    class Meta:
        model = Region
        fields = ["id", "name", "slug", "level", "parent"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the region.",
            "name": "Its M49 name, e.g. 'Sub-Saharan Africa'.",
            "slug": "URL-friendly name, unique.",
            "level": "Region, sub-region or intermediate region.",
            "parent": "Id of the region one level up (empty for a top-level region).",
        }


class CountrySerializer(DocumentedModelSerializer):
    """A UN member or observer state with its M49 regions."""

    region = RegionRefSerializer(read_only=True)
    sub_region = RegionRefSerializer(read_only=True)
    intermediate_region = RegionRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Country
        fields = [
            "id",
            "iso2",
            "iso3",
            "m49",
            "name",
            "un_status",
            "region",
            "sub_region",
            "intermediate_region",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the country.",
            "iso2": "ISO 3166 alpha-2 code.",
            "iso3": "ISO 3166 alpha-3 code.",
            "m49": "UN M49 numeric code.",
            "name": "Short name.",
            "un_status": "UN member state or non-member observer state.",
            "region": "Its M49 region.",
            "sub_region": "Its M49 sub-region.",
            "intermediate_region": "Its M49 intermediate region, where there is one.",
        }


class PilotStepSerializer(DocumentedModelSerializer):
    """How far a pilot is in one of the six steps of the roadmap methodology."""

    name = serializers.CharField(source="step_name", read_only=True)

    class Meta:
        model = PilotStep
        fields = ["step", "name", "status", "started_on", "completed_on", "illustrative"]
        read_only_fields = fields
        help_texts = {
            "illustrative": "True when this progress is made up for a demonstration, not the "
            "programme's record.",
            "step": "Step number, 1 to 6, in the IATT Guidebook's methodology.",
            "name": "Name of the step.",
            "status": "Not started, in progress or done.",
            "started_on": "When work on the step started.",
            "completed_on": "When the step was completed.",
        }


class PilotSupportSerializer(DocumentedModelSerializer):
    """An organisation supporting a pilot in a role over a period."""

    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = PilotSupport
        fields = ["organisation", "role", "start_on", "end_on", "notes", "source"]
        read_only_fields = fields
        help_texts = {
            "notes": "What the support is, as recorded.",
            "source": "Where this support is recorded.",
            "organisation": "The supporting organisation.",
            "role": "Its role: co-lead, member, supporter or donor.",
            "start_on": "Start of the support, if known.",
            "end_on": "End of the support, if it has ended.",
        }


class PilotSerializer(DocumentedModelSerializer):
    """A country or international partner in the Global Pilot Programme."""

    name = serializers.CharField(read_only=True)
    country = CountryRefSerializer(read_only=True, allow_null=True)
    organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    cohort = serializers.StringRelatedField(read_only=True, allow_null=True)
    lead_institution = OrganisationRefSerializer(read_only=True, allow_null=True)
    steps = PilotStepSerializer(many=True, read_only=True)
    supporting_organisations = PilotSupportSerializer(source="supports", many=True, read_only=True)

    class Meta:
        model = Pilot
        fields = [
            "id",
            "name",
            "kind",
            "status",
            "country",
            "organisation",
            "cohort",
            "phase",
            "announced_on",
            "announced_precision",
            "joined_on",
            "joined_precision",
            "ended_on",
            "lead_institution",
            "summary",
            "source",
            "steps",
            "supporting_organisations",
            "updated_at",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the pilot.",
            "name": "The pilot country's (or partner organisation's) name.",
            "kind": "A pilot country or an international partner.",
            "status": "Where the pilot stands in the programme.",
            "country": "The pilot country (empty for an international partner).",
            "organisation": "The partner organisation, for an international partner.",
            "cohort": "The group of pilots it joined with, e.g. 'First cohort (2019)'.",
            "phase": "Phase of the programme it is in.",
            "announced_on": "When its participation was announced.",
            "joined_on": "When it joined; null when the record gives no date.",
            "announced_precision": "How precise announced_on is: day, month (the date stands "
            "for its month) or by_month (no later than that month).",
            "joined_precision": "How precise joined_on is (as announced_precision).",
            "source": "Where the pilot's dates, status and summary come from.",
            "ended_on": "When its participation ended, if it has.",
            "lead_institution": "The national institution leading the roadmap process.",
            "summary": "A short account of the pilot.",
            "steps": "Progress through the six steps of the roadmap methodology.",
            "supporting_organisations": "Organisations supporting the pilot, with their roles.",
            "updated_at": "When the pilot's record last changed.",
        }


class PilotTransitionSerializer(DocumentedSerializer):
    """One move of a pilot's status (the secretariat's)."""

    to_status = serializers.ChoiceField(choices=PilotStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        help_texts = {
            "to_status": "The status to move the pilot to, along an allowed path.",
            "reason": "Why, for the pilot's history.",
        }


# --- What a country keeps of its own record (its focal points, the secretariat) ------------


class _KeptPilotField(serializers.PrimaryKeyRelatedField):
    """A pilot whose record the caller keeps (`pilots.rules.country_keeper`): another
    country's id is refused like an id that does not exist."""

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not country_keeper(user):
            return Pilot.objects.none()
        pilots = Pilot.objects.filter(country__isnull=False)
        if user.is_secretariat:
            return pilots
        return pilots.filter(country_id__in=user.country_ids)


class CountryStepSerializer(DocumentedModelSerializer):
    """One of the six methodology steps as the country records it. Writing (POST) records
    the step whether or not it was recorded before; PATCH changes what it names."""

    pilot = _KeptPilotField()
    name = serializers.CharField(source="step_name", read_only=True)
    evidence_links = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False
    )

    class Meta:
        model = PilotStep
        fields = [
            "id",
            "pilot",
            "step",
            "name",
            "status",
            "started_on",
            "completed_on",
            "notes",
            "evidence_links",
        ]
        read_only_fields = ["id", "name"]
        # One row per pilot and step: a POST for a recorded step updates it.
        validators = []
        help_texts = {
            "id": "Identifier of the step's record.",
            "pilot": "Id of the pilot (one whose record you keep).",
            "step": "Step number, 1 to 6.",
            "name": "Name of the step.",
            "status": "Not started, in progress or done.",
            "started_on": "When work on the step started.",
            "completed_on": "When the step was completed (required once done).",
            "notes": "A short note (at most 500 characters).",
            "evidence_links": "Web addresses of documents that show the progress.",
        }

    def create(self, validated_data):
        return pilot_step_update(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        fields = {
            "status": instance.status,
            "started_on": instance.started_on,
            "completed_on": instance.completed_on,
            "notes": instance.notes,
            "evidence_links": instance.evidence_links,
        }
        fields.update(validated_data)
        fields.pop("pilot", None)
        fields.pop("step", None)
        return pilot_step_update(
            actor=self.context["request"].user, pilot=instance.pilot, step=instance.step, **fields
        )


class TaskTeamPersonSerializer(DocumentedModelSerializer):
    """A person on a pilot's national task team. `contact` is given only to the secretariat
    and the country's focal points (null for everyone else)."""

    pilot = _KeptPilotField()
    contact = serializers.CharField(
        max_length=200, required=False, allow_blank=True, allow_null=True
    )

    class Meta:
        model = TaskTeamPerson
        fields = ["id", "pilot", "name", "organisation", "role", "contact"]
        read_only_fields = ["id"]
        validators = []
        help_texts = {
            "id": "Identifier of the task-team member.",
            "pilot": "Id of the pilot (one whose record you keep).",
            "name": "The person's name; once per task team.",
            "organisation": "Where they work.",
            "role": "Chair, secretariat, member or observer.",
            "contact": "Email or phone (the secretariat and the country's focal points only).",
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not task_team_contact_visible(getattr(request, "user", None), instance.pilot):
            data["contact"] = None
        return data

    def create(self, validated_data):
        return task_team_person_add(actor=self.context["request"].user, **validated_data)
