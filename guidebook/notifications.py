"""Email about Guidebook chapters, one function per kind: an invitation to contribute, a
comment on a chapter one authors, the lead's response to one's comment, a chapter moved along
its workflow. Services call the `*_notify` functions inside their transaction; each owes one
email per person through `programme.notify` (queued after commit, in the person's language,
with a per-kind mute). `KINDS` says how each email is built;
`guidebook.apps` registers it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guidebook.models import Chapter, ChapterTransition, Comment, Invitation
from programme.models import User
from programme.notify import KindTable, absolute, notify, payload_lookup

INVITED = "guidebook.invited"
COMMENTED = "guidebook.comment_on_my_chapter"
RESPONDED = "guidebook.response_to_my_comment"
MOVED = "guidebook.chapter_moved"


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


def _chapter_of(comment: Comment) -> Chapter:
    return comment.draft.chapter


# Kind -> its label on the settings page, what it is about and how its email is built.
KINDS: dict[str, KindTable] = {
    INVITED: KindTable(
        label=_("I am invited to contribute to a Guidebook chapter"),
        template="guidebook/email/invited",
        load=payload_lookup(
            Invitation.objects.select_related("chapter__edition", "invited_by"), "invitation"
        ),
        subject=lambda invitation: (
            gettext("You are invited to contribute to “%(chapter)s”")
            % {"chapter": invitation.chapter}
        ),
        url=lambda invitation: _chapter_url(invitation.chapter),
        context=lambda invitation: {"chapter": invitation.chapter, "invitation": invitation},
    ),
    COMMENTED: KindTable(
        label=_("Someone comments on a Guidebook chapter I author"),
        template="guidebook/email/commented",
        load=payload_lookup(Comment.objects.select_related("draft__chapter", "author"), "comment"),
        subject=lambda comment: (
            gettext("A comment on “%(chapter)s”") % {"chapter": _chapter_of(comment)}
        ),
        url=lambda comment: _chapter_url(_chapter_of(comment)),
        context=lambda comment: {"chapter": _chapter_of(comment), "comment": comment},
    ),
    RESPONDED: KindTable(
        label=_("A chapter's lead responds to my comment"),
        template="guidebook/email/responded",
        load=payload_lookup(
            Comment.objects.select_related("draft__chapter", "responded_by"), "comment"
        ),
        subject=lambda comment: (
            gettext("Your comment on “%(chapter)s” was answered")
            % {"chapter": _chapter_of(comment)}
        ),
        url=lambda comment: _chapter_url(_chapter_of(comment)),
        context=lambda comment: {"chapter": _chapter_of(comment), "comment": comment},
    ),
    MOVED: KindTable(
        label=_("A Guidebook chapter I author or contribute to moves along its workflow"),
        template="guidebook/email/moved",
        load=payload_lookup(
            ChapterTransition.objects.select_related("chapter", "actor"), "transition"
        ),
        subject=lambda transition: (
            gettext("“%(chapter)s” is now %(status)s")
            % {"chapter": transition.chapter, "status": transition.get_to_status_display().lower()}
        ),
        url=lambda transition: _chapter_url(transition.chapter),
        context=lambda transition: {"chapter": transition.chapter, "transition": transition},
    ),
}
