"""Scoped reads for the Guidebook. Every row comes through `visible_to` (models.access_q)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import models
from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from base.worklist import Task
from guidebook.choices import ChapterStatus
from guidebook.models import (
    COMMENT,
    DECISIONS_RELATION,
    LEAD,
    BackgroundPaper,
    Chapter,
    ChapterDraft,
    ChapterTransition,
    Comment,
    DocumentVersion,
    EditionDocument,
    GuidebookEdition,
    Invitation,
    OutlineVersion,
)


def edition_list(*, user) -> QuerySet[GuidebookEdition]:
    """Editions this user may see, each with its target milestone and its documents."""
    return GuidebookEdition.objects.visible_to(user).select_related("target_milestone")


def edition_list_with_chapters(*, user) -> QuerySet[GuidebookEdition]:
    """Editions with the chapters this user may see (`visible_chapters`)."""
    return edition_list(user=user).prefetch_related(
        Prefetch("chapters", queryset=chapter_list(user=user), to_attr="visible_chapters")
    )


def chapter_list(*, user) -> QuerySet[Chapter]:
    """Chapters this user may see: published editions', and those they lead or are invited to
    (all, for the secretariat)."""
    return Chapter.objects.visible_to(user).select_related(
        "edition", "lead_organisation", "due_milestone", "translation_of"
    )


def edition_documents(*, edition: GuidebookEdition) -> list[EditionDocument]:
    """An edition's documents with their versions, newest first (two queries)."""
    return list(
        EditionDocument.objects.filter(edition=edition).prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.select_related("created_by").order_by("-number"),
            )
        )
    )


def document_version_list(*, user) -> QuerySet[DocumentVersion]:
    """Versions of the documents of editions this user may see."""
    editions = GuidebookEdition.objects.visible_to(user).values("pk")
    return DocumentVersion.objects.filter(document__edition__in=editions).select_related(
        "document__edition"
    )


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Progress:
    counts: list[StatusCount]
    total: int
    overdue: list[Chapter]

    @property
    def final(self) -> int:
        return next((c.count for c in self.counts if c.status == ChapterStatus.FINAL), 0)


def edition_progress(*, user, edition: GuidebookEdition, today=None) -> Progress:
    """How far the chapters this user may see have come, and which are past their due date."""
    today = today or timezone.localdate()
    chapters = list(chapter_list(user=user).filter(edition=edition))
    tally = Counter(ch.status for ch in chapters)
    counts = [StatusCount(s.value, s.label, tally.get(s.value, 0)) for s in ChapterStatus]
    overdue = [
        ch
        for ch in chapters
        if ch.status != ChapterStatus.FINAL and ch.due_on is not None and ch.due_on < today
    ]
    return Progress(counts=counts, total=len(chapters), overdue=overdue)


def chapter_board(*, user, edition: GuidebookEdition) -> list[tuple[StatusCount, list[Chapter]]]:
    """The chapters this user may see, in one column per status (fixed number of queries)."""
    chapters = list(
        chapter_list(user=user)
        .filter(edition=edition)
        .annotate(latest_draft=Max("drafts__number"))
        .prefetch_related("authors")
    )
    columns = []
    for status in ChapterStatus:
        rows = [ch for ch in chapters if ch.status == status.value]
        columns.append((StatusCount(status.value, status.label, len(rows)), rows))
    return columns


def chapter_drafts(*, chapter: Chapter) -> list[ChapterDraft]:
    """A (visible) chapter's versions, newest first."""
    return list(chapter.drafts.select_related("created_by").order_by("-number"))


def draft_list(*, user) -> QuerySet[ChapterDraft]:
    """Drafts of chapters this user may see."""
    return ChapterDraft.objects.visible_to(user).select_related("chapter__edition", "created_by")


def comment_list(*, user) -> QuerySet[Comment]:
    """Comments this user may read: on chapters they lead or are invited to (all, for the
    secretariat). Never public."""
    return Comment.objects.visible_to(user).select_related(
        "draft__chapter", "author", "responded_by"
    )


def chapter_comments(*, user, chapter: Chapter) -> list[Comment]:
    return list(comment_list(user=user).filter(draft__chapter=chapter).order_by("created_at", "id"))


def chapter_invitations(*, user, chapter: Chapter) -> list[Invitation]:
    return list(
        Invitation.objects.visible_to(user)
        .filter(chapter=chapter)
        .select_related("user", "organisation")
    )


def chapter_transitions(*, chapter: Chapter) -> list[ChapterTransition]:
    return list(chapter.transitions.select_related("actor"))


def chapter_translations(*, user, chapter: Chapter) -> list[Chapter]:
    """The chapter's source and its other language versions this user may see."""
    root = chapter.translation_of_id or chapter.pk
    return list(
        chapter_list(user=user)
        .filter(Q(pk=root) | Q(translation_of_id=root))
        .exclude(pk=chapter.pk)
        .order_by("language")
    )


def chapter_decisions(*, user, chapter: Chapter) -> list:
    """What meetings decided about this chapter: EGM outcomes pointing at it, through the
    reverse relation `DECISIONS_RELATION`, read through the outcomes' own scoping. Empty until
    the meetings app gives its outcomes that link."""
    try:
        relation = Chapter._meta.get_field(DECISIONS_RELATION)
    except FieldDoesNotExist:
        return []
    model = relation.related_model
    rows = model._default_manager.all()
    if hasattr(rows, "visible_to"):
        rows = rows.visible_to(user)
    rows = rows.filter(**{relation.field.name: chapter})
    try:
        return list(rows.select_related("meeting"))
    except FieldError:
        return list(rows)


def chapter_decision_models() -> tuple[type[models.Model], ...]:
    """The models `chapter_decisions` reads (the outcomes and the meetings that name them),
    none until the meetings app links its outcomes to chapters: what a kept chapter page is
    keyed by besides the Guidebook's own records."""
    try:
        relation = Chapter._meta.get_field(DECISIONS_RELATION)
    except FieldDoesNotExist:
        return ()
    model = relation.related_model
    try:
        return (model, model._meta.get_field("meeting").related_model)
    except FieldDoesNotExist:
        return (model,)


def outline_history(*, edition: GuidebookEdition) -> list[OutlineVersion]:
    """A (visible) edition's outline versions, oldest first, with the meeting behind each."""
    return list(edition.outline_versions.select_related("meeting", "created_by").order_by("number"))


def outline_version_list(*, user) -> QuerySet[OutlineVersion]:
    """Outline versions of editions this user may see."""
    editions = GuidebookEdition.objects.visible_to(user).values("pk")
    return OutlineVersion.objects.filter(edition__in=editions).select_related("edition", "meeting")


def background_paper_list(*, user) -> QuerySet[BackgroundPaper]:
    """The library of background papers: published documents, for everyone signed in."""
    if not user.is_authenticated:
        return BackgroundPaper.objects.none()
    return BackgroundPaper.objects.all()


def chapter_task_list(*, user, today: dt.date) -> list[Task]:
    """What the Guidebook asks of `user` now: comment on the latest draft of each chapter
    they are invited to (and have not commented on yet), and draft the chapters they lead that
    are not yet in review. One query each."""
    if not (user and user.is_authenticated):
        return []
    org = user.organisation_id
    invited = Q(invitations__user=user) | (
        Q(invitations__organisation_id=org) if org else Q(pk__in=[])
    )
    leads = Q(authors=user) | (Q(lead_organisation_id=org) if org else Q(pk__in=[]))
    latest_number = (
        ChapterDraft.objects.filter(chapter=OuterRef("draft__chapter_id"))
        .order_by("-number")
        .values("number")[:1]
    )
    commented = Comment.objects.filter(
        draft__chapter=OuterRef("pk"), author=user, draft__number=Subquery(latest_number)
    )
    to_comment = (
        Chapter.objects.restrict(user, COMMENT)
        .filter(pk__in=Chapter.objects.filter(invited).values("pk"))
        .exclude(pk__in=Chapter.objects.filter(leads).values("pk"))
        .exclude(status=ChapterStatus.FINAL)
        .annotate(latest_draft=Max("drafts__number"), commented=Exists(commented))
        .filter(commented=False)
        .select_related("due_milestone")
        .order_by("edition_id", "number", "pk")
    )
    tasks = [
        Task(
            label=(
                _("Comment on chapter %(number)s") % {"number": ch.number}
                if ch.latest_draft
                else _("Chapter %(number)s: you are invited to comment once it is drafted")
                % {"number": ch.number}
            ),
            url=reverse("guidebook:chapter-detail", args=[ch.pk]),
            due_on=ch.due_milestone.due_on if ch.due_milestone_id else None,
            context=ch.title,
        )
        for ch in to_comment
    ]
    to_draft = (
        Chapter.objects.restrict(user, LEAD)
        .filter(pk__in=Chapter.objects.filter(leads).values("pk"))
        .filter(status__in=(ChapterStatus.OUTLINE, ChapterStatus.DRAFTING))
        .select_related("due_milestone")
        .order_by("edition_id", "number", "pk")
    )
    tasks += [
        Task(
            label=_("Draft chapter %(number)s") % {"number": ch.number},
            url=reverse("guidebook:chapter-detail", args=[ch.pk]),
            due_on=ch.due_milestone.due_on if ch.due_milestone_id else None,
            context=ch.title,
        )
        for ch in to_draft
    ]
    return tasks
