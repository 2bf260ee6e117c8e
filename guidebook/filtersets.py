"""One FilterSet per listable Guidebook model, shared by the pages and the API.

Filters on another scoped model's id (a chapter's `edition`, a draft's `chapter`) are plain
numbers: they only narrow the caller's already scoped rows, so a hidden id and an unknown id
give the same empty list.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from guidebook.choices import ChapterStatus, CommentStatus, EditionStatus, Language
from guidebook.models import (
    BackgroundPaper,
    Chapter,
    ChapterDraft,
    Comment,
    GuidebookEdition,
    OutlineVersion,
)


class GuidebookEditionFilterSet(django_filters.FilterSet):
    """Filters for Guidebook edition lists, shared by the UI and the API."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=EditionStatus.choices)

    class Meta:
        model = GuidebookEdition
        fields = ["status"]


class ChapterFilterSet(django_filters.FilterSet):
    """Filters for chapter lists, shared by the UI and the API."""

    edition = django_filters.NumberFilter(label=_("Edition id"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ChapterStatus.choices)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Language.choices)
    translation_of = django_filters.NumberFilter(label=_("Translation of (chapter id)"))

    class Meta:
        model = Chapter
        fields = ["edition", "status", "lead_organisation", "language", "translation_of"]


class ChapterDraftFilterSet(django_filters.FilterSet):
    chapter = django_filters.NumberFilter(label=_("Chapter id"))

    class Meta:
        model = ChapterDraft
        fields = ["chapter"]


class CommentFilterSet(django_filters.FilterSet):
    chapter = django_filters.NumberFilter(field_name="draft__chapter", label=_("Chapter id"))
    draft = django_filters.NumberFilter(label=_("Draft id"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CommentStatus.choices)

    class Meta:
        model = Comment
        fields = ["chapter", "draft", "status"]


class OutlineVersionFilterSet(django_filters.FilterSet):
    edition = django_filters.NumberFilter(label=_("Edition id"))
    meeting = django_filters.NumberFilter(label=_("Meeting id"))

    class Meta:
        model = OutlineVersion
        fields = ["edition", "meeting"]


class BackgroundPaperFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = BackgroundPaper
        fields = ["q", "year"]
