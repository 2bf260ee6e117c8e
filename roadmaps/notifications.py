"""Email about roadmap versions and their review: who is told of what, and what each message says.

Services call the `*_queue` functions inside their transaction: each writes one outbox row per
recipient (programme.outbox), so the email is owed exactly when the change commits and is sent
by a worker afterwards, even if the broker was down. The renderers below write the message
when it is sent, in the recipient's language; `roadmaps.apps` registers them."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pilots.models import FocalPoint
from programme.models import OutboxEmail, User
from programme.notify import Notification, absolute, notify
from programme.outbox import outbox_enqueue
from roadmaps.choices import CLOSED_ASSIGNMENT_STATUSES, VersionStatus
from roadmaps.expert_links import EXPERT_LINK_MAX_AGE, expert_link_token
from roadmaps.models import ReviewAssignment, RoadmapVersion, VersionTransition

# Moves that tell someone by email once the transaction has committed.
NOTIFY_ON = frozenset({VersionStatus.SUBMITTED, VersionStatus.RETURNED, VersionStatus.ACCEPTED})

# Outbox kinds (programme.outbox).
VERSION_TRANSITION = "roadmaps.version_transition"
REVIEW_REQUESTED = "roadmaps.review_requested"


def _focal_point_recipients(version: RoadmapVersion) -> list[User]:
    """The country's current focal points and the draft's uploader, once each."""
    people: dict[int, User] = {}
    if version.roadmap.country_id:
        rows = (
            FocalPoint.objects.current()
            .filter(country_id=version.roadmap.country_id)
            .exclude(user__email="")
            .select_related("user")
        )
        people.update((fp.user_id, fp.user) for fp in rows)
    if version.created_by.email:
        people[version.created_by_id] = version.created_by
    return [people[pk] for pk in sorted(people)]


def version_transition_queue(*, transition: VersionTransition) -> int:
    """Owe an email to each person a workflow move concerns (inside the move's transaction);
    returns how many were written.

    The secretariat hears of submissions (at its address, in the site's language); the
    country's focal points and the uploader hear of returns and acceptances, each in their own
    language.
    """
    if transition.to_status not in NOTIFY_ON:
        return 0
    key = f"{VERSION_TRANSITION}:{transition.pk}"
    payload = {"transition": transition.pk}
    if transition.to_status == VersionStatus.SUBMITTED:
        written = outbox_enqueue(
            kind=VERSION_TRANSITION,
            key=f"{key}:secretariat",
            payload=payload,
            email=settings.SECRETARIAT_EMAIL,
            language=settings.LANGUAGE_CODE,
        )
        return int(written is not None)
    people = _focal_point_recipients(transition.version)
    return sum(
        outbox_enqueue(
            kind=VERSION_TRANSITION,
            key=f"{key}:user:{person.pk}",
            payload=payload,
            recipient=person,
        )
        is not None
        for person in people
    )


def version_transition_email(row: OutboxEmail) -> EmailMessage | None:
    """The email an outbox row owes about a workflow move (None if the move is gone)."""
    transition = (
        VersionTransition.objects.select_related("version__roadmap__country", "actor")
        .filter(pk=row.payload.get("transition"))
        .first()
    )
    if transition is None or transition.to_status not in NOTIFY_ON:
        return None
    version = transition.version
    context = {
        "transition": transition,
        "version": version,
        "roadmap": version.roadmap,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("roadmaps:version-detail", args=[version.pk]),
    }
    subject = gettext("[STI Roadmaps] %(version)s: %(status)s") % {
        "version": version,
        "status": transition.get_to_status_display().lower(),
    }
    body = render_to_string(f"roadmaps/email/version_{transition.to_status}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[row.address])


def review_assignment_queue(*, assignment: ReviewAssignment) -> None:
    """Owe the reviewer an email about a new assignment (inside its transaction)."""
    outbox_enqueue(
        kind=REVIEW_REQUESTED,
        key=f"{REVIEW_REQUESTED}:{assignment.pk}",
        payload={"assignment": assignment.pk},
        recipient=assignment.reviewer,
    )


def review_assignment_email(row: OutboxEmail) -> EmailMessage | None:
    """The email telling a reviewer what to review and by when (None if the assignment is
    gone or is no longer theirs)."""
    assignment = (
        ReviewAssignment.objects.select_related("reviewer", "version__roadmap", "milestone")
        .filter(pk=row.payload.get("assignment"), reviewer_id=row.recipient_id)
        .first()
    )
    if assignment is None:
        return None
    context = {
        "assignment": assignment,
        "version": assignment.version,
        "reviewer": assignment.reviewer,
        "due_on": assignment.milestone.due_on,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("roadmaps:review-edit", args=[assignment.pk]),
        "answer_url": absolute(reverse("roadmaps:review-answer", args=[assignment.pk])),
    }
    subject = gettext("Review requested: %(version)s") % {"version": assignment.version}
    body = render_to_string("roadmaps/email/review_requested.txt", context)
    return EmailMessage(subject=subject, body=body, to=[row.address])


# Through the notification module (programme.notify): the secretariat hears when a reviewer
# declines, and why (a declared conflict of interest blocks the assignment).
REVIEW_DECLINED = "roadmaps.review_declined"
REVIEW_DECLINED_LABEL = _("A reviewer declines an assignment (the secretariat's address)")


def review_declined_notify(*, assignment: ReviewAssignment) -> int:
    """Tell the secretariat (at its address, in the site's language) that a reviewer
    declined, with any conflict they declared, so it can assign someone else."""
    written = notify(
        kind=REVIEW_DECLINED,
        key=f"{assignment.pk}",
        payload={"assignment": assignment.pk},
        email=settings.SECRETARIAT_EMAIL,
        language=settings.LANGUAGE_CODE,
    )
    return int(written is not None)


def review_declined_email(row: OutboxEmail) -> Notification | None:
    assignment = (
        ReviewAssignment.objects.select_related("reviewer", "expert", "version__roadmap")
        .filter(pk=row.payload.get("assignment"), status="declined")
        .first()
    )
    if assignment is None:
        return None
    return Notification(
        subject=gettext("A reviewer declined: %(version)s") % {"version": assignment.version},
        template="roadmaps/email/review_declined",
        url=absolute(reverse("roadmaps:version-assessment", args=[assignment.version_id])),
        context={"assignment": assignment, "version": assignment.version},
    )


# An outside expert's invitation: their personal link is the whole point, so it is never muted
# (and an expert has no account to keep settings on). Each new link is a new email.
EXPERT_INVITED = "roadmaps.expert_invited"
EXPERT_INVITED_LABEL = _("An outside expert is invited to review a draft")


def expert_invitation_notify(*, assignment: ReviewAssignment) -> int:
    """Owe the outside expert an email with their current personal link, in their language
    (inside the invitation's or the resend's transaction)."""
    expert = assignment.expert
    written = notify(
        kind=EXPERT_INVITED,
        key=f"{assignment.pk}:{assignment.link_nonce}",
        payload={"assignment": assignment.pk, "nonce": assignment.link_nonce},
        email=expert.email,
        language=expert.language,
    )
    return int(written is not None)


def expert_invitation_email(row: OutboxEmail) -> Notification | None:
    """The invitation, with the link made now (None once the link it was written for was
    replaced, or the assignment is closed or its review is in)."""
    assignment = (
        ReviewAssignment.objects.select_related("expert", "version__roadmap", "milestone", "review")
        .filter(pk=row.payload.get("assignment"), link_nonce=row.payload.get("nonce") or "-")
        .exclude(status__in=CLOSED_ASSIGNMENT_STATUSES)
        .first()
    )
    if assignment is None or assignment.review.is_submitted:
        return None
    return Notification(
        subject=gettext("Will you review %(version)s?") % {"version": assignment.version},
        template="roadmaps/email/expert_invited",
        url=absolute(reverse("roadmaps:expert-review", args=[expert_link_token(assignment)])),
        context={
            "assignment": assignment,
            "expert": assignment.expert,
            "version": assignment.version,
            "due_on": assignment.milestone.due_on,
            "link_days": EXPERT_LINK_MAX_AGE.days,
        },
    )
