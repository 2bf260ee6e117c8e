"""Writes for meetings and what is recorded about them. Views, API, admin and tasks call these;
each is atomic and validates through the models' full_clean()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from base.errors import NotPermitted, refuse
from base.uploads import inspect_upload
from egm.choices import (
    ActionStatus,
    DocumentKind,
    InvitationAnswer,
    MeetingStatus,
    ParticipantLevel,
    ParticipantStatus,
    TrackPartnerRole,
)
from egm.imports import ImportReport, parse_participant_rows
from egm.models import (
    ActionItem,
    AdvisoryGroupMembership,
    AgendaSession,
    Document,
    DocumentVersion,
    Meeting,
    MeetingHost,
    Outcome,
    Participant,
    PlanningComment,
    RegionalTrack,
    RegionalTrackPartner,
    meeting_is_over,
)
from egm.notifications import (
    action_assigned_notify,
    agenda_published_notify,
    invitation_notify,
    meeting_reminder_notify,
    minutes_published_notify,
)
from egm.rules import (
    action_item_reassign_refusal,
    action_item_update_refusal,
    meeting_comment_refusal,
    meeting_manage_refusal,
    participant_answer_refusal,
    participant_listing_refusal,
    programme_bodies_manage_refusal,
)
from programme.choices import MilestoneKind, MilestoneStatus
from programme.models import Organisation, User
from programme.services import (
    milestone_attach,
    milestone_reschedule,
    model_fields_apply,
    record_create,
    record_update,
)

# --- Meetings ----------------------------------------------------------------------------------


def _hosts_set(meeting: Meeting, hosts: Iterable[tuple[Any, str]]) -> None:
    hosts = list(hosts)
    orgs = [org.pk for org, _role in hosts]
    if len(orgs) != len(set(orgs)):
        raise ValidationError({"hosts": _("An organisation is listed twice among the hosts.")})
    meeting.host_links.exclude(organisation_id__in=orgs).delete()
    existing = {link.organisation_id: link for link in meeting.host_links.all()}
    for org, role in hosts:
        link = existing.get(org.pk) or MeetingHost(meeting=meeting, organisation=org)
        link.role = role
        link.full_clean()
        link.save()


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    themes: Sequence | None = None,
    hosts: Iterable[tuple[Any, str]] | None = None,
    **fields: Any,
) -> Meeting:
    """Put a meeting (EGM, regional, supplementary, Forum session) on the programme's calendar."""
    refuse(meeting_manage_refusal(actor))
    meeting = record_create(Meeting, fields=fields)
    if themes is not None:
        meeting.themes.set(themes)
    if hosts is not None:
        _hosts_set(meeting, hosts)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    themes: Sequence | None = None,
    hosts: Iterable[tuple[Any, str]] | None = None,
    **fields: Any,
) -> Meeting:
    """Reschedule or update a meeting (its sessions must stay within its dates)."""
    refuse(meeting_manage_refusal(actor))
    meeting = record_update(meeting, fields=fields)
    if themes is not None:
        meeting.themes.set(themes)
    if hosts is not None:
        _hosts_set(meeting, hosts)
    return meeting


# --- Participants ------------------------------------------------------------------------------


LISTING_FIELDS = ("listed_to_participants", "listed_to_users", "listed_to_partners")


def _listing_drop(fields: dict) -> None:
    # Who sees a name is the person's choice (participant_listing_set), never the
    # secretariat's, whatever a form or a payload carries.
    for name in LISTING_FIELDS:
        fields.pop(name, None)


@transaction.atomic
def participant_add(*, actor: User, meeting: Meeting, **fields: Any) -> Participant:
    """Invite or register a person for a meeting (a person is on a meeting's list once)."""
    refuse(meeting_manage_refusal(actor))
    _listing_drop(fields)
    participant = Participant(meeting=meeting)
    model_fields_apply(participant, fields)
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_update(*, actor: User, participant: Participant, **fields: Any) -> Participant:
    """Change a participant's details or status (invited, registered, attended, declined)."""
    fields.pop("meeting", None)
    refuse(meeting_manage_refusal(actor))
    _listing_drop(fields)
    return record_update(participant, fields=fields)


@transaction.atomic
def participant_listing_set(
    *,
    actor: User | None,
    participant: Participant,
    to_participants: bool,
    to_users: bool,
    to_partners: bool,
    token: str = "",
) -> Participant:
    """The person chooses who may see their name on the meeting's lists (the other
    participants, signed-in users, partners); signed in, or from their personal link."""
    refuse(participant_listing_refusal(actor, participant, token))
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    participant.listed_to_participants = to_participants
    participant.listed_to_users = to_users
    participant.listed_to_partners = to_partners
    participant.full_clean()
    participant.save(
        update_fields=["listed_to_participants", "listed_to_users", "listed_to_partners"]
    )
    return participant


@transaction.atomic
def participant_remove(*, actor: User, participant: Participant) -> None:
    """Take a person off a meeting's list."""
    refuse(meeting_manage_refusal(actor))
    Participant.objects.filter(pk=participant.pk).delete()


IMPORT_PREVIEW, IMPORT_GOOD_ROWS, IMPORT_ALL_OR_NOTHING = "preview", "good_rows", "all_or_nothing"
IMPORT_MODES = (IMPORT_PREVIEW, IMPORT_GOOD_ROWS, IMPORT_ALL_OR_NOTHING)


@transaction.atomic
def participants_import(
    *, actor: User, meeting: Meeting, file, mode: str = IMPORT_PREVIEW
) -> ImportReport:
    """Check a CSV/XLSX list of participants row by row and, unless previewing, add them:
    the good rows only (`good_rows`) or every row or none (`all_or_nothing`). Atomic: a
    failure part-way leaves the meeting's list as it was."""
    refuse(meeting_manage_refusal(actor))
    if mode not in IMPORT_MODES:
        raise ValidationError({"mode": _("Choose preview, good_rows or all_or_nothing.")})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    report = ImportReport(rows=parse_participant_rows(file, meeting=meeting))
    if mode == IMPORT_PREVIEW:
        return report
    if mode == IMPORT_ALL_OR_NOTHING and report.bad:
        raise ValidationError(
            {"file": _("%(n)d rows have errors; nothing was imported.") % {"n": len(report.bad)}}
        )
    for row in report.good:
        row.participant.save()
    report.created = len(report.good)
    return report


# --- Agenda ------------------------------------------------------------------------------------


@transaction.atomic
def meeting_agenda_publish(*, actor: User, meeting: Meeting) -> Meeting:
    """Send the agenda as it stands to everyone on the meeting's list who has not declined
    (again after a change: each publication is emailed once)."""
    refuse(meeting_manage_refusal(actor))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.sessions.exists():
        raise ValidationError(_("Add the agenda's sessions before publishing it."))
    meeting.agenda_published += 1
    meeting.save(update_fields=["agenda_published"])
    agenda_published_notify(meeting=meeting, version=meeting.agenda_published)
    return meeting


@transaction.atomic
def session_add(*, actor: User, meeting: Meeting, **fields: Any) -> AgendaSession:
    """Add a session to a meeting's agenda, on one of its days."""
    refuse(meeting_manage_refusal(actor))
    session = AgendaSession(meeting=meeting)
    model_fields_apply(session, fields)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_update(*, actor: User, session: AgendaSession, **fields: Any) -> AgendaSession:
    """Move or rename an agenda session."""
    fields.pop("meeting", None)
    refuse(meeting_manage_refusal(actor))
    return record_update(session, fields=fields)


# --- Materials and minutes -------------------------------------------------------------------


def _version_save(*, actor: User, document: Document, file, filename, body: str, note: str):
    if file is not None:
        # The upload rules, before anything is written; what they refuse is about the file.
        try:
            inspect_upload(file, filename)
        except ValidationError as exc:
            raise ValidationError({"file": exc.error_list}) from exc
    version: DocumentVersion | None = None
    try:
        with transaction.atomic():
            locked = Document.objects.select_for_update().get(pk=document.pk)
            latest = locked.versions.aggregate(n=Max("number"))["n"] or 0
            version = DocumentVersion(
                document=locked,
                number=latest + 1,
                file=file or "",
                original_filename=filename or (file.name if file is not None else ""),
                body=body or "",
                note=note,
                created_by=actor,
            )
            version.full_clean()
            version.save()
    except BaseException:
        if version is not None and version.file and version.file._committed:
            version.file.storage.delete(version.file.name)
        raise
    return version


@transaction.atomic
def document_add(
    *,
    actor: User,
    meeting: Meeting,
    kind: str,
    title: str,
    session: AgendaSession | None = None,
    file=None,
    filename: str | None = None,
    body: str = "",
    note: str = "",
) -> DocumentVersion:
    """Add material or minutes to a meeting or one of its sessions, with its first version
    (a file checked by the upload rules, or safe Markdown text)."""
    refuse(meeting_manage_refusal(actor))
    document = Document(meeting=meeting, session=session, kind=kind, title=title)
    document.full_clean()
    document.save()
    version = _version_save(
        actor=actor, document=document, file=file, filename=filename, body=body, note=note
    )
    if document.kind == DocumentKind.MINUTES:
        minutes_published_notify(document=document)
    return version


@transaction.atomic
def document_version_add(
    *,
    actor: User,
    document: Document,
    file=None,
    filename: str | None = None,
    body: str = "",
    note: str = "",
) -> DocumentVersion:
    """A new version of a document, numbered max+1 under a lock; earlier versions stay."""
    refuse(meeting_manage_refusal(actor))
    return _version_save(
        actor=actor, document=document, file=file, filename=filename, body=body, note=note
    )


# --- Outcomes and action items -----------------------------------------------------------------


@transaction.atomic
def outcome_add(
    *,
    actor: User,
    meeting: Meeting,
    pilots: Sequence = (),
    criteria: Sequence = (),
    chapters: Sequence = (),
    **fields: Any,
) -> Outcome:
    """Record what a meeting concluded and the pilots, criteria and chapters it concerns."""
    refuse(meeting_manage_refusal(actor))
    outcome = Outcome(meeting=meeting)
    model_fields_apply(outcome, fields)
    outcome.full_clean()
    outcome.save()
    outcome.pilots.set(pilots)
    outcome.criteria.set(criteria)
    outcome.chapters.set(chapters)
    return outcome


@transaction.atomic
def outcome_update(
    *,
    actor: User,
    outcome: Outcome,
    pilots: Sequence | None = None,
    criteria: Sequence | None = None,
    chapters: Sequence | None = None,
    **fields: Any,
) -> Outcome:
    """Correct an outcome or what it points to."""
    fields.pop("meeting", None)
    refuse(meeting_manage_refusal(actor))
    outcome = record_update(outcome, fields=fields)
    for name, values in (("pilots", pilots), ("criteria", criteria), ("chapters", chapters)):
        if values is not None:
            getattr(outcome, name).set(values)
    return outcome


MILESTONE_STATUS = {
    ActionStatus.OPEN: MilestoneStatus.PLANNED,
    ActionStatus.IN_PROGRESS: MilestoneStatus.IN_PROGRESS,
    ActionStatus.DONE: MilestoneStatus.DONE,
    ActionStatus.DROPPED: MilestoneStatus.CANCELLED,
}


@transaction.atomic
def action_item_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    owner: User | None,
    due_on,
    outcome: Outcome | None = None,
    description: str = "",
) -> ActionItem:
    """Give someone a task from a meeting; its due date is a milestone, so it is reminded."""
    refuse(meeting_manage_refusal(actor))
    errors = {}
    if owner is None:
        errors["owner"] = [_("An action item needs an owner.")]
    if due_on is None:
        errors["due_on"] = [_("An action item needs a due date.")]
    if errors:
        raise ValidationError(errors)
    item = ActionItem(
        meeting=meeting, outcome=outcome, title=title, description=description, owner=owner
    )
    item.full_clean(exclude=["milestone"])
    item.milestone = milestone_attach(
        # The action's own title: the milestone is read through the milestones' scoping (its
        # owner, its country), which does not know whether the meeting is private.
        title=title,
        kind=MilestoneKind.MEETING,
        due_on=due_on,
        owners=[owner],
        description=description,
    )
    item.full_clean()
    item.save()
    action_assigned_notify(item=item)
    return item


@transaction.atomic
def action_item_update(
    *,
    actor: User,
    item: ActionItem,
    status: str | None = None,
    due_on=None,
    owner: User | None = None,
    title: str | None = None,
    description: str | None = None,
) -> ActionItem:
    """Report progress on an action item (its owner or the secretariat), or reassign and
    reschedule it (the secretariat); the milestone follows, so reminders stop once it is done."""
    item = ActionItem.objects.select_for_update().select_related("milestone").get(pk=item.pk)
    refuse(action_item_update_refusal(actor, item))
    if (due_on, owner, title, description) != (None, None, None, None):
        refuse(action_item_reassign_refusal(actor, item))
    if title is not None:
        item.title = title
    if description is not None:
        item.description = description
    reassigned = owner is not None and owner.pk != item.owner_id
    if owner is not None:
        item.owner = owner
    if status is not None:
        item.status = status
    item.full_clean()
    item.save()
    milestone = milestone_reschedule(
        item.milestone, due_on=due_on, title=item.title, owners=[item.owner]
    )
    milestone.status = MILESTONE_STATUS[item.status]
    milestone.completed_on = (
        milestone.completed_on or timezone.localdate() if item.status == ActionStatus.DONE else None
    )
    milestone.full_clean()
    milestone.save(update_fields=["status", "completed_on"])
    if reassigned:
        action_assigned_notify(item=item)
    return item


# --- Planning comments -------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, actor: User, meeting: Meeting, body: str) -> PlanningComment:
    """A remark on a meeting's planning, by the advisory group or the secretariat."""
    refuse(meeting_comment_refusal(actor, meeting))
    comment = PlanningComment(meeting=meeting, author=actor, body=body)
    comment.full_clean()
    comment.save()
    return comment


# --- Invitations, answers, registration, reminders and attendance ---------------------------


@transaction.atomic
def participant_invite(
    *,
    actor: User,
    meeting: Meeting,
    user: User | None = None,
    email: str = "",
    full_name: str = "",
    level: str = ParticipantLevel.EXPERT,
    category: str = "",
    language: str = "",
) -> Participant:
    """Invite an account, or someone by email address, to a meeting that is not over; they
    get an email in their language with the meeting, the agenda so far, a calendar file and
    their personal link to answer."""
    refuse(meeting_manage_refusal(actor))
    if user is not None:
        full_name = full_name or user.get_full_name() or user.username
        email = user.email
    if not (email or "").strip():
        raise ValidationError({"email": _("Give the person's email address.")})
    participant = Participant(
        meeting=meeting,
        user=user,
        full_name=(full_name or email).strip(),
        email=email.strip(),
        level=level,
        category=category,
        language="" if user is not None else language,
        organisation=user.organisation if user is not None else None,
        status=ParticipantStatus.INVITED,
        invited_at=timezone.now(),
    )
    participant.full_clean()
    participant.save()
    invitation_notify(participant=participant)
    return participant


@transaction.atomic
def participant_answer(
    *,
    actor: User | None,
    participant: Participant,
    answer: str,
    attendance_mode: str = "",
    needs: str = "",
    token: str = "",
    listing: dict[str, bool] | None = None,
) -> Participant:
    """The person accepts or declines (signed in, or from their personal link), says how
    they take part and gives any access or dietary needs for the secretariat; `listing`
    (to_participants, to_users, to_partners) is their choice of who sees their name, in the
    same transaction."""
    refuse(participant_answer_refusal(actor, participant, token))
    locked = (
        Participant.objects.select_for_update().select_related("meeting").get(pk=participant.pk)
    )
    if answer not in InvitationAnswer.values:
        raise ValidationError({"answer": _("Accept or decline the invitation.")})
    if answer == InvitationAnswer.ACCEPT and not attendance_mode:
        raise ValidationError({"attendance_mode": _("Say whether you come in person or online.")})
    locked.status = answer
    locked.attendance_mode = attendance_mode if answer == InvitationAnswer.ACCEPT else ""
    locked.needs = (needs or "").strip() if answer == InvitationAnswer.ACCEPT else ""
    locked.responded_at = timezone.now()
    locked.full_clean()
    locked.save()
    if listing is not None:
        locked = participant_listing_set(actor=actor, participant=locked, token=token, **listing)
    return locked


@transaction.atomic
def meeting_registration_set(*, actor: User, meeting: Meeting, is_open: bool) -> Meeting:
    """Open a meeting's registration link to anyone holding it, or close it; it opens only
    for a meeting still to come that is not cancelled (the model says so)."""
    refuse(meeting_manage_refusal(actor, meeting))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.registration_open = is_open
    meeting.full_clean()
    meeting.save(update_fields=["registration_open"])
    return meeting


REGISTER_SALT = "egm.meeting.register"


def registration_token(meeting: Meeting) -> str:
    """The token in a meeting's open registration link."""
    return signing.dumps({"m": meeting.pk}, salt=REGISTER_SALT, compress=True)


def registration_meeting(token: str) -> Meeting | None:
    """The meeting an open registration link names, while registration is open and the
    meeting is not over; else None."""
    try:
        data = signing.loads(token, salt=REGISTER_SALT)
    except signing.BadSignature:
        return None
    meeting = Meeting.objects.filter(pk=data.get("m"), registration_open=True).first()
    if meeting is None or meeting_is_over(meeting):
        return None
    return meeting


@transaction.atomic
def participant_register(
    *,
    token: str,
    full_name: str,
    email: str,
    level: str,
    affiliation: str = "",
    attendance_mode: str = "",
    needs: str = "",
    language: str = "",
) -> Participant:
    """Someone signs up through a meeting's open registration link; they are registered and
    emailed their personal link (to change their answer or withdraw)."""
    meeting = registration_meeting(token)
    if meeting is None:
        raise NotPermitted(_("Registration for this meeting is closed."))
    if not attendance_mode:
        raise ValidationError({"attendance_mode": _("Say whether you come in person or online.")})
    participant = Participant(
        meeting=meeting,
        full_name=(full_name or "").strip(),
        email=(email or "").strip(),
        level=level,
        affiliation=(affiliation or "").strip(),
        attendance_mode=attendance_mode,
        needs=(needs or "").strip(),
        language=language,
        status=ParticipantStatus.REGISTERED,
        responded_at=timezone.now(),
    )
    if not participant.email:
        raise ValidationError({"email": _("Give your email address.")})
    participant.full_clean()
    participant.save()
    invitation_notify(participant=participant)
    return participant


# Days before a meeting's first day on which those who accepted are reminded (once each).
MEETING_REMINDER_DAYS = 7


@transaction.atomic
def meeting_reminders_send(*, today: dt.date | None = None) -> int:
    """Owe a reminder to everyone who accepted a meeting starting within the next
    `MEETING_REMINDER_DAYS` days; each person is reminded once per meeting date (the outbox
    key), however often this runs. Returns how many were newly owed."""
    today = today or timezone.localdate()
    due = Participant.objects.filter(
        status=ParticipantStatus.REGISTERED,
        meeting__start_date__gte=today,
        meeting__start_date__lte=today + dt.timedelta(days=MEETING_REMINDER_DAYS),
        meeting__status__in=[MeetingStatus.PLANNED, MeetingStatus.CONFIRMED],
    ).select_related("meeting", "user")
    return sum(meeting_reminder_notify(participant=p) for p in due)


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, attended: Iterable[int]) -> int:
    """After the meeting, the secretariat marks who attended (among those on the list who
    did not decline); returns how many were marked."""
    refuse(meeting_manage_refusal(actor))
    if not meeting_is_over(meeting):
        raise ValidationError(_("Attendance is marked once the meeting is over."))
    ids = set(attended)
    rows = list(meeting.participants.select_for_update().exclude(status=ParticipantStatus.DECLINED))
    if ids - {participant.pk for participant in rows}:
        raise ValidationError(
            {"attended": _("Mark only people on this meeting's list who did not decline.")}
        )
    marked = 0
    for participant in rows:
        status = ParticipantStatus.ATTENDED if participant.pk in ids else None
        if status is None and participant.status == ParticipantStatus.ATTENDED:
            status = ParticipantStatus.REGISTERED
        if status is not None and status != participant.status:
            participant.status = status
            participant.full_clean()
            participant.save(update_fields=["status"])
        marked += participant.pk in ids
    return marked


@transaction.atomic
def participants_invite(
    *,
    actor: User,
    meeting: Meeting,
    users: Iterable[User] = (),
    addresses: Iterable[tuple[str, str]] = (),
    level: str = ParticipantLevel.EXPERT,
    category: str = "",
    language: str = "",
) -> list[Participant]:
    """Invite several people at once (accounts, and (name, address) pairs): all of them or,
    if one cannot be invited (already on the list, the meeting is over), none, with the
    reason naming the person."""
    refuse(meeting_manage_refusal(actor))
    invited = []
    people = [(user, user.email, "") for user in users]
    people += [(None, address, name) for name, address in addresses]
    if not people:
        raise ValidationError(_("Choose at least one person to invite."))
    for user, address, name in people:
        try:
            invited.append(
                participant_invite(
                    actor=actor, meeting=meeting, user=user, email=address, full_name=name,
                    level=level, category=category, language=language,
                )
            )  # fmt: skip
        except ValidationError as exc:
            who = str(user) if user is not None else (name or address)
            raise ValidationError(
                _("%(who)s: %(error)s") % {"who": who, "error": " ".join(exc.messages)}
            ) from exc
    return invited


# --- The advisory group and regional tracks ---------------------------------------------------


@transaction.atomic
def advisory_membership_save(
    *,
    actor: User,
    membership: AdvisoryGroupMembership | None = None,
    representatives: Sequence[User] | None = None,
    **fields: Any,
) -> AdvisoryGroupMembership:
    """Add or change a seat of the advisory group (or an implementing organisation)."""
    refuse(programme_bodies_manage_refusal(actor))
    membership = membership or AdvisoryGroupMembership()
    model_fields_apply(membership, fields)
    membership.full_clean()
    membership.save()
    if representatives is not None:
        membership.representatives.set(representatives)
    return membership


@transaction.atomic
def track_save(
    *,
    actor: User,
    track: RegionalTrack | None = None,
    partners: Sequence[Organisation] | None = None,
    **fields: Any,
) -> RegionalTrack:
    """Add or change a regional track and, given `partners`, the organisations in it: those
    already in keep their role (lead, partner, possible partner), new ones join as partners,
    and those left out leave the track."""
    refuse(programme_bodies_manage_refusal(actor))
    track = track or RegionalTrack()
    model_fields_apply(track, fields)
    track.full_clean()
    track.save()
    if partners is not None:
        keep = {organisation.pk for organisation in partners}
        track.partners.exclude(organisation_id__in=keep).delete()
        present = set(track.partners.values_list("organisation_id", flat=True))
        for organisation in partners:
            if organisation.pk in present:
                continue
            link = RegionalTrackPartner(
                track=track, organisation=organisation, role=TrackPartnerRole.PARTNER
            )
            link.full_clean()
            link.save()
            present.add(organisation.pk)
    return track
