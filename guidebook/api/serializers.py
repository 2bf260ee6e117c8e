"""API representations of the Guidebook: editions (with their documents), chapters, drafts,
comments, outline versions and background papers."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from base.api.base import DocumentedModelSerializer, DocumentedSerializer
from guidebook.models import (
    COMMENT,
    BackgroundPaper,
    Chapter,
    ChapterDraft,
    Comment,
    DocumentVersion,
    EditionDocument,
    GuidebookEdition,
    OutlineVersion,
)
from guidebook.services import comment_create
from programme.api.serializers import OrganisationRefSerializer


# Meetings have a DocumentVersion of their own: the schema names each apart.
@extend_schema_serializer(component_name="GuidebookDocumentVersion")
class DocumentVersionSerializer(DocumentedModelSerializer):
    """One version of an edition's terms of reference or background note."""

    has_file = serializers.SerializerMethodField(help_text="Whether this version is a file.")

    class Meta:
        model = DocumentVersion
        fields = ["id", "number", "text", "has_file", "change_summary", "created_at"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the version.",
            "number": "Version number, from 1.",
            "text": "The text in Markdown (empty when the version is a file).",
            "change_summary": "What changed since the previous version.",
            "created_at": "When the version was recorded.",
        }

    def get_has_file(self, obj) -> bool:
        return bool(obj.file)


class EditionDocumentSerializer(DocumentedModelSerializer):
    """An edition's own document with its versions, newest first."""

    versions = DocumentVersionSerializer(many=True, read_only=True)

    class Meta:
        model = EditionDocument
        fields = ["kind", "title", "source", "versions"]
        read_only_fields = fields
        help_texts = {
            "kind": "terms_of_reference or background_note.",
            "versions": "Its versions, newest first.",
            "title": "Title, where it has its own.",
            "source": "Where the document's details come from.",
        }


class GuidebookEditionSerializer(DocumentedModelSerializer):
    """An edition of the Guidebook for the preparation of STI for SDGs roadmaps."""

    target_date = serializers.DateField(
        read_only=True, allow_null=True, help_text="When it is due (its milestone's date)."
    )
    documents = EditionDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = GuidebookEdition
        fields = [
            "id", "title", "label", "status", "target_date", "published_on", "published_year",
            "series_number", "doi", "url", "summary", "source", "documents",
        ]  # fmt: skip
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the edition.",
            "title": "Title of the edition.",
            "label": "Short label, e.g. '2021'.",
            "status": "Planned, drafting, in consultation or published.",
            "published_on": "When it was published, where the day is known.",
            "published_year": "The year it was published.",
            "series_number": "Report number, e.g. 'EUR 30606 EN'.",
            "doi": "Digital Object Identifier.",
            "url": "Where to read it.",
            "summary": "What the edition is.",
            "source": "Where these details come from.",
            "documents": "Its terms of reference and background note, with their versions.",
        }


class ChapterSerializer(DocumentedModelSerializer):
    """A chapter of a Guidebook edition."""

    edition_label = serializers.CharField(source="edition.label", read_only=True)
    lead_organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    due_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="When it is due (its milestone's date)."
    )
    background_papers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Chapter
        fields = [
            "id", "edition", "edition_label", "number", "title", "summary", "status",
            "lead_organisation", "author_names", "language", "translation_of", "due_on",
            "background_papers",
        ]  # fmt: skip
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
            "author_names": "Authors as the chapter credits them.",
            "language": "Language code (ar, zh, en, fr, ru, es).",
            "translation_of": "Id of the chapter this translates, if it is a translation.",
            "background_papers": "Ids of the background papers it cites.",
        }


class ChapterDraftSerializer(DocumentedModelSerializer):
    """A version of a chapter: Markdown text, or a file."""

    has_file = serializers.SerializerMethodField(help_text="Whether this version is a file.")

    class Meta:
        model = ChapterDraft
        fields = [
            "id", "chapter", "number", "text", "has_file", "original_filename",
            "change_summary", "created_at",
        ]  # fmt: skip
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the draft.",
            "chapter": "Id of its chapter (see /guidebook-chapters/).",
            "number": "Version number within the chapter, from 1.",
            "text": "The text in Markdown (empty when the version is a file).",
            "original_filename": "Name of the uploaded file, if any.",
            "change_summary": "What changed since the previous version.",
            "created_at": "When the version was added.",
        }

    def get_has_file(self, obj) -> bool:
        return bool(obj.file)


class CommentSerializer(DocumentedModelSerializer):
    """A contributor's comment on a chapter draft and the lead's response."""

    chapter = serializers.IntegerField(source="draft.chapter_id", read_only=True)
    author = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = Comment
        fields = [
            "id", "draft", "chapter", "section", "section_title", "body", "author",
            "created_at", "status", "response", "responded_at",
        ]  # fmt: skip
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the comment.",
            "draft": "Id of the draft commented (see /guidebook-drafts/).",
            "chapter": "Id of the chapter the draft belongs to.",
            "section": "Anchor of the section commented; empty for the whole draft.",
            "section_title": "Heading of the section commented.",
            "body": "The comment.",
            "author": "Who made it.",
            "created_at": "When it was made.",
            "status": "open, addressed or declined.",
            "response": "The chapter lead's response.",
            "responded_at": "When the lead responded.",
        }


class CommentCreateSerializer(DocumentedSerializer):
    """A new comment; `draft` accepts only drafts of chapters you are invited to, so any other
    id is refused exactly like one that does not exist."""

    draft = serializers.PrimaryKeyRelatedField(queryset=ChapterDraft.objects.none())
    section = serializers.CharField(required=False, allow_blank=True, default="")
    body = serializers.CharField()

    class Meta:
        help_texts = {
            "draft": "Id of the draft to comment on.",
            "section": "Anchor of one of its headings, to comment on that section only.",
            "body": "The comment.",
        }

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["draft"].queryset = ChapterDraft.objects.restrict(request.user, COMMENT)
        return fields

    def create(self, validated_data):
        return comment_create(actor=self.context["request"].user, **validated_data)


class OutlineVersionSerializer(DocumentedModelSerializer):
    """A version of an edition's annotated outline, and the meeting that refined it."""

    meeting_title = serializers.CharField(
        source="meeting.title", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = OutlineVersion
        fields = [
            "id", "edition", "number", "text", "meeting", "meeting_title", "change_summary",
            "created_at",
        ]  # fmt: skip
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the outline version.",
            "edition": "Id of its edition.",
            "number": "Version number within the edition, from 1.",
            "text": "The annotated outline in Markdown.",
            "meeting": "Id of the meeting that refined it (see /meetings/).",
            "meeting_title": "Title of that meeting.",
            "change_summary": "What changed since the previous version.",
            "created_at": "When it was recorded.",
        }


class BackgroundPaperSerializer(DocumentedModelSerializer):
    """A document the Guidebook builds on."""

    has_file = serializers.SerializerMethodField(help_text="Whether a file is held.")

    class Meta:
        model = BackgroundPaper
        fields = ["id", "title", "authors", "year", "reference", "url", "has_file", "source"]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the paper.",
            "title": "Title.",
            "authors": "Authors as credited.",
            "year": "Year of publication.",
            "reference": "Report number, DOI, ISBN.",
            "url": "Where to read it.",
            "source": "Where these details come from.",
        }

    def get_has_file(self, obj) -> bool:
        return bool(obj.file)


class DiffLineSerializer(DocumentedSerializer):
    """One line of a comparison."""

    kind = serializers.ChoiceField(choices=["same", "added", "removed", "gap"])
    old_number = serializers.IntegerField(allow_null=True)
    new_number = serializers.IntegerField(allow_null=True)
    text = serializers.CharField(allow_blank=True)

    class Meta:
        help_texts = {
            "kind": "same, added, removed, or gap (unchanged lines left out).",
            "old_number": "Line number in the older version.",
            "new_number": "Line number in the newer version.",
            "text": "The line's text (plain text, not HTML).",
        }


class DraftDiffSerializer(DocumentedSerializer):
    """What changed between two text versions of one chapter."""

    old = serializers.IntegerField(allow_null=True)
    new = serializers.IntegerField()
    added = serializers.IntegerField()
    removed = serializers.IntegerField()
    lines = DiffLineSerializer(many=True)

    class Meta:
        help_texts = {
            "old": "Id of the older draft (null: compared with an empty text).",
            "new": "Id of the newer draft.",
            "added": "Lines added.",
            "removed": "Lines removed.",
            "lines": "Changed lines with three unchanged lines around each change.",
        }
