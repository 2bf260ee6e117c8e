"""Who may do what with the Guidebook, one predicate each (shaped like `roadmaps/rules.py`).

Services raise the `*_refusal`; pages (through the `rules` template tag), the API and the admin
ask `*_can_*` and `chapter_allowed_moves`, so no page offers what a service would refuse.
Whom a chapter's scoping lets lead or comment is `Chapter.objects.restrict` (guidebook.models);
these rules ask it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from base.errors import DomainError, NotPermitted
from guidebook.choices import (
    CHAPTER_STATUS_MOVES,
    SECRETARIAT_FROM,
    SECRETARIAT_MOVES,
    ChapterStatus,
)
from guidebook.models import COMMENT, LEAD, Chapter


def _is_secretariat(user) -> bool:
    return bool(user and user.is_authenticated and user.is_secretariat)


def guidebook_manage_refusal(user, obj=None) -> DomainError | None:
    """The secretariat keeps the Guidebook's editions, their documents and outline, the
    chapters' details and the library of background papers."""
    if not _is_secretariat(user):
        return NotPermitted(
            _("Only the secretariat may keep the Guidebook's editions, chapters and papers.")
        )
    return None


def guidebook_can_manage(user, obj=None) -> bool:
    """Whether a page offers the secretariat's Guidebook forms (the services' rule)."""
    return guidebook_manage_refusal(user, obj) is None


def chapter_lead_refusal(user, chapter: Chapter) -> DomainError | None:
    """A chapter's lead (or the secretariat) drafts it, moves it, answers its comments and
    invites contributors."""
    if not Chapter.objects.restrict(user, LEAD).filter(pk=chapter.pk).exists():
        return NotPermitted(_("Only the chapter's lead or the secretariat may do this."))
    return None


def chapter_can_lead(user, chapter: Chapter) -> bool:
    """May `user` draft this chapter, answer its comments and invite contributors?"""
    return chapter_lead_refusal(user, chapter) is None


def chapter_comment_refusal(user, chapter: Chapter) -> DomainError | None:
    """Those invited to a chapter (and its leads) comment on its drafts."""
    if not Chapter.objects.restrict(user, COMMENT).filter(pk=chapter.pk).exists():
        return NotPermitted(_("You are not invited to comment on this chapter."))
    return None


def chapter_can_comment(user, chapter: Chapter) -> bool:
    """May `user` comment on this chapter's drafts (invited, or one of its leads)?"""
    return chapter_comment_refusal(user, chapter) is None


def chapter_comment_can_try(user, obj=None) -> bool:
    """May `user` try to comment on some chapter's drafts? Anyone signed in but a partner-only
    account; which chapters is `chapter_comment_refusal`'s to say, once the draft is named."""
    return bool(user and user.is_authenticated and not user.is_partner_only)


def chapter_allowed_moves(user, chapter: Chapter, *, can_lead: bool | None = None) -> list[str]:
    """The workflow moves `user` may make on `chapter` now, in workflow order: a lead moves
    the chapter through drafting; the moves out of review and into publication are the
    secretariat's."""
    moves = CHAPTER_STATUS_MOVES.get(chapter.status, frozenset())
    if not _is_secretariat(user):
        if can_lead is None:
            can_lead = chapter_can_lead(user, chapter)
        if not can_lead or chapter.status in SECRETARIAT_FROM:
            return []
        moves = moves - SECRETARIAT_MOVES
    order = list(ChapterStatus.values)
    return sorted(moves, key=order.index)
