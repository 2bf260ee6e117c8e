"""Invitations and registration: the secretariat invites accounts and addresses; each gets
an email in their language with the meeting, the agenda so far, a calendar file and a
personal link to answer; those who accept are reminded once; attendance is marked after the
meeting; a meeting may open registration to a link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from base.errors import NotPermitted
from egm.choices import ParticipantStatus
from egm.invitations import answer_token
from egm.models import Participant
from egm.services import (
    attendance_record,
    meeting_reminders_send,
    participant_answer,
    participant_register,
    participants_invite,
    registration_token,
)
from programme.choices import Role
from programme.models import NotificationMute, OutboxEmail
from programme.outbox import outbox_send
from tests.factories import AgendaSessionFactory, MeetingFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.SECRETARIAT])


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(upcoming=True, title="Third EGM", city="Nairobi")
    AgendaSessionFactory(meeting=meeting, title="Roadmaps in practice")
    return meeting


def _send(kind: str) -> list:
    mail.outbox.clear()
    for row in OutboxEmail.objects.filter(kind=kind, status="pending"):
        outbox_send(row_id=row.pk)
    return list(mail.outbox)


@pytest.mark.parametrize(
    ("language", "says"),
    [("en", "You are invited to Third EGM"), ("fr", "Vous êtes invité·e à Third EGM")],
)
def test_an_invitation_carries_the_meeting_agenda_calendar_and_personal_link(
    staff, meeting, language, says, django_capture_on_commit_callbacks
):
    person = UserFactory(roles=[Role.ADVISORY_GROUP], language=language)
    with django_capture_on_commit_callbacks() as queued:
        [participant] = participants_invite(actor=staff, meeting=meeting, users=[person])
    assert queued and participant.user == person and participant.status == "invited"
    [message] = _send("egm.invitation")
    html = message.alternatives[0][0]
    link_prefix = reverse("egm:answer", args=["token"]).removesuffix("token/")
    for part in (message.body, html):
        assert says in part and "Roadmaps in practice" in part and "Nairobi" in part
        assert link_prefix in part
    [(name, ics, mimetype)] = message.attachments
    assert name == "meeting.ics" and mimetype == "text/calendar"
    ics = ics if isinstance(ics, str) else ics.decode()
    assert "SUMMARY:Third EGM" in ics
    # An invitation waits for an answer: it has no mute link and cannot be muted.
    assert "/accounts/notifications/mute/" not in message.body


def test_an_address_without_account_is_invited_in_the_language_chosen(staff, meeting):
    participants_invite(
        actor=staff, meeting=meeting, addresses=[("Ana Pérez", "ana@example.org")], language="es"
    )
    [message] = _send("egm.invitation")
    assert message.to == ["ana@example.org"] and "Ana Pérez" in message.body
    assert "Third EGM" in message.subject and "Invitación" in message.subject


def test_inviting_someone_twice_invites_nobody(staff, meeting):
    person = UserFactory()
    participants_invite(actor=staff, meeting=meeting, users=[person])
    other = UserFactory()
    with pytest.raises(ValidationError):
        participants_invite(actor=staff, meeting=meeting, users=[other, person])
    assert not meeting.participants.filter(user=other).exists()


def test_nobody_is_invited_to_a_meeting_that_is_over(staff):
    held = MeetingFactory(status="held")
    with pytest.raises(ValidationError):
        participants_invite(actor=staff, meeting=held, users=[UserFactory()])
    assert not OutboxEmail.objects.exists()


def test_only_the_secretariat_invites(meeting):
    with pytest.raises(NotPermitted):
        participants_invite(actor=UserFactory(roles=[Role.REVIEWER]), meeting=meeting)


def test_the_link_accepts_with_how_and_needs_or_declines(client, meeting):
    ama = ParticipantFactory(meeting=meeting, full_name="Ama")
    kofi = ParticipantFactory(meeting=meeting, full_name="Kofi")
    url = reverse("egm:answer", args=[answer_token(ama)])
    # Accepting needs to say how one takes part: the form says so, nothing is saved.
    response = client.post(url, {"answer": "registered"})
    assert response.status_code == 400
    assert Participant.objects.get(pk=ama.pk).status == "invited"
    response = client.post(
        url,
        {
            "answer": "registered",
            "attendance_mode": "online",
            "needs": "Vegetarian",
            "listed_to_partners": "on",
        },
    )
    assert response.status_code == 302
    ama.refresh_from_db()
    assert (ama.status, ama.attendance_mode, ama.needs) == ("registered", "online", "Vegetarian")
    assert ama.listed_to_partners and ama.responded_at is not None
    client.post(reverse("egm:answer", args=[answer_token(kofi)]), {"answer": "declined"})
    assert Participant.objects.get(pk=kofi.pk).status == "declined"


def test_needs_are_the_secretariats_only(meeting, client, staff):
    ParticipantFactory(meeting=meeting, needs="Wheelchair access", listed_to_users=True)
    client.force_login(UserFactory(roles=[Role.REVIEWER]))
    page = client.get(reverse("egm:meeting-detail", args=[meeting.pk])).content.decode()
    assert "Wheelchair access" not in page
    api = client.get("/api/v1/meeting-participants/", {"meeting": meeting.pk}).json()
    assert api["results"] and "needs" not in api["results"][0]
    client.force_login(staff)
    assert (
        "Wheelchair access"
        in client.get(reverse("egm:participant-list", args=[meeting.pk])).content.decode()
    )


def test_someone_else_cannot_answer(meeting):
    ama = ParticipantFactory(meeting=meeting)
    kofi = ParticipantFactory(meeting=meeting)
    with pytest.raises(NotPermitted):
        participant_answer(actor=None, participant=ama, answer="declined", token=answer_token(kofi))
    with pytest.raises(NotPermitted):
        participant_answer(actor=UserFactory(), participant=ama, answer="declined")


def test_those_who_accepted_are_reminded_once(meeting):
    soon = timezone.localdate() + dt.timedelta(days=3)
    meeting.start_date, meeting.end_date = soon, soon
    meeting.save()
    yes = ParticipantFactory(meeting=meeting, status=ParticipantStatus.REGISTERED)
    ParticipantFactory(meeting=meeting, status=ParticipantStatus.DECLINED)
    ParticipantFactory(meeting=meeting)  # still invited: no reminder
    far = MeetingFactory(upcoming=True)
    ParticipantFactory(meeting=far, status=ParticipantStatus.REGISTERED)
    assert meeting_reminders_send() == 1
    assert meeting_reminders_send() == 0  # a second sweep owes nothing
    [message] = _send("egm.meeting_reminder")
    assert message.to == [yes.email] and "Third EGM" in message.body
    assert _send("egm.meeting_reminder") == []


def test_a_muted_reminder_is_not_sent(meeting):
    person = UserFactory()
    soon = timezone.localdate() + dt.timedelta(days=1)
    meeting.start_date, meeting.end_date = soon, soon
    meeting.save()
    ParticipantFactory(meeting=meeting, user=person, status=ParticipantStatus.REGISTERED)
    NotificationMute.objects.create(user=person, kind="egm.meeting_reminder")
    assert meeting_reminders_send() == 0


def test_attendance_is_marked_after_the_meeting_only(staff, meeting):
    came = ParticipantFactory(meeting=meeting, status=ParticipantStatus.REGISTERED)
    with pytest.raises(ValidationError):
        attendance_record(actor=staff, meeting=meeting, attended=[came.pk])
    meeting.start_date = meeting.end_date = dt.date(2020, 1, 10)
    meeting.save()
    assert attendance_record(actor=staff, meeting=meeting, attended=[came.pk]) == 1
    assert Participant.objects.get(pk=came.pk).status == ParticipantStatus.ATTENDED


def test_open_registration_by_link(client, meeting):
    token = registration_token(meeting)
    url = reverse("egm:register", args=[token])
    assert client.get(url).status_code == 404  # closed until the secretariat opens it
    meeting.registration_open = True
    meeting.save()
    assert client.get(url).status_code == 200
    bad = client.post(url, {"full_name": "Zed", "email": "not-an-address", "level": "expert"})
    assert bad.status_code == 400 and not meeting.participants.filter(full_name="Zed").exists()
    done = client.post(
        url,
        {
            "full_name": "Zed",
            "email": "zed@example.org",
            "level": "expert",
            "attendance_mode": "in_person",
            "language": "fr",
        },
    )
    assert done.status_code == 200
    zed = meeting.participants.get(full_name="Zed")
    assert zed.status == "registered" and zed.language == "fr"
    [message] = _send("egm.invitation")
    assert message.to == ["zed@example.org"] and "Vous êtes inscrit·e" in message.body
    with pytest.raises(NotPermitted):
        participant_register(
            token="forged", full_name="X", email="x@example.org", level="expert",
            attendance_mode="online",
        )  # fmt: skip


def test_the_invite_page_shows_its_example_as_text(client, staff, meeting):
    client.force_login(staff)
    page = client.get(reverse("egm:participant-invite", args=[meeting.pk])).content.decode()
    assert "“Name &lt;address&gt;”" in page
    # Each address line is checked; a bad one is a form error and nobody is invited.
    response = client.post(
        reverse("egm:participant-invite", args=[meeting.pk]),
        {"addresses": "ok@example.org\nnot an address", "language": "en", "level": "expert"},
    )
    assert response.status_code == 400 and not meeting.participants.exists()


def test_the_invite_page_naming_nobody_invites_nobody_and_says_so(client, staff, meeting):
    client.force_login(staff)
    response = client.post(
        reverse("egm:participant-invite", args=[meeting.pk]),
        {"addresses": "\n", "language": "en", "level": "expert"},
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["Choose at least one person to invite."]
    assert not meeting.participants.exists()
    with pytest.raises(ValidationError):
        participants_invite(actor=staff, meeting=meeting)
