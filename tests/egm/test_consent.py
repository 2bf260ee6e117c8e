"""Each participant chooses who sees their name (the other participants, signed-in users,
partners); until they do only the secretariat does. One rule (`egm.rules.participant_visible_q`
and its one-row twin `participant_can_view`) serves the page, the API and the export."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from base.errors import NotPermitted
from egm.choices import MeetingStatus, ParticipantStatus
from egm.forms import ParticipantForm
from egm.invitations import answer_token
from egm.models import Participant
from egm.rules import participant_can_view, participant_visible_q
from egm.services import participant_add, participant_listing_set, participant_update
from programme.choices import Role
from tests.api.conftest import token_client
from tests.factories import MeetingFactory, ParticipantFactory, UserFactory, api_token_for
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db
PARTICIPANTS = "/api/v1/meeting-participants/"


@pytest.fixture
def people(db):
    meeting = MeetingFactory(upcoming=True, is_public=True)
    attendee = UserFactory(username="fellow", roles=[Role.REVIEWER])
    rows = {
        "hidden": ParticipantFactory(meeting=meeting, full_name="Hidden Person"),
        "to_participants": ParticipantFactory(
            meeting=meeting, full_name="Told Fellows", listed_to_participants=True
        ),
        "to_users": ParticipantFactory(
            meeting=meeting, full_name="Told Users", listed_to_users=True
        ),
        "to_partners": ParticipantFactory(
            meeting=meeting, full_name="Told Partners", listed_to_partners=True
        ),
        "declined": ParticipantFactory(
            meeting=meeting,
            full_name="Said No",
            status=ParticipantStatus.DECLINED,
            listed_to_users=True,
            listed_to_partners=True,
        ),
        "fellow": ParticipantFactory(meeting=meeting, full_name="Fellow Attendee", user=attendee),
    }
    users = {
        "secretariat": UserFactory(roles=[Role.SECRETARIAT]),
        "partner": UserFactory(roles=[Role.PARTNER]),
        "focal": UserFactory(roles=[Role.FOCAL_POINT]),
        "fellow": attendee,
    }
    return meeting, rows, users


SEES = {
    "secretariat": {"hidden", "to_participants", "to_users", "to_partners", "declined", "fellow"},
    "partner": {"to_partners"},
    "focal": {"to_users"},
    # A fellow participant (any role) reads those listed to participants and to its role.
    "fellow": {"to_participants", "to_users", "fellow"},
}


def test_the_rule_and_its_filter_agree_on_every_pair(people):
    _meeting, rows, users = people
    for (who, user), (name, row) in itertools.product(users.items(), rows.items()):
        in_filter = Participant.objects.filter(participant_visible_q(user), pk=row.pk).exists()
        assert in_filter == participant_can_view(user, row) == (name in SEES[who]), (who, name)


def test_the_partner_api_lists_only_those_who_chose_partners(people):
    meeting, rows, users = people
    client = token_client(api_token_for(users["partner"])[1])
    names = {
        r["full_name"] for r in client.get(PARTICIPANTS, {"meeting": meeting.pk}).json()["results"]
    }
    assert names == {"Told Partners"}
    for absent in ("hidden", "to_users", "to_participants", "declined"):
        assert client.get(f"{PARTICIPANTS}{rows[absent].pk}/").status_code == 404
    export = b"".join(
        client.get(f"{PARTICIPANTS}export/", {"meeting": meeting.pk}).streaming_content
    )
    assert (
        b"Told Partners" in export
        and b"Hidden Person" not in export
        and b"Told Users" not in export
    )


def test_the_meeting_page_names_those_listed_to_the_reader_and_counts_everyone(people, client):
    meeting, _rows, users = people
    client.force_login(users["fellow"])
    body = client.get(reverse("egm:meeting-detail", args=[meeting.pk])).content.decode()
    assert "Told Fellows" in body and "Told Users" in body
    assert "Hidden Person" not in body and "Told Partners" not in body and "Said No" not in body
    export = client.get(reverse("egm:participant-export", args=[meeting.pk])).content.decode()
    assert "Told Fellows" in export and "Hidden Person" not in export


def test_the_participant_list_costs_the_same_queries_however_long(people):
    meeting, _rows, users = people
    client = token_client(api_token_for(users["partner"])[1])
    client.get(PARTICIPANTS, {"meeting": meeting.pk})

    def count() -> int:
        with queries_counted() as ctx:
            assert client.get(PARTICIPANTS, {"meeting": meeting.pk}).status_code == 200
        return len(ctx)

    before = count()
    for _ in range(8):
        ParticipantFactory(meeting=meeting, listed_to_partners=True)
    assert count() == before


def test_only_the_person_chooses_their_listing(people):
    _meeting, rows, users = people
    fellow = rows["fellow"]
    with pytest.raises(NotPermitted):
        participant_listing_set(
            actor=users["secretariat"], participant=fellow, to_participants=True,
            to_users=True, to_partners=True,
        )  # fmt: skip
    with pytest.raises(NotPermitted):
        participant_listing_set(
            actor=None, participant=fellow, to_participants=True, to_users=True,
            to_partners=True, token=answer_token(rows["hidden"]),
        )  # fmt: skip
    participant_listing_set(
        actor=users["fellow"], participant=fellow, to_participants=True, to_users=False,
        to_partners=False,
    )  # fmt: skip
    by_link = participant_listing_set(
        actor=None, participant=rows["hidden"], to_participants=False, to_users=False,
        to_partners=True, token=answer_token(rows["hidden"]),
    )  # fmt: skip
    assert (
        by_link.listed_to_partners and Participant.objects.get(pk=fellow.pk).listed_to_participants
    )


def test_the_secretariat_cannot_list_someone_through_its_forms_or_the_api(people):
    meeting, rows, users = people
    staff = users["secretariat"]
    participant_update(actor=staff, participant=rows["hidden"], listed_to_partners=True)
    added = participant_add(
        actor=staff, meeting=meeting, full_name="New One", level="expert", listed_to_users=True
    )
    assert not Participant.objects.get(pk=rows["hidden"].pk).listed_to_partners
    assert not added.listed_to_users
    client = token_client(api_token_for(staff)[1])
    response = client.patch(
        f"{PARTICIPANTS}{rows['hidden'].pk}/",
        {"listed_to_partners": True},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert not Participant.objects.get(pk=rows["hidden"].pk).listed_to_partners


def test_the_participation_page_saves_the_persons_choice(people, client):
    meeting, rows, users = people
    client.force_login(users["fellow"])
    url = reverse("egm:participation", args=[meeting.pk])
    # The meeting's page leads the invitee to their own page.
    assert url in client.get(reverse("egm:meeting-detail", args=[meeting.pk])).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"answer": "registered", "attendance_mode": "online", "listed_to_partners": "on"}
    )
    assert response.status_code == 302
    assert Participant.objects.get(pk=rows["fellow"].pk).listed_to_partners
    # Someone not on the list has no such page.
    client.force_login(users["focal"])
    assert client.get(url).status_code == 404


def test_the_personal_link_opens_one_participants_page_only(people, client):
    meeting, rows, _users = people
    url = reverse("egm:answer", args=[answer_token(rows["hidden"])])
    page = client.get(url)
    assert page.status_code == 200 and "Hidden Person" in page.content.decode()
    assert "Told Users" not in page.content.decode()
    answer = {"answer": "declined", "listed_to_users": "on"}
    assert client.post(url, answer).status_code == 302
    assert Participant.objects.get(pk=rows["hidden"].pk).listed_to_users
    assert client.get(reverse("egm:answer", args=["forged-token"])).status_code == 404
    # The link is not a sign-in.
    assert client.get(reverse("egm:meeting-detail", args=[meeting.pk])).status_code == 302


def test_the_personal_link_stops_working_after_the_meeting(people, client):
    meeting, rows, _users = people
    token = answer_token(rows["hidden"])
    meeting.start_date = meeting.end_date = meeting.start_date.replace(year=2019)
    meeting.save()
    assert client.get(reverse("egm:answer", args=[token])).status_code == 404


def test_nobody_is_invited_to_a_meeting_that_is_over(secretariat_user):
    held = MeetingFactory(status=MeetingStatus.HELD)
    with pytest.raises(ValidationError) as error:
        participant_add(actor=secretariat_user, meeting=held, full_name="Late", level="expert")
    assert "status" in error.value.message_dict
    attended = participant_add(
        actor=secretariat_user, meeting=held, full_name="Late", level="expert", status="attended"
    )
    # Someone invited before the meeting can still be edited after it without re-answering.
    upcoming = MeetingFactory(upcoming=True)
    invited = participant_add(
        actor=secretariat_user, meeting=upcoming, full_name="A", level="expert"
    )
    assert invited.status == ParticipantStatus.INVITED and attended.status == "attended"
    upcoming.start_date = upcoming.end_date = held.start_date
    upcoming.save()
    participant_update(actor=secretariat_user, participant=invited, affiliation="UNESCO")
    form = ParticipantForm(meeting=held)
    assert "invited" not in dict(form.fields["status"].choices)
    assert form.fields["status"].initial == ""
    assert "invited" in dict(
        ParticipantForm(meeting=MeetingFactory(upcoming=True)).fields["status"].choices
    )
