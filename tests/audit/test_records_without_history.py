"""Records that kept no history rows (made with bulk_create, or older than the history) still
open for the secretariat: their pages show an empty history, never an error."""

import pytest
from django.urls import reverse

from audit.selectors import record_history
from egm.models import Meeting
from roadmaps.models import RoadmapVersion
from tests.factories import MeetingFactory, RoadmapFactory, RoadmapVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulk_meeting():
    (meeting,) = Meeting.objects.bulk_create([MeetingFactory.build(title="Bulk-loaded meeting")])
    assert not meeting.history.exists()
    return meeting


@pytest.fixture
def bulk_version(ghana):
    roadmap = RoadmapFactory(country=ghana)
    built = RoadmapVersionFactory.build(roadmap=roadmap, number=1)
    built.created_by.save()
    built.created_by_id = built.created_by.pk
    (version,) = RoadmapVersion.objects.bulk_create([built])
    assert not version.history.exists()
    return version


def test_no_history_rows_give_an_empty_history(secretariat_user, bulk_meeting):
    assert record_history(user=secretariat_user, obj=bulk_meeting) == []


def test_a_single_change_row_without_its_creation_is_shown(secretariat_user, bulk_meeting):
    # A record older than the history: its first row is a change with nothing to compare to.
    bulk_meeting.title = "Renamed"
    bulk_meeting.save()
    entries = record_history(user=secretariat_user, obj=bulk_meeting)
    assert [e.kind for e in entries] == ["Changed"]
    assert entries[0].changes == []


def test_version_page_of_a_bulk_created_version_opens(staff_client, bulk_version):
    page = staff_client.get(reverse("roadmaps:version-detail", args=[bulk_version.pk]))
    assert page.status_code == 200
    assert 'id="audit-history-heading"' not in page.content.decode()  # nothing to show


def test_meeting_page_of_a_bulk_created_meeting_opens(staff_client, bulk_meeting):
    page = staff_client.get(reverse("egm:meeting-detail", args=[bulk_meeting.pk]))
    assert page.status_code == 200
    assert "Bulk-loaded meeting" in page.content.decode()
    assert 'id="audit-history-heading"' not in page.content.decode()  # nothing to show
