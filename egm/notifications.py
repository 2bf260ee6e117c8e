"""Email about meetings, one function per kind: an action item assigned to me, a meeting's
agenda published, its minutes published (and, in `egm.invitations`' terms, the invitation).
Services call the `*_notify` functions inside their transaction; each owes one email per
person through `programme.notify` (queued after commit, in the person's language, with a
per-kind mute). `KINDS` says how each email is built; `egm.apps` registers it."""

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
from programme.notify import KindTable, absolute, notify, payload_lookup

INVITATION = "egm.invitation"
MEETING_REMINDER = "egm.meeting_reminder"
ACTION_ASSIGNED = "egm.action_assigned"
AGENDA_PUBLISHED = "egm.agenda_published"
MINUTES_PUBLISHED = "egm.minutes_published"


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


def _owned_item(row: OutboxEmail) -> ActionItem | None:
    # Reassigned meanwhile: the former owner is not told it is theirs.
    return (
        ActionItem.objects.select_related("milestone", "meeting")
        .filter(pk=row.payload.get("item"), owner_id=row.recipient_id)
        .first()
    )


_participant = payload_lookup(Participant.objects.select_related("meeting"), "participant")


def _minutes(row: OutboxEmail) -> tuple[Participant, Document] | None:
    document = Document.objects.filter(pk=row.payload.get("document")).first()
    participant = _participant(row)
    return None if document is None or participant is None else (participant, document)


def _invited(row: OutboxEmail) -> Participant | None:
    # The invitation is not sent once its personal link no longer works (the meeting is over).
    participant = (
        Participant.objects.select_related("meeting__country")
        .filter(pk=row.payload.get("participant"))
        .first()
    )
    return participant if participant is not None and answer_token_open(participant) else None


def _invitation_calendar(participant: Participant) -> tuple[tuple[str, bytes, str], ...]:
    meeting = participant.meeting
    if meeting.start_date is None:
        return ()
    host = urlsplit(settings.SITE_URL).hostname or "sti-roadmaps"
    return (("meeting.ics", meeting_ical(meeting, host=host), "text/calendar"),)


def _reminded(row: OutboxEmail) -> Participant | None:
    # Only someone still coming to a meeting that still has a date is reminded.
    participant = (
        Participant.objects.select_related("meeting")
        .filter(pk=row.payload.get("participant"), status=ParticipantStatus.REGISTERED)
        .first()
    )
    if participant is None or participant.meeting.start_date is None:
        return None
    return participant


def _sessions(meeting: Meeting) -> list:
    return list(meeting.sessions.all())


# Kind -> its label on the settings page, what it is about and how its email is built.
KINDS: dict[str, KindTable] = {
    INVITATION: KindTable(
        label=_("I am invited to a meeting"),
        template="egm/email/invitation",
        load=_invited,
        subject=lambda p: gettext("Invitation: %(meeting)s") % {"meeting": p.meeting.title},
        url=lambda p: absolute(reverse("egm:answer", args=[answer_token(p)])),
        context=lambda p: {
            "meeting": p.meeting,
            "participant": p,
            "sessions": _sessions(p.meeting),
            "registered": p.status == ParticipantStatus.REGISTERED,
        },
        attachments=_invitation_calendar,
        # An invitation waits for an answer: it cannot be muted.
        mutable=False,
    ),
    MEETING_REMINDER: KindTable(
        label=_("A meeting I accepted is near"),
        template="egm/email/meeting_reminder",
        load=_reminded,
        subject=lambda p: gettext("Reminder: %(meeting)s") % {"meeting": p.meeting.title},
        url=participant_url,
        context=lambda p: {"meeting": p.meeting, "participant": p},
    ),
    ACTION_ASSIGNED: KindTable(
        label=_("An action item from a meeting is assigned to me"),
        template="egm/email/action_assigned",
        load=_owned_item,
        subject=lambda item: gettext("Action item for you: %(title)s") % {"title": item.title},
        url=lambda item: absolute(reverse("egm:action-detail", args=[item.pk])),
        context=lambda item: {"item": item, "due_on": item.milestone.due_on},
    ),
    AGENDA_PUBLISHED: KindTable(
        label=_("The agenda of a meeting I am invited to is published"),
        template="egm/email/agenda_published",
        load=_participant,
        subject=lambda p: gettext("Agenda of %(meeting)s") % {"meeting": p.meeting.title},
        url=participant_url,
        context=lambda p: {"meeting": p.meeting, "sessions": _sessions(p.meeting)},
    ),
    MINUTES_PUBLISHED: KindTable(
        label=_("The minutes of a meeting I took part in are published"),
        template="egm/email/minutes_published",
        load=_minutes,
        subject=lambda found: (
            gettext("Minutes of %(meeting)s") % {"meeting": found[0].meeting.title}
        ),
        url=lambda found: participant_url(found[0]),
        context=lambda found: {"meeting": found[0].meeting, "document": found[1]},
    ),
}
