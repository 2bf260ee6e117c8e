"""Until a participant chooses to be listed, only the secretariat reads that they are invited
(egm.rules.participant_visible_q); everyone else who may see the meeting reads counts by
category, on the page and nowhere else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egm.choices import ParticipantCategory
from tests.api.conftest import token_client
from tests.factories import MeetingFactory, ParticipantFactory, api_token_for

pytestmark = pytest.mark.django_db
PARTICIPANTS = "/api/v1/meeting-participants/"


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(is_public=True, title="Public EGM")
    ParticipantFactory(
        meeting=meeting, full_name="Ama Mensah", category=ParticipantCategory.IATT_MEMBER
    )
    ParticipantFactory(
        meeting=meeting, full_name="Kofi Boateng", category=ParticipantCategory.IATT_MEMBER
    )
    ParticipantFactory(
        meeting=meeting, full_name="Wanjiru Kamau", category=ParticipantCategory.PARTNER_EXPERT
    )
    return meeting


def test_a_partner_token_gets_no_participant_rows(partner_user, meeting):
    _token, key = api_token_for(partner_user)
    client = token_client(key)
    listed = client.get(PARTICIPANTS, {"meeting": meeting.pk})
    assert listed.status_code == 200 and listed.json()["results"] == []
    one = meeting.participants.first()
    # A hidden participant answers as an unknown one.
    assert client.get(f"{PARTICIPANTS}{one.pk}/").status_code == 404
    assert client.get(f"{PARTICIPANTS}999999/").status_code == 404
    export = client.get(f"{PARTICIPANTS}export/", {"meeting": meeting.pk})
    assert b"Ama Mensah" not in b"".join(export.streaming_content)


def test_the_secretariat_still_reads_names(secretariat_user, meeting):
    _token, key = api_token_for(secretariat_user)
    names = {
        row["full_name"]
        for row in token_client(key).get(PARTICIPANTS, {"meeting": meeting.pk}).json()["results"]
    }
    assert names == {"Ama Mensah", "Kofi Boateng", "Wanjiru Kamau"}


@pytest.mark.parametrize(
    "client_name", ["reviewer_client", "focal_point_client", "advisory_client"]
)
def test_the_meeting_page_shows_counts_not_names(request, client_name, meeting):
    client = request.getfixturevalue(client_name)
    url = reverse("egm:meeting-detail", args=[meeting.pk])
    body = client.get(url).content.decode()
    assert "Ama Mensah" not in body and "Wanjiru Kamau" not in body
    assert "Invited" not in body
    assert f"{ParticipantCategory.IATT_MEMBER.label}: 2" in body
    assert f"{ParticipantCategory.PARTNER_EXPERT.label}: 1" in body
    assert reverse("egm:participant-export", args=[meeting.pk]) not in body
    export = client.get(reverse("egm:participant-export", args=[meeting.pk]))
    assert export.status_code == 200 and "Ama Mensah" not in export.content.decode()


def test_the_secretariat_page_lists_names(staff_client, meeting):
    body = staff_client.get(reverse("egm:meeting-detail", args=[meeting.pk])).content.decode()
    assert "Ama Mensah" in body
