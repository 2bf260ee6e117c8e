"""API endpoints for the Guidebook. Rows come from the selectors (scoped); partners read
published editions only; invited contributors may also post comments."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from base.api.base import ReadOnlyScopedViewSet
from guidebook.api.serializers import (
    BackgroundPaperSerializer,
    ChapterDraftSerializer,
    ChapterSerializer,
    CommentCreateSerializer,
    CommentSerializer,
    DraftDiffSerializer,
    GuidebookEditionSerializer,
    OutlineVersionSerializer,
)
from guidebook.diffs import DiffRefused, draft_diff, text_diff
from guidebook.filtersets import (
    BackgroundPaperFilterSet,
    ChapterDraftFilterSet,
    ChapterFilterSet,
    CommentFilterSet,
    GuidebookEditionFilterSet,
    OutlineVersionFilterSet,
)
from guidebook.models import (
    BackgroundPaper,
    Chapter,
    ChapterDraft,
    Comment,
    DocumentVersion,
    EditionDocument,
    GuidebookEdition,
    Invitation,
    OutlineVersion,
)
from guidebook.rules import chapter_comment_can_try
from guidebook.selectors import (
    background_paper_list,
    chapter_list,
    comment_list,
    draft_list,
    edition_list,
    outline_version_list,
)
from programme.models import Milestone, Organisation, User
from programme.selectors import get_visible_or_404

# What the chapters' scope reads: the chapter, its edition (published or not), its leads and
# invitations, and the caller's organisation (on their user row).
_SCOPE = (Chapter, GuidebookEdition, Invitation, User)


def _editions_with_documents(*, user):
    documents = EditionDocument.objects.prefetch_related(
        Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number"))
    )
    return edition_list(user=user).prefetch_related(Prefetch("documents", queryset=documents))


@extend_schema_view(
    list=extend_schema(summary="List Guidebook editions"),
    retrieve=extend_schema(summary="One Guidebook edition"),
)
class GuidebookEditionViewSet(ReadOnlyScopedViewSet):
    """Editions of the Guidebook, with their terms of reference and background note."""

    selector = staticmethod(_editions_with_documents)
    serializer_class = GuidebookEditionSerializer
    filterset_class = GuidebookEditionFilterSet
    search_fields = ("title", "label")
    ordering_fields = ("label", "published_year")
    cache_models = (GuidebookEdition, EditionDocument, DocumentVersion, Milestone, *_SCOPE)


@extend_schema_view(
    list=extend_schema(summary="List Guidebook chapters"),
    retrieve=extend_schema(summary="One Guidebook chapter"),
)
class ChapterViewSet(ReadOnlyScopedViewSet):
    """Chapters of published editions, and those you lead or are invited to."""

    selector = staticmethod(chapter_list)
    prefetch = ("background_papers",)
    serializer_class = ChapterSerializer
    filterset_class = ChapterFilterSet
    search_fields = ("title", "summary")
    ordering_fields = ("number", "title")
    cache_models = (*_SCOPE, BackgroundPaper, Milestone, Organisation)


@extend_schema_view(
    list=extend_schema(summary="List chapter drafts"),
    retrieve=extend_schema(summary="One chapter draft"),
)
class ChapterDraftViewSet(ReadOnlyScopedViewSet):
    """Versions of the chapters you may see."""

    selector = staticmethod(draft_list)
    serializer_class = ChapterDraftSerializer
    filterset_class = ChapterDraftFilterSet
    search_fields = ("text", "change_summary")
    ordering_fields = ("number", "created_at")
    cache_models = (ChapterDraft, *_SCOPE)

    @extend_schema(
        summary="Compare a draft with an earlier one",
        description=(
            "The line-by-line difference from `against` (a draft id; by default the previous "
            "version of the same chapter) to this draft. Drafts of different chapters, or a "
            "version that is a file, cannot be compared: 400 with code `diff_refused`."
        ),
        parameters=[
            OpenApiParameter(
                "against", int, required=False, description="Id of the older draft to compare."
            )
        ],
        responses=DraftDiffSerializer,
    )
    @action(detail=True, methods=["get"], url_path="diff", pagination_class=None)
    def diff(self, request, *args, **kwargs):
        new = self.get_object()
        raw = request.query_params.get("against")
        if raw is None:
            old = (
                self.get_queryset()
                .filter(chapter_id=new.chapter_id, number__lt=new.number)
                .order_by("-number")
                .first()
            )
        else:
            try:
                against = int(raw)
            except ValueError as exc:
                raise ValidationError({"against": ["Give the id of a draft."]}) from exc
            old = get_visible_or_404(self.get_queryset(), request.user, pk=against)
        if old is None:
            if not new.is_text:
                raise DiffRefused(_("Only versions written as text can be compared."))
            result = text_diff("", new.text)
        else:
            result = draft_diff(old, new)
        body = {
            "old": old.pk if old else None, "new": new.pk, "added": result.added,
            "removed": result.removed, "lines": [vars(line) for line in result.lines],
        }  # fmt: skip
        return Response(DraftDiffSerializer(body).data)


@extend_schema_view(
    list=extend_schema(summary="List comments on chapter drafts"),
    retrieve=extend_schema(summary="One comment"),
)
class CommentViewSet(mixins.CreateModelMixin, ReadOnlyScopedViewSet):
    """Comments on the chapters you lead or are invited to (never public)."""

    selector = staticmethod(comment_list)
    serializer_class = CommentSerializer
    filterset_class = CommentFilterSet
    search_fields = ("body", "response")
    ordering_fields = ("created_at",)
    cache_models = (Comment, ChapterDraft, *_SCOPE)

    # Who may try; the draft must be one they are invited to comment on (the service asks
    # `chapter_comment_refusal` for it).
    write_rule = staticmethod(chapter_comment_can_try)

    def get_serializer_class(self):
        return CommentCreateSerializer if self.action == "create" else CommentSerializer

    @extend_schema(
        summary="Comment on a chapter draft (invited contributors and leads)",
        description=(
            "`draft` must be a draft of a chapter you are invited to (or lead); any other id is "
            "a 400 like an id that does not exist. `section` is the anchor of one of the "
            "draft's headings, or empty for the whole draft."
        ),
        request=CommentCreateSerializer,
        responses={201: CommentSerializer},
    )
    def create(self, request, *args, **kwargs):
        form = self.get_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        comment = form.save()
        comment = self.get_queryset().get(pk=comment.pk)
        body = CommentSerializer(comment, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="List versions of the annotated outline"),
    retrieve=extend_schema(summary="One version of the annotated outline"),
)
class OutlineVersionViewSet(ReadOnlyScopedViewSet):
    """The annotated outline of the editions you may see, version by version."""

    selector = staticmethod(outline_version_list)
    serializer_class = OutlineVersionSerializer
    filterset_class = OutlineVersionFilterSet
    search_fields = ("text",)
    ordering_fields = ("number", "created_at")
    # The meetings the outlines were discussed at (a model of the meetings app, reached
    # through the relation: the Guidebook does not import the app above it).
    cache_models = (
        OutlineVersion,
        OutlineVersion._meta.get_field("meeting").related_model,
        *_SCOPE,
    )


@extend_schema_view(
    list=extend_schema(summary="List background papers"),
    retrieve=extend_schema(summary="One background paper"),
)
class BackgroundPaperViewSet(ReadOnlyScopedViewSet):
    """The library of documents the Guidebook builds on."""

    selector = staticmethod(background_paper_list)
    serializer_class = BackgroundPaperSerializer
    filterset_class = BackgroundPaperFilterSet
    search_fields = ("title", "authors", "reference")
    ordering_fields = ("year", "title")
    cache_models = (BackgroundPaper,)
