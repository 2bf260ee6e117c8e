"""The meetings API: rows outside scope are absent, bad input is a 400 with field errors and
saves nothing, and the import works through the same service as the page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from egm.models import ActionItem, Document, Outcome, PlanningComment
from guidebook.choices import EditionStatus
from programme.models import Milestone
from tests.api.conftest import token_client
from tests.factories import (
    ChapterFactory,
    GuidebookEditionFactory,
    MeetingFactory,
    ParticipantFactory,
    api_token_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_api(secretariat_user):
    return token_client(api_token_for(secretariat_user)[1])


@pytest.fixture
def partner_api(partner_user):
    return token_client(api_token_for(partner_user)[1])


def _ids(client, url, **params):
    return {row["id"] for row in client.get(url, params).json()["results"]}


def test_records_of_meetings_being_planned_are_absent_for_those_outside(
    partner_api, reviewer_client, advisory_client, staff_api, advisory_user
):
    public, planning = MeetingFactory(is_public=True), MeetingFactory(is_public=False)
    seen = ParticipantFactory(meeting=public)
    hidden = ParticipantFactory(meeting=planning)
    comment = PlanningComment.objects.create(meeting=planning, author=advisory_user, body="Hm")
    url = "/api/v1/meeting-participants/"
    # Names are the secretariat's only (egm.rules.participant_names_visible).
    assert _ids(partner_api, url) == set()
    assert _ids(reviewer_client, url) == set()
    assert _ids(advisory_client, url) == set()
    assert _ids(staff_api, url) == {seen.pk, hidden.pk}
    # Filtering on the hidden meeting's id answers like an unknown id: nothing.
    assert _ids(reviewer_client, url, meeting=planning.pk) == set()
    assert _ids(reviewer_client, url, meeting=999999) == set()
    comments = "/api/v1/meeting-comments/"
    assert _ids(partner_api, comments) == set() and _ids(reviewer_client, comments) == set()
    assert _ids(advisory_client, comments) == {comment.pk}
    meetings = "/api/v1/meetings/"
    assert planning.pk not in _ids(partner_api, meetings)
    assert planning.pk in _ids(advisory_client, meetings)


def test_an_outcomes_links_follow_each_models_scoping(staff_api, reviewer_client):
    outcome = Outcome.objects.create(meeting=MeetingFactory(), title="Outline refined")
    public = ChapterFactory(edition=GuidebookEditionFactory(status=EditionStatus.PUBLISHED))
    draft = ChapterFactory(edition=GuidebookEditionFactory(status=EditionStatus.DRAFTING))
    outcome.chapters.add(public, draft)
    url = f"/api/v1/meeting-outcomes/{outcome.pk}/"
    assert set(staff_api.get(url).json()["chapters"]) == {public.pk, draft.pk}
    assert reviewer_client.get(url).json()["chapters"] == [public.pk]


def test_bad_input_is_a_400_and_saves_nothing(staff_api, secretariat_user):
    meeting = MeetingFactory()
    milestones = Milestone.objects.count()
    response = staff_api.post(
        "/api/v1/meeting-actions/",
        {"meeting": meeting.pk, "title": "No owner", "due_on": "2030-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "owner" in response.json()["error"]["fields"]
    assert (ActionItem.objects.count(), Milestone.objects.count()) == (0, milestones)

    response = staff_api.post(
        "/api/v1/meeting-sessions/",
        {
            "meeting": meeting.pk,
            "title": "Late",
            "day": "2020-01-01",
            "start_time": "09:00",
            "end_time": "10:00",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "day" in response.json()["error"]["fields"]

    response = staff_api.post(
        "/api/v1/meeting-documents/",
        {"meeting": meeting.pk, "kind": "minutes", "title": "M", "body": "<script>x</script>"},
    )
    assert response.status_code == 400
    assert "body" in response.json()["error"]["fields"]
    assert not Document.objects.exists()

    response = staff_api.post(
        "/api/v1/meetings/",
        {
            "kind": "egm",
            "title": "Backwards",
            "status": "planned",
            "start_date": "2030-02-02",
            "end_date": "2030-02-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "end_date" in response.json()["error"]["fields"]


def test_import_through_the_api(staff_api, reference_data):
    meeting = MeetingFactory(upcoming=True)
    url = f"/api/v1/meetings/{meeting.pk}/participants-import/"
    csv = b"name,level\nGood One,expert\nBad One,guru\n"

    def upload(mode, data=csv, name="l.csv"):
        return staff_api.post(url, {"file": SimpleUploadedFile(name, data), "mode": mode})

    preview = upload("preview").json()
    assert (preview["good"], preview["bad"], preview["created"]) == (1, 1, 0)
    assert preview["rows"][1] == {"line": 3, "ok": False, "errors": preview["rows"][1]["errors"]}
    assert "level" in preview["rows"][1]["errors"]
    refused = upload("all_or_nothing")
    assert refused.status_code == 400 and not meeting.participants.exists()
    assert upload("good_rows").json()["created"] == 1
    assert list(meeting.participants.values_list("full_name", flat=True)) == ["Good One"]
    wrong = upload("preview", data=b"%PDF-1.4\x00\x01", name="l.pdf")
    assert wrong.status_code == 400 and "file" in wrong.json()["error"]["fields"]


def test_an_owner_reports_progress_through_the_api(advisory_client, advisory_user):
    from tests.factories import action_item

    item = action_item(MeetingFactory(), owner=advisory_user)
    url = f"/api/v1/meeting-actions/{item.pk}/"
    response = advisory_client.patch(url, {"status": "done"}, content_type="application/json")
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == "done" and item.milestone.status == "done"
    moved = advisory_client.patch(url, {"due_on": "2031-01-01"}, content_type="application/json")
    assert moved.status_code == 403
