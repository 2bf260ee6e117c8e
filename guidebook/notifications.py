"""Email about Guidebook chapters, one function per kind: an invitation to contribute, a
comment on a chapter one authors, the lead's response to one's comment, a chapter moved along
its workflow. Services call the `*_notify` functions inside their transaction; each owes one
email per person through `programme.notify` (queued after commit, in the person's language,
with a per-kind mute). `guidebook.apps` registers the renderers."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guidebook.models import Chapter, ChapterTransition, Comment, Invitation
from programme.models import OutboxEmail, User
from programme.notifications import absolute
from programme.notify import Notification, notify

INVITED = "guidebook.invited"
COMMENTED = "guidebook.comment_on_my_chapter"
RESPONDED = "guidebook.response_to_my_comment"
MOVED = "guidebook.chapter_moved"

LABELS = {
    INVITED: _("I am invited to contribute to a Guidebook chapter"),
    COMMENTED: _("Someone comments on a Guidebook chapter I author"),
    RESPONDED: _("A chapter's lead responds to my comment"),
    MOVED: _("A Guidebook chapter I author or contribute to moves along its workflow"),
}


def _chapter_url(chapter: Chapter) -> str:
    return absolute(reverse("guidebook:chapter-detail", args=[chapter.pk]))


def _authors(chapter: Chapter, *, besides: User | None) -> list[User]:
    return [u for u in chapter.authors.filter(is_active=True) if besides is None or u != besides]


def invitation_notify(*, invitation: Invitation) -> int:
    """Tell the person invited, or everyone of the organisation invited."""
    if invitation.user_id:
        people = [invitation.user]
    else:
        people = list(User.objects.filter(organisation_id=invitation.organisation_id))
    return sum(
        notify(
            kind=INVITED,
            key=f"{invitation.pk}:{person.pk}",
            payload={"invitation": invitation.pk},
            recipient=person,
        )
        is not None
        for person in people
    )


def invitation_email(row: OutboxEmail) -> Notification | None:
    invitation = (
        Invitation.objects.select_related("chapter__edition", "invited_by")
        .filter(pk=row.payload.get("invitation"))
        .first()
    )
    if invitation is None:
        return None
    chapter = invitation.chapter
    return Notification(
        subject=gettext("You are invited to contribute to “%(chapter)s”") % {"chapter": chapter},
        template="guidebook/email/invited",
        url=_chapter_url(chapter),
        context={"chapter": chapter, "invitation": invitation},
    )


def comment_notify(*, comment: Comment) -> int:
    """Tell the chapter's authors (not the one who commented)."""
    chapter = comment.draft.chapter
    return sum(
        notify(
            kind=COMMENTED,
            key=f"{comment.pk}:{person.pk}",
            payload={"comment": comment.pk},
            recipient=person,
        )
        is not None
        for person in _authors(chapter, besides=comment.author)
    )


def comment_email(row: OutboxEmail) -> Notification | None:
    comment = (
        Comment.objects.select_related("draft__chapter", "author")
        .filter(pk=row.payload.get("comment"))
        .first()
    )
    if comment is None:
        return None
    chapter = comment.draft.chapter
    return Notification(
        subject=gettext("A comment on “%(chapter)s”") % {"chapter": chapter},
        template="guidebook/email/commented",
        url=_chapter_url(chapter),
        context={"chapter": chapter, "comment": comment},
    )


def comment_response_notify(*, comment: Comment) -> int:
    """Tell the comment's author that the lead answered it (not when they answer
    themselves)."""
    if comment.responded_by_id == comment.author_id:
        return 0
    written = notify(
        kind=RESPONDED,
        key=f"{comment.pk}:{comment.responded_at:%Y%m%d%H%M%S%f}",
        payload={"comment": comment.pk},
        recipient=comment.author,
    )
    return int(written is not None)


def comment_response_email(row: OutboxEmail) -> Notification | None:
    comment = (
        Comment.objects.select_related("draft__chapter", "responded_by")
        .filter(pk=row.payload.get("comment"))
        .first()
    )
    if comment is None:
        return None
    chapter = comment.draft.chapter
    return Notification(
        subject=gettext("Your comment on “%(chapter)s” was answered") % {"chapter": chapter},
        template="guidebook/email/responded",
        url=_chapter_url(chapter),
        context={"chapter": chapter, "comment": comment},
    )


def chapter_moved_notify(*, transition: ChapterTransition) -> int:
    """Tell the chapter's authors and the people invited to it (not who moved it)."""
    chapter = transition.chapter
    people = {u.pk: u for u in _authors(chapter, besides=transition.actor)}
    for invitation in chapter.invitations.filter(user__isnull=False).select_related("user"):
        if invitation.user_id != transition.actor_id:
            people[invitation.user_id] = invitation.user
    return sum(
        notify(
            kind=MOVED,
            key=f"{transition.pk}:{pk}",
            payload={"transition": transition.pk},
            recipient=people[pk],
        )
        is not None
        for pk in sorted(people)
    )


def chapter_moved_email(row: OutboxEmail) -> Notification | None:
    transition = (
        ChapterTransition.objects.select_related("chapter", "actor")
        .filter(pk=row.payload.get("transition"))
        .first()
    )
    if transition is None:
        return None
    chapter = transition.chapter
    return Notification(
        subject=gettext("“%(chapter)s” is now %(status)s")
        % {"chapter": chapter, "status": transition.get_to_status_display().lower()},
        template="guidebook/email/moved",
        url=_chapter_url(chapter),
        context={"chapter": chapter, "transition": transition},
    )


RENDERERS = {
    INVITED: invitation_email,
    COMMENTED: comment_email,
    RESPONDED: comment_response_email,
    MOVED: chapter_moved_email,
}
