"""Writes for the Guidebook.

Views, the API, the admin and the demo data call these; each write is atomic and validated by
the model's `full_clean()`. Who may make each is a rule of guidebook/rules.py, which the
services raise and the pages ask to decide which buttons and forms to show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from base.errors import IllegalTransition, NotPermitted, refuse
from base.markdown import markdown_sections
from guidebook.choices import (
    CHAPTER_STATUS_MOVES,
    ChapterStatus,
    CommentStatus,
    DocumentKind,
)
from guidebook.models import (
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
from guidebook.notifications import (
    chapter_moved_notify,
    comment_notify,
    comment_response_notify,
    invitation_notify,
)
from guidebook.rules import (
    chapter_allowed_moves,
    chapter_comment_refusal,
    chapter_lead_refusal,
    guidebook_manage_refusal,
)
from programme.choices import MilestoneKind
from programme.models import Milestone, User
from programme.services import (
    milestone_attach,
    milestone_reschedule,
    model_fields_apply,
)

# "Leave the due date as it is" (None clears nothing: a date once set is moved, not dropped).
UNCHANGED: Any = object()


# --- Editions and their documents ----------------------------------------------------------


def _attach_or_move(
    milestone: Milestone | None, *, due_on, title: str, owners: Sequence[User] | None = None
) -> Milestone | None:
    if due_on is None:
        return milestone
    if milestone is None:
        return milestone_attach(
            title=title, kind=MilestoneKind.GUIDEBOOK, due_on=due_on, owners=owners or ()
        )
    return milestone_reschedule(milestone, due_on=due_on, title=title, owners=owners)


@transaction.atomic
def edition_create(*, actor: User, target_on=None, **fields: Any) -> GuidebookEdition:
    """Start a Guidebook edition; its target date is a milestone, so reminders follow it."""
    refuse(guidebook_manage_refusal(actor))
    edition = GuidebookEdition()
    model_fields_apply(edition, fields)
    edition.full_clean()
    edition.target_milestone = _attach_or_move(
        None, due_on=target_on, title=_("Guidebook %(label)s") % {"label": edition.label}
    )
    edition.save()
    return edition


@transaction.atomic
def edition_update(
    *, actor: User, edition: GuidebookEdition, target_on=UNCHANGED, **fields: Any
) -> GuidebookEdition:
    """Change an edition (status, publication details, target date)."""
    refuse(guidebook_manage_refusal(actor))
    locked = GuidebookEdition.objects.select_for_update().get(pk=edition.pk)
    model_fields_apply(locked, fields)
    locked.full_clean()
    if target_on is not UNCHANGED:
        locked.target_milestone = _attach_or_move(
            locked.target_milestone,
            due_on=target_on,
            title=_("Guidebook %(label)s") % {"label": locked.label},
        )
    locked.save()
    return locked


def _store_version(record: models.Model, *, lock_on: models.Model, related: str) -> None:
    """Number `record` after the latest version (under a lock on `lock_on`), validate and save
    it; a file written before a failure is removed again, so nothing is left half-stored."""
    model = type(lock_on)
    model._default_manager.select_for_update().filter(pk=lock_on.pk).first()
    latest = getattr(lock_on, related).aggregate(n=Max("number"))["n"] or 0
    record.number = latest + 1
    try:
        record.full_clean()
        record.save()
    except BaseException:
        stored = getattr(record, "file", None)
        if stored and stored._committed and stored.name:
            stored.storage.delete(stored.name)
        raise


def _attach_upload(record, file, filename: str | None) -> None:
    if file is not None:
        record.file = file
        record.original_filename = filename or getattr(file, "name", "") or ""


@transaction.atomic
def edition_document_version_add(
    *,
    actor: User,
    edition: GuidebookEdition,
    kind: str,
    text: str = "",
    file=None,
    filename: str | None = None,
    change_summary: str = "",
    title: str = "",
    source: str = "",
) -> DocumentVersion:
    """Add a version of an edition's terms of reference or background note."""
    refuse(guidebook_manage_refusal(actor))
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose the terms of reference or the background note.")})
    document, _created = EditionDocument.objects.get_or_create(edition=edition, kind=kind)
    if title or source:
        document.title, document.source = title or document.title, source or document.source
        document.full_clean()
        document.save()
    version = DocumentVersion(
        document=document, text=(text or "").strip(), change_summary=change_summary.strip(),
        created_by=actor,
    )  # fmt: skip
    _attach_upload(version, file, filename)
    _store_version(version, lock_on=document, related="versions")
    return version


@transaction.atomic
def outline_version_add(
    *,
    actor: User,
    edition: GuidebookEdition,
    text: str,
    meeting=None,
    change_summary: str = "",
    created_at=None,
) -> OutlineVersion:
    """Record the annotated outline as a meeting (usually an EGM) refined it."""
    refuse(guidebook_manage_refusal(actor))
    version = OutlineVersion(
        edition=edition, text=(text or "").strip(), meeting=meeting,
        change_summary=(change_summary or "").strip(), created_by=actor,
        created_at=created_at or timezone.now(),
    )  # fmt: skip
    _store_version(version, lock_on=edition, related="outline_versions")
    return version


# --- Chapters ------------------------------------------------------------------------------


def _due_title(chapter: Chapter) -> str:
    return _("Guidebook %(label)s, chapter %(number)s due: %(title)s") % {
        "label": chapter.edition.label,
        "number": chapter.number,
        "title": chapter.title,
    }


@transaction.atomic
def chapter_create(
    *,
    actor: User,
    edition: GuidebookEdition,
    due_on=None,
    authors: Iterable[User] = (),
    background_papers: Iterable[BackgroundPaper] = (),
    **fields: Any,
) -> Chapter:
    """Add a chapter to an edition (or a translation of one); its due date is a milestone."""
    refuse(guidebook_manage_refusal(actor))
    chapter = Chapter(edition=edition)
    model_fields_apply(chapter, fields)
    chapter.full_clean()
    authors = list(authors)
    chapter.due_milestone = _attach_or_move(
        None, due_on=due_on, title=_due_title(chapter), owners=authors
    )
    chapter.save()
    chapter.authors.set(authors)
    chapter.background_papers.set(list(background_papers))
    return chapter


@transaction.atomic
def chapter_update(
    *,
    actor: User,
    chapter: Chapter,
    due_on=UNCHANGED,
    authors: Iterable[User] | None = None,
    background_papers: Iterable[BackgroundPaper] | None = None,
    **fields: Any,
) -> Chapter:
    """Change a chapter's details, its due date (the milestone moves) or its authors."""
    refuse(guidebook_manage_refusal(actor))
    if "status" in fields:
        raise ValidationError({"status": _("Move a chapter through its workflow instead.")})
    locked = Chapter.objects.select_for_update().select_related("edition").get(pk=chapter.pk)
    model_fields_apply(locked, fields)
    locked.full_clean()
    if due_on is not UNCHANGED:
        owners = list(authors) if authors is not None else list(locked.authors.all())
        locked.due_milestone = _attach_or_move(
            locked.due_milestone, due_on=due_on, title=_due_title(locked), owners=owners
        )
    locked.save()
    if authors is not None:
        locked.authors.set(list(authors))
    if background_papers is not None:
        locked.background_papers.set(list(background_papers))
    return locked


def chapter_transition(
    *, actor: User, chapter: Chapter, to_status: str, comment: str = ""
) -> ChapterTransition:
    """Move a chapter along its workflow, once, and record who moved it and why.

    The row is locked, so of two people making the same move at the same time exactly one
    wins and the other is told the move is no longer possible.
    """
    with transaction.atomic():
        refuse(chapter_lead_refusal(actor, chapter))
        locked = Chapter.objects.select_for_update().get(pk=chapter.pk)
        label = (
            ChapterStatus(to_status).label.lower()
            if to_status in ChapterStatus.values
            else to_status
        )
        if locked.status == to_status:
            raise IllegalTransition(_("This chapter is already %(status)s.") % {"status": label})
        if to_status not in CHAPTER_STATUS_MOVES.get(locked.status, ()):
            raise IllegalTransition(
                _("A chapter that is %(from)s cannot become %(to)s.")
                % {"from": locked.get_status_display().lower(), "to": label}
            )
        if to_status not in chapter_allowed_moves(actor, locked, can_lead=True):
            raise NotPermitted(
                _("Only the secretariat may make this chapter %(to)s.") % {"to": label}
            )
        transition = ChapterTransition(
            chapter=locked, from_status=locked.status, to_status=to_status, actor=actor,
            comment=(comment or "").strip(),
        )  # fmt: skip
        locked.status = to_status
        locked.full_clean()
        locked.save(update_fields=["status"])
        transition.full_clean()
        transition.save()
        chapter_moved_notify(transition=transition)
    chapter.status = locked.status
    return transition


def chapter_draft_add(
    *,
    actor: User,
    chapter: Chapter,
    text: str = "",
    file=None,
    filename: str | None = None,
    change_summary: str = "",
) -> ChapterDraft:
    """Add the next version of a chapter: Markdown text or a file (by the upload rules)."""
    with transaction.atomic():
        refuse(chapter_lead_refusal(actor, chapter))
        draft = ChapterDraft(
            chapter=chapter, text=(text or "").strip(),
            change_summary=(change_summary or "").strip(), created_by=actor,
        )  # fmt: skip
        _attach_upload(draft, file, filename)
        _store_version(draft, lock_on=chapter, related="drafts")
    return draft


@transaction.atomic
def invitation_create(
    *, actor: User, chapter: Chapter, user: User | None = None, organisation=None
) -> Invitation:
    """Invite a person, or everyone of an organisation, to contribute to a chapter."""
    refuse(chapter_lead_refusal(actor, chapter))
    Chapter.objects.select_for_update().filter(pk=chapter.pk).first()
    invitation = Invitation(chapter=chapter, user=user, organisation=organisation, invited_by=actor)
    invitation.full_clean()
    invitation.save()
    invitation_notify(invitation=invitation)
    return invitation


@transaction.atomic
def invitation_delete(*, actor: User, invitation: Invitation) -> None:
    """Withdraw an invitation; comments already made stay on record."""
    refuse(chapter_lead_refusal(actor, invitation.chapter))
    Invitation.objects.filter(pk=invitation.pk).delete()


# --- Comments ------------------------------------------------------------------------------


@transaction.atomic
def comment_create(*, actor: User, draft: ChapterDraft, body: str, section: str = "") -> Comment:
    """Comment on a chapter draft, optionally on one of its sections (a heading's anchor)."""
    refuse(chapter_comment_refusal(actor, draft.chapter))
    section = (section or "").strip()
    section_title = ""
    if section:
        sections = dict(markdown_sections(draft.text)) if draft.is_text else {}
        if section not in sections:
            raise ValidationError({"section": _("Choose a section of this version.")})
        section_title = sections[section]
    comment = Comment(
        draft=draft, body=(body or "").strip(), section=section, section_title=section_title,
        author=actor,
    )  # fmt: skip
    comment.full_clean()
    comment.save()
    comment_notify(comment=comment)
    return comment


@transaction.atomic
def comment_respond(*, actor: User, comment: Comment, status: str, response: str) -> Comment:
    """The chapter's lead answers a comment: addressed or declined, and how or why."""
    locked = Comment.objects.select_for_update().select_related("draft").get(pk=comment.pk)
    refuse(chapter_lead_refusal(actor, locked.draft.chapter))
    if status not in CommentStatus.values:
        raise ValidationError({"status": _("Choose open, addressed or declined.")})
    locked.status = status
    locked.response = (response or "").strip()
    locked.responded_by = actor
    locked.responded_at = timezone.now()
    locked.full_clean()
    locked.save()
    comment_response_notify(comment=locked)
    return locked


# --- Background papers ---------------------------------------------------------------------


@transaction.atomic
def background_paper_create(
    *, actor: User, file=None, filename: str | None = None, **fields: Any
) -> BackgroundPaper:
    """Add a document the Guidebook builds on to its library."""
    refuse(guidebook_manage_refusal(actor))
    paper = BackgroundPaper()
    model_fields_apply(paper, fields)
    _attach_upload(paper, file, filename)
    try:
        paper.full_clean()
        paper.save()
    except BaseException:
        if paper.file and paper.file._committed and paper.file.name:
            paper.file.storage.delete(paper.file.name)
        raise
    return paper
