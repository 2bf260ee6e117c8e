"""A meeting's page is kept per reader's scope and language until a write to what it shows:
read again, it runs fewer queries; a meeting hidden from a reader stays a 404 for them
whoever's copy is kept; a new session shows on the next read."""

import pytest
from django.urls import reverse

from tests.factories import AgendaSessionFactory, MeetingFactory
from tests.programme.test_cache_language import settle
from tests.querycount import counted
from tests.workprogramme.test_page_scale import _unmasked

pytestmark = pytest.mark.django_db


def test_a_meeting_page_is_kept_per_reader_and_shows_a_new_session_at_once(
    staff_client, focal_point_client
):
    meeting = MeetingFactory(title="Planning meeting, not public", is_public=False)
    url = reverse("egm:meeting-detail", args=[meeting.pk])
    settle()
    first, page = counted(lambda: staff_client.get(url).content.decode())
    again, kept = counted(lambda: staff_client.get(url).content.decode())
    assert again < first, (again, first)
    assert _unmasked(kept) == _unmasked(page) and "No agenda yet." in kept
    # A reader who may not see the meeting gets no copy of it.
    assert focal_point_client.get(url).status_code == 404
    AgendaSessionFactory(meeting=meeting, title="Opening and aims of the meeting")
    settle()
    assert "Opening and aims of the meeting" in staff_client.get(url).content.decode()
