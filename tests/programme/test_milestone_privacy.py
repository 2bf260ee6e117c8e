"""What milestones tell about the records they carry the date of: a review's reviewer only
where `roadmaps.rules.reviewer_names_visible` allows (blind review), and nothing of a private
meeting to the owner of one of its action items."""

from __future__ import annotations

import pytest
from django.urls import reverse

from programme.choices import MilestoneKind
from roadmaps.choices import VersionStatus
from tests.api.conftest import token_client
from tests.factories import (
    MilestoneFactory,
    ReviewAssignmentFactory,
    RoadmapVersionFactory,
    UserFactory,
    api_token_for,
    national_roadmap,
)

pytestmark = pytest.mark.django_db
MILESTONES = "/api/v1/milestones/"


@pytest.fixture
def review(ghana):
    """Ghana's submitted draft, reviewed by "Rita Reviewer"; its due date is in Ghana."""
    version = RoadmapVersionFactory(roadmap=national_roadmap(ghana), status=VersionStatus.SUBMITTED)
    reviewer = UserFactory(roles=["reviewer"], first_name="Rita", last_name="Reviewer")
    return ReviewAssignmentFactory(
        version=version,
        reviewer=reviewer,
        milestone=MilestoneFactory(kind=MilestoneKind.REVIEW, country=ghana, title="Review due"),
    )


def _session_api(client, url, **params):
    return client.get(url, params).json()


def test_the_countrys_focal_point_does_not_see_who_reviews(focal_point_client, review):
    reviewer = review.reviewer
    for name in ("programme:milestone-list", "programme:timeline"):
        body = focal_point_client.get(reverse(name)).content.decode()
        assert "Review due" in body, name  # the milestone itself is theirs to see
        assert "Rita Reviewer" not in body, name
    row = focal_point_client.get(f"{MILESTONES}{review.milestone_id}/").json()
    assert row["owners"] == []
    listed = focal_point_client.get(MILESTONES).json()["results"]
    assert [r["owners"] for r in listed if r["id"] == review.milestone_id] == [[]]
    export = focal_point_client.get(f"{MILESTONES}export/", {"format": "json"})
    assert b"".join(export.streaming_content).count(b'"owners": []') >= 1
    # Filtering by the reviewer finds nothing, as for someone who owns nothing.
    by_owner = focal_point_client.get(MILESTONES, {"owner": reviewer.pk})
    by_nobody = focal_point_client.get(MILESTONES, {"owner": 999999})
    assert by_owner.status_code == by_nobody.status_code
    assert by_owner.json() == by_nobody.json()


def test_names_show_when_the_secretariat_shows_them(focal_point_client, review):
    from tests.factories import finalised_assessment

    finalised_assessment(review.version, {1: 3}, show_reviewer_names=True)
    row = focal_point_client.get(f"{MILESTONES}{review.milestone_id}/").json()
    assert row["owners"] == [review.reviewer_id]


def test_the_reviewer_and_the_secretariat_see_the_owner(staff_client, review):
    reviewer_client = token_client(api_token_for(review.reviewer)[1])
    assert reviewer_client.get(f"{MILESTONES}{review.milestone_id}/").json()["owners"] == [
        review.reviewer_id
    ]
    body = staff_client.get(reverse("programme:milestone-list")).content.decode()
    assert "Rita Reviewer" in body


# --- Action items of a meeting still being planned ------------------------------------------


@pytest.fixture
def private_action(db):
    from tests.factories import MeetingFactory, action_item

    meeting = MeetingFactory(is_public=False, title="Confidential planning retreat")
    owner = UserFactory(roles=["reviewer"])
    return action_item(meeting, owner=owner, title="Draft the concept note")


def test_the_owner_reads_the_action_but_not_the_private_meeting(private_action):
    from django.test import Client

    owner = private_action.owner
    api = token_client(api_token_for(owner)[1])
    for url in (MILESTONES, f"{MILESTONES}{private_action.milestone_id}/"):
        body = api.get(url).content.decode()
        assert "Draft the concept note" in body, url
        assert "Confidential planning retreat" not in body, url
    export = api.get(f"{MILESTONES}export/", {"format": "csv"})
    assert b"Confidential planning retreat" not in b"".join(export.streaming_content)
    action = api.get(f"/api/v1/meeting-actions/{private_action.pk}/")
    assert action.status_code == 200
    assert action.json()["meeting"] is None and action.json()["title"] == "Draft the concept note"
    # ...and reports progress on it, through the API and on its page.
    assert (
        api.patch(
            f"/api/v1/meeting-actions/{private_action.pk}/",
            {"status": "in_progress"},
            content_type="application/json",
        ).status_code
        == 200
    )
    web = Client()
    web.force_login(owner)
    page = web.get(reverse("egm:action-detail", args=[private_action.pk]))
    assert page.status_code == 200
    assert "Confidential planning retreat" not in page.content.decode()
    assert reverse("egm:meeting-detail", args=[private_action.meeting_id]) not in (
        page.content.decode()
    )
    done = web.post(reverse("egm:action-status", args=[private_action.pk]), {"status": "done"})
    assert done.status_code == 302
    assert web.get(done["Location"]).status_code == 200
    private_action.refresh_from_db()
    assert private_action.status == "done"
    for name in ("programme:milestone-list", "programme:timeline", "programme:dashboard"):
        assert "Confidential planning retreat" not in web.get(reverse(name)).content.decode()


def test_someone_else_gets_the_same_404_as_for_no_action(private_action):
    other = token_client(api_token_for(UserFactory(roles=["reviewer"]))[1])
    hidden = other.get(f"/api/v1/meeting-actions/{private_action.pk}/")
    unknown = other.get("/api/v1/meeting-actions/999999/")
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json() == unknown.json()
