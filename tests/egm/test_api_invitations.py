"""Meeting invitations through the API: the secretariat invites (accounts and "Name <address>")
with the web page's service, the person invited answers their own invitation, the secretariat
marks attendance after the meeting and opens or closes registration; bad input is a 400 with
field errors, and the participant list keeps each person's choice of who sees their name."""

from __future__ import annotations

import pytest
from django.core import mail

from egm.choices import ParticipantStatus
from egm.models import Participant
from programme.models import OutboxEmail
from programme.outbox import outbox_send
from tests.api.conftest import token_client
from tests.factories import MeetingFactory, ParticipantFactory, UserFactory, api_token_for

pytestmark = pytest.mark.django_db


def _client(user):
    return token_client(api_token_for(user)[1])


@pytest.fixture
def staff_api_client(secretariat_user):
    return _client(secretariat_user)


@pytest.fixture
def partner_api_client(partner_user):
    return _client(partner_user)


@pytest.fixture
def meeting(db):
    return MeetingFactory(upcoming=True, is_public=True, title="Fourth EGM")


@pytest.fixture
def held(db):
    return MeetingFactory(is_public=True, status="held", title="Second EGM")


def _fields(response, status=400) -> dict:
    assert response.status_code == status, response.content[:400]
    return response.json()["error"]["fields"]


def test_the_secretariat_invites_accounts_and_addresses_who_are_emailed(
    staff_api_client, meeting, django_capture_on_commit_callbacks
):
    person = UserFactory(email="amina@example.org", first_name="Amina", last_name="Diallo")
    url = f"/api/v1/meetings/{meeting.pk}/invitations/"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_api_client.post(
            url,
            {
                "users": [person.pk],
                "addresses": ["Kofi Mensah <kofi@example.org>", "lea@example.org"],
                "language": "fr",
                "level": "practitioner",
            },
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    rows = {row["email"]: row for row in response.json()}
    assert set(rows) == {"amina@example.org", "kofi@example.org", "lea@example.org"}
    assert rows["kofi@example.org"]["full_name"] == "Kofi Mensah"
    assert {row["status"] for row in rows.values()} == {"invited"}
    assert all(row["invited_at"] and row["level"] == "practitioner" for row in rows.values())
    stored = Participant.objects.get(meeting=meeting, email="lea@example.org")
    assert stored.language == "fr" and stored.user is None
    assert Participant.objects.get(meeting=meeting, user=person).full_name == "Amina Diallo"
    # The web page's service: one invitation email each, queued after the commit.
    mail.outbox.clear()
    for row in OutboxEmail.objects.filter(kind="egm.invitation", status="pending"):
        outbox_send(row_id=row.pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(rows)
    # The secretariat's list of the meeting's invitations.
    listed = staff_api_client.get(url)
    assert listed.status_code == 200
    assert sorted(row["email"] for row in listed.json()) == sorted(rows)


def test_an_invitation_naming_nobody_or_a_bad_address_is_a_400_with_field_errors(
    staff_api_client, meeting
):
    url = f"/api/v1/meetings/{meeting.pk}/invitations/"
    post = lambda body: staff_api_client.post(url, body, content_type="application/json")  # noqa: E731
    assert "addresses" in _fields(post({"addresses": ["Kofi Mensah <no address>"]}))
    assert "users" in _fields(post({"users": [999_999]}))
    assert "level" in _fields(post({"addresses": ["a@example.org"], "level": "guru"}))
    assert "non_field_errors" in _fields(post({}))
    # An account without an address cannot be emailed: not one to choose.
    silent = UserFactory(email="")
    assert "users" in _fields(post({"users": [silent.pk]}))
    assert not Participant.objects.filter(meeting=meeting).exists()


def test_inviting_someone_already_listed_invites_nobody_and_names_them(staff_api_client, meeting):
    ParticipantFactory(meeting=meeting, full_name="Kofi Mensah", email="kofi@example.org")
    response = staff_api_client.post(
        f"/api/v1/meetings/{meeting.pk}/invitations/",
        {"addresses": ["new@example.org", "Kofi Mensah <kofi@example.org>"]},
        content_type="application/json",
    )
    [message] = _fields(response)["non_field_errors"]
    assert message.startswith("Kofi Mensah:")
    assert not Participant.objects.filter(email="new@example.org").exists()


def test_only_the_secretariat_lists_or_sends_invitations(
    partner_api_client, advisory_user, meeting
):
    url = f"/api/v1/meetings/{meeting.pk}/invitations/"
    adviser = _client(advisory_user)
    assert adviser.get(url).status_code == 403
    body = {"addresses": ["kofi@example.org"]}
    assert adviser.post(url, body, content_type="application/json").status_code == 403
    assert partner_api_client.post(url, body, content_type="application/json").status_code == 403
    private = MeetingFactory(upcoming=True, is_public=False)
    # A meeting the caller cannot see is not there at all.
    assert partner_api_client.get(f"/api/v1/meetings/{private.pk}/invitations/").status_code == 404
    assert not Participant.objects.exists()


def test_the_person_invited_answers_their_own_invitation(meeting, focal_point_user):
    own = ParticipantFactory(meeting=meeting, user=focal_point_user, email="fp@example.org")
    client = _client(focal_point_user)
    url = f"/api/v1/meeting-participants/{own.pk}/answer/"
    response = client.post(
        url,
        {
            "answer": "registered",
            "attendance_mode": "in_person",
            "needs": "Vegetarian meals",
            "listed_to_participants": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "registered" and body["attendance_mode"] == "in_person"
    # Needs are for the secretariat: not even echoed to the person.
    assert "needs" not in body and "email" not in body
    own.refresh_from_db()
    assert own.needs == "Vegetarian meals" and own.responded_at is not None
    assert own.listed_to_participants and not own.listed_to_users and not own.listed_to_partners
    # Declining clears how one takes part; an absent listing choice stays as it was.
    response = client.post(url, {"answer": "declined"}, content_type="application/json")
    assert response.json()["status"] == "declined"
    own.refresh_from_db()
    assert own.attendance_mode == "" and own.needs == "" and own.listed_to_participants


def test_accepting_without_saying_how_is_a_400_on_that_field(meeting, focal_point_user):
    own = ParticipantFactory(meeting=meeting, user=focal_point_user)
    url = f"/api/v1/meeting-participants/{own.pk}/answer/"
    client = _client(focal_point_user)
    post = lambda body: client.post(url, body, content_type="application/json")  # noqa: E731
    assert "attendance_mode" in _fields(post({"answer": "registered"}))
    assert "answer" in _fields(post({"answer": "maybe"}))
    assert "attendance_mode" in _fields(post({"answer": "registered", "attendance_mode": "x"}))
    own.refresh_from_db()
    assert own.status == ParticipantStatus.INVITED


def test_nobody_answers_for_someone_else_and_the_secretariat_sees_the_needs(
    meeting, focal_point_user, reviewer_user, staff_api_client
):
    # Listed to signed-in users: the reviewer reads the row but may not answer for it.
    other = ParticipantFactory(meeting=meeting, user=focal_point_user, listed_to_users=True)
    hidden = ParticipantFactory(meeting=meeting)
    reviewer = _client(reviewer_user)
    body = {"answer": "declined"}
    url = "/api/v1/meeting-participants/{}/answer/"
    assert (
        reviewer.post(url.format(other.pk), body, content_type="application/json").status_code
        == 403
    )
    assert (
        reviewer.post(url.format(hidden.pk), body, content_type="application/json").status_code
        == 404
    )
    other.refresh_from_db()
    assert other.status == ParticipantStatus.INVITED
    # The secretariat records an answer given by other means, and reads the needs.
    response = staff_api_client.post(
        url.format(hidden.pk),
        {"answer": "registered", "attendance_mode": "online", "needs": "Captions"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["needs"] == "Captions"
    # Who sees a name is the person's choice, never the secretariat's.
    response = staff_api_client.post(
        url.format(hidden.pk),
        {"answer": "declined", "listed_to_partners": True},
        content_type="application/json",
    )
    assert response.status_code == 403
    hidden.refresh_from_db()
    assert not hidden.listed_to_partners


def test_the_participant_list_keeps_each_persons_choice(
    meeting, focal_point_user, partner_api_client
):
    own = ParticipantFactory(meeting=meeting, user=focal_point_user, full_name="Ama Owusu")
    ParticipantFactory(meeting=meeting, full_name="Not Listed")
    url = f"/api/v1/meeting-participants/?meeting={meeting.pk}"
    assert partner_api_client.get(url).json()["results"] == []
    _client(focal_point_user).post(
        f"/api/v1/meeting-participants/{own.pk}/answer/",
        {"answer": "registered", "attendance_mode": "online", "listed_to_partners": True},
        content_type="application/json",
    )
    names = [row["full_name"] for row in partner_api_client.get(url).json()["results"]]
    assert names == ["Ama Owusu"]


def test_the_secretariat_marks_attendance_after_the_meeting(staff_api_client, held):
    came = ParticipantFactory(meeting=held, status="registered")
    stayed_away = ParticipantFactory(meeting=held, status="attended")
    declined = ParticipantFactory(meeting=held, status="declined")
    url = f"/api/v1/meetings/{held.pk}/attendance/"
    response = staff_api_client.post(url, {"attended": [came.pk]}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json() == {"attended": [came.pk], "marked": 1}
    statuses = dict(Participant.objects.filter(meeting=held).values_list("pk", "status"))
    assert statuses == {came.pk: "attended", stayed_away.pk: "registered", declined.pk: "declined"}
    # Someone who declined, or on another meeting's list, is not marked: a 400 on the field.
    elsewhere = ParticipantFactory(meeting=MeetingFactory(status="held"), status="registered")
    for wrong in (declined.pk, elsewhere.pk):
        fields = _fields(
            staff_api_client.post(url, {"attended": [wrong]}, content_type="application/json")
        )
        assert "attended" in fields
    assert "attended" in _fields(
        staff_api_client.post(url, {"attended": "all"}, content_type="application/json")
    )
    assert Participant.objects.get(pk=came.pk).status == "attended"


def test_attendance_waits_for_the_meeting_and_is_the_secretariats(
    staff_api_client, meeting, held, advisory_user
):
    person = ParticipantFactory(meeting=meeting, status="registered")
    response = staff_api_client.post(
        f"/api/v1/meetings/{meeting.pk}/attendance/",
        {"attended": [person.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400
    response = _client(advisory_user).post(
        f"/api/v1/meetings/{held.pk}/attendance/", {"attended": []}, content_type="application/json"
    )
    assert response.status_code == 403


def test_the_secretariat_opens_and_closes_registration(staff_api_client, meeting, client):
    url = f"/api/v1/meetings/{meeting.pk}/registration/"
    response = staff_api_client.post(
        url, {"registration_open": True}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    link = response.json()["registration_url"]
    assert response.json()["registration_open"] and link.startswith("http")
    assert staff_api_client.get(f"/api/v1/meetings/{meeting.pk}/").json()["registration_open"]
    assert client.get(link).status_code == 200
    response = staff_api_client.post(
        url, {"registration_open": False}, content_type="application/json"
    )
    assert response.json() == {"registration_open": False, "registration_url": None}
    # The link no longer opens anything.
    assert client.get(link).status_code == 404


@pytest.mark.parametrize("status", ["held", "cancelled"])
def test_registration_opens_only_for_a_meeting_still_to_come(staff_api_client, status):
    # Held in 2019, or still to come but cancelled.
    meeting = MeetingFactory(status=status, upcoming=status == "cancelled")
    url = f"/api/v1/meetings/{meeting.pk}/registration/"
    fields = _fields(
        staff_api_client.post(url, {"registration_open": True}, content_type="application/json")
    )
    assert "registration_open" in fields
    assert "registration_open" in _fields(
        staff_api_client.post(
            url, {"registration_open": "perhaps"}, content_type="application/json"
        )
    )
    meeting.refresh_from_db()
    assert not meeting.registration_open


def test_only_the_secretariat_opens_registration(partner_api_client, advisory_user, meeting):
    url = f"/api/v1/meetings/{meeting.pk}/registration/"
    for client in (partner_api_client, _client(advisory_user)):
        response = client.post(url, {"registration_open": True}, content_type="application/json")
        assert response.status_code == 403
    meeting.refresh_from_db()
    assert not meeting.registration_open
