"""API representations of Guidebook editions and chapters."""

from __future__ import annotations

from rest_framework import serializers

from guidebook.models import Chapter, GuidebookEdition
from programme.api.base import DocumentedModelSerializer
from programme.api.serializers import OrganisationRefSerializer


class GuidebookEditionSerializer(DocumentedModelSerializer):
    """An edition of the Guidebook for the preparation of STI for SDGs roadmaps."""

    class Meta:
        model = GuidebookEdition
        fields = ["id", "title", "label", "status", "target_date", "published_on"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the edition.",
            "title": "Title of the edition.",
            "label": "Short label, e.g. '2021'.",
            "status": "Planned, drafting, in consultation or published.",
            "target_date": "When it is due.",
            "published_on": "When it was published.",
        }


class ChapterSerializer(DocumentedModelSerializer):
    """A chapter of a Guidebook edition."""

    edition_label = serializers.CharField(source="edition.label", read_only=True)
    lead_organisation = OrganisationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Chapter
        fields = [
            "id",
            "edition",
            "edition_label",
            "number",
            "title",
            "summary",
            "status",
            "lead_organisation",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the chapter.",
            "edition": "Id of its edition (see /guidebook-editions/).",
            "edition_label": "Label of its edition.",
            "number": "Chapter number within the edition.",
            "title": "Title of the chapter.",
            "summary": "What the chapter covers.",
            "status": "Outline, drafting, in review or final.",
            "lead_organisation": "The organisation leading the chapter.",
        }
