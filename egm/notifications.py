"""Email about meetings, one function per kind: an action item assigned to me, a meeting's
agenda published, its minutes published (and, in `egm.invitations`' terms, the invitation).
Services call the `*_notify` functions inside their transaction; each owes one email per
person through `programme.notify` (queued after commit, in the person's language, with a
per-kind mute). `egm.apps` registers the renderers."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from egm.calendar import meeting_ical
from egm.choices import ParticipantStatus
from egm.invitations import answer_token, answer_token_open
from egm.models import ActionItem, Document, Meeting, Participant
from programme.models import OutboxEmail
from programme.notifications import absolute
from programme.notify import Notification, notify

INVITATION = "egm.invitation"
MEETING_REMINDER = "egm.meeting_reminder"
ACTION_ASSIGNED = "egm.action_assigned"
AGENDA_PUBLISHED = "egm.agenda_published"
MINUTES_PUBLISHED = "egm.minutes_published"

LABELS = {
    INVITATION: _("I am invited to a meeting"),
    MEETING_REMINDER: _("A meeting I accepted is near"),
    ACTION_ASSIGNED: _("An action item from a meeting is assigned to me"),
    AGENDA_PUBLISHED: _("The agenda of a meeting I am invited to is published"),
    MINUTES_PUBLISHED: _("The minutes of a meeting I took part in are published"),
}


def _meeting_url(meeting: Meeting) -> str:
    return absolute(reverse("egm:meeting-detail", args=[meeting.pk]))


def participant_url(participant: Participant) -> str:
    """Where a participant reads the meeting: its page for an account, else their own
    personal link (which shows that meeting only)."""
    if participant.user_id:
        return _meeting_url(participant.meeting)
    return absolute(reverse("egm:answer", args=[answer_token(participant)]))


def participant_notify(*, participant: Participant, kind: str, key: str, payload: dict):
    """Owe one email to a participant: to their account, or to their address."""
    if participant.user_id:
        return notify(kind=kind, key=key, payload=payload, recipient=participant.user)
    return notify(
        kind=kind,
        key=key,
        payload=payload,
        email=participant.email,
        language=participant.language or settings.LANGUAGE_CODE,
    )


def _participants(meeting: Meeting):
    return meeting.participants.exclude(status=ParticipantStatus.DECLINED).select_related(
        "user", "meeting"
    )


def action_assigned_notify(*, item: ActionItem) -> int:
    """Tell an action item's owner it is theirs (on creation and on reassignment)."""
    written = notify(
        kind=ACTION_ASSIGNED,
        key=f"{item.pk}:{item.owner_id}",
        payload={"item": item.pk},
        recipient=item.owner,
    )
    return int(written is not None)


def action_assigned_email(row: OutboxEmail) -> Notification | None:
    item = (
        ActionItem.objects.select_related("milestone", "meeting")
        .filter(pk=row.payload.get("item"), owner_id=row.recipient_id)
        .first()
    )
    if item is None:
        return None
    return Notification(
        subject=gettext("Action item for you: %(title)s") % {"title": item.title},
        template="egm/email/action_assigned",
        url=absolute(reverse("egm:action-detail", args=[item.pk])),
        context={"item": item, "due_on": item.milestone.due_on},
    )


def agenda_published_notify(*, meeting: Meeting, version: int) -> int:
    """Tell everyone on the meeting's list (not declined) that its agenda is out."""
    return sum(
        participant_notify(
            participant=p,
            kind=AGENDA_PUBLISHED,
            key=f"{meeting.pk}:{version}:{p.pk}",
            payload={"participant": p.pk},
        )
        is not None
        for p in _participants(meeting)
    )


def agenda_published_email(row: OutboxEmail) -> Notification | None:
    participant = (
        Participant.objects.select_related("meeting")
        .filter(pk=row.payload.get("participant"))
        .first()
    )
    if participant is None:
        return None
    meeting = participant.meeting
    return Notification(
        subject=gettext("Agenda of %(meeting)s") % {"meeting": meeting.title},
        template="egm/email/agenda_published",
        url=participant_url(participant),
        context={"meeting": meeting, "sessions": list(meeting.sessions.all())},
    )


def minutes_published_notify(*, document: Document) -> int:
    """Tell everyone on the meeting's list (not declined) that minutes are out."""
    return sum(
        participant_notify(
            participant=p,
            kind=MINUTES_PUBLISHED,
            key=f"{document.pk}:{p.pk}",
            payload={"participant": p.pk, "document": document.pk},
        )
        is not None
        for p in _participants(document.meeting)
    )


def minutes_published_email(row: OutboxEmail) -> Notification | None:
    document = Document.objects.filter(pk=row.payload.get("document")).first()
    participant = (
        Participant.objects.select_related("meeting")
        .filter(pk=row.payload.get("participant"))
        .first()
    )
    if document is None or participant is None:
        return None
    meeting = participant.meeting
    return Notification(
        subject=gettext("Minutes of %(meeting)s") % {"meeting": meeting.title},
        template="egm/email/minutes_published",
        url=participant_url(participant),
        context={"meeting": meeting, "document": document},
    )


def invitation_notify(*, participant: Participant) -> int:
    """Send a person their invitation (or, after registering by link, its confirmation):
    the meeting, the agenda so far, a calendar file and their personal link."""
    written = participant_notify(
        participant=participant,
        kind=INVITATION,
        key=f"{participant.pk}",
        payload={"participant": participant.pk},
    )
    return int(written is not None)


def invitation_email(row: OutboxEmail) -> Notification | None:
    participant = (
        Participant.objects.select_related("meeting__country")
        .filter(pk=row.payload.get("participant"))
        .first()
    )
    if participant is None or not answer_token_open(participant):
        return None
    meeting = participant.meeting
    link = absolute(reverse("egm:answer", args=[answer_token(participant)]))
    attachments = ()
    if meeting.start_date is not None:
        host = urlsplit(settings.SITE_URL).hostname or "sti-roadmaps"
        attachments = (("meeting.ics", meeting_ical(meeting, host=host), "text/calendar"),)
    return Notification(
        subject=gettext("Invitation: %(meeting)s") % {"meeting": meeting.title},
        template="egm/email/invitation",
        url=link,
        context={
            "meeting": meeting,
            "participant": participant,
            "sessions": list(meeting.sessions.all()),
            "registered": participant.status == ParticipantStatus.REGISTERED,
        },
        attachments=attachments,
    )


def meeting_reminder_notify(*, participant: Participant) -> int:
    """Remind someone who accepted that the meeting is near: once per person and meeting
    date (the outbox's key makes a second sweep, or a second worker, owe nothing)."""
    meeting = participant.meeting
    written = participant_notify(
        participant=participant,
        kind=MEETING_REMINDER,
        key=f"{participant.pk}:{meeting.start_date:%Y%m%d}",
        payload={"participant": participant.pk},
    )
    return int(written is not None)


def meeting_reminder_email(row: OutboxEmail) -> Notification | None:
    participant = (
        Participant.objects.select_related("meeting")
        .filter(pk=row.payload.get("participant"), status=ParticipantStatus.REGISTERED)
        .first()
    )
    if participant is None or participant.meeting.start_date is None:
        return None
    meeting = participant.meeting
    return Notification(
        subject=gettext("Reminder: %(meeting)s") % {"meeting": meeting.title},
        template="egm/email/meeting_reminder",
        url=participant_url(participant),
        context={"meeting": meeting, "participant": participant},
    )


RENDERERS = {
    INVITATION: invitation_email,
    MEETING_REMINDER: meeting_reminder_email,
    ACTION_ASSIGNED: action_assigned_email,
    AGENDA_PUBLISHED: agenda_published_email,
    MINUTES_PUBLISHED: minutes_published_email,
}
