"""API representations of programme-wide records: organisations and milestones."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from base.api.base import DocumentedModelSerializer, ValidatedModelSerializer
from programme.models import Milestone, Organisation, User, WorkProgrammeComponent
from programme.services import (
    milestone_create,
    milestone_update,
    organisation_create,
    organisation_update,
)

# Countries are the pilots app's reference table. They are named through this field's lazy
# model reference ("pilots.Country"), so the directory does not import the app above it.
Country = Organisation._meta.get_field("country").related_model


class OrganisationRefSerializer(DocumentedModelSerializer):
    """An organisation named inside another resource."""

    class Meta:
        model = Organisation
        fields = ["id", "name", "acronym"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the organisation (see /organisations/).",
            "name": "Full name.",
            "acronym": "Short name, if it has one.",
        }


class OrganisationSerializer(ValidatedModelSerializer):
    """A body taking part in the programme."""

    create_service = staticmethod(organisation_create)
    update_service = staticmethod(organisation_update)

    country = serializers.PrimaryKeyRelatedField(
        queryset=Country.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "acronym",
            "slug",
            "kind",
            "country",
            "is_iatt_member",
            "website",
            "description",
        ]
        help_texts = {
            "id": "Identifier of the organisation.",
            "name": "Full name, unique.",
            "acronym": "Short name (unique when given), e.g. UNESCO.",
            "slug": "URL-friendly short name, unique.",
            "kind": "What sort of body it is.",
            "country": "Id of its seat or home country (see /countries/), if it has one.",
            "is_iatt_member": "Member of the Inter-Agency Task Team on STI for the SDGs.",
            "website": "Its web site.",
            "description": "What it does in the programme.",
        }


class MilestoneSerializer(ValidatedModelSerializer):
    """A dated commitment of the programme."""

    create_service = staticmethod(milestone_create)
    update_service = staticmethod(milestone_update)

    country = serializers.PrimaryKeyRelatedField(
        queryset=Country.objects.all(), allow_null=True, required=False
    )
    component = serializers.PrimaryKeyRelatedField(
        queryset=WorkProgrammeComponent.objects.all(), allow_null=True, required=False
    )
    # Any account id is accepted here; whether it may own a milestone is the service's rule
    # (programme.services.milestone_owners_check), reported under `owners`.
    owners = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), many=True, required=False
    )
    is_overdue = serializers.SerializerMethodField()
    subject = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            "title",
            "description",
            "kind",
            "status",
            "due_on",
            "completed_on",
            "is_overdue",
            "is_public",
            "country",
            "component",
            "owners",
            "subject",
            "reminder_days_before",
            "reminder_overdue_every_days",
        ]
        help_texts = {
            "id": "Identifier of the milestone.",
            "title": "What is due.",
            "description": "More detail on what is due.",
            "kind": "Which part of the programme the milestone belongs to.",
            "status": "Where it stands; a done milestone has a completion date.",
            "due_on": "Date it is due.",
            "completed_on": "Date it was done (required when status is done).",
            "is_public": "Shown to partners and every signed-in user.",
            "country": "Id of the pilot country it concerns (see /countries/), if any.",
            "component": "Id of the work-programme component it belongs to, if any.",
            "owners": (
                "Ids of the people reminded of it (people of the programme); empty where you "
                "may not read them (a review's reviewers, unless their names are shown to you)."
            ),
            "reminder_days_before": (
                "Days before the due date to remind its owners (0 is the day itself); "
                "null: as for its kind (by default 14, 7, 1, 0)."
            ),
            "reminder_overdue_every_days": (
                "Remind every this many days while overdue; null: as for its kind (7)."
            ),
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Blind review: owners the caller may not read are left out (milestone_list's
        # `owners_hidden`, from the subject's rule).
        if getattr(instance, "owners_hidden", False):
            data["owners"] = []
        return data

    def get_is_overdue(self, obj) -> bool:
        """Still owed and past its due date (derived, never stored)."""
        value = getattr(obj, "is_overdue", None)
        return obj.is_overdue_on(timezone.localdate()) if value is None else value

    def get_subject(self, obj) -> str | None:
        """What it belongs to (e.g. "Review assignment"), if it carries another record's date."""
        found = obj.subject
        return str(found[0].label) if found else None
