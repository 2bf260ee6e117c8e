"""Writes through the API go through the UI's services: uploads, version moves, pilot moves."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pilots.choices import PilotStatus
from pilots.models import PilotStatusChange
from roadmaps.choices import VersionStatus
from roadmaps.models import RoadmapVersion, VersionTransition
from tests.factories import (
    MINIMAL_PDF,
    PilotFactory,
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
)

pytestmark = pytest.mark.django_db


def _pdf(name: str = "draft.pdf", data: bytes = MINIMAL_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/pdf")


def _stored_files(settings) -> list[Path]:
    return [p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.fixture
def ghana_map(ghana):
    return RoadmapFactory(country=ghana)


def test_a_focal_point_uploads_and_submits_a_draft(focal_point_client, focal_point_user, ghana_map):
    response = focal_point_client.post(
        "/api/v1/roadmap-versions/",
        {"roadmap": ghana_map.pk, "file": _pdf("Ghana v1.pdf"), "change_summary": "First draft"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    version = RoadmapVersion.objects.get(pk=body["id"])
    assert (version.number, version.status, version.created_by) == (1, "draft", focal_point_user)
    assert (body["original_filename"], body["change_summary"]) == ("Ghana v1.pdf", "First draft")
    assert body["file_url"].endswith(f"/api/v1/roadmap-versions/{version.pk}/file/")

    moved = focal_point_client.post(
        f"/api/v1/roadmap-versions/{version.pk}/transition/",
        {"to_status": "submitted", "comment": "Ready"},
        content_type="application/json",
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["status"] == "submitted" and moved.json()["submitted_at"]
    last = VersionTransition.objects.filter(version=version).first()
    assert (last.to_status, last.actor, last.comment) == ("submitted", focal_point_user, "Ready")


def test_a_refused_file_is_a_400_on_file_and_stores_nothing(
    focal_point_client, ghana_map, settings
):
    response = focal_point_client.post(
        "/api/v1/roadmap-versions/",
        {"roadmap": ghana_map.pk, "file": _pdf("notes.pdf", b"just some text")},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "PDF" in " ".join(error["fields"]["file"])
    assert not RoadmapVersion.objects.exists()
    assert _stored_files(settings) == []


def test_uploads_to_a_roadmap_outside_ones_scope(
    other_focal_point_client, focal_point_client, ghana_map, kenya
):
    # Kenya's focal point cannot see Ghana's unpublished roadmap: the same answer as a missing id.
    hidden = other_focal_point_client.post(
        "/api/v1/roadmap-versions/", {"roadmap": ghana_map.pk, "file": _pdf()}
    )
    missing = other_focal_point_client.post(
        "/api/v1/roadmap-versions/", {"roadmap": ghana_map.pk + 100000, "file": _pdf()}
    )
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["error"]["fields"]["roadmap"] == [
        f'Invalid pk "{ghana_map.pk}" - object does not exist.'
    ]
    assert missing.json()["error"]["fields"]["roadmap"] == [
        f'Invalid pk "{ghana_map.pk + 100000}" - object does not exist.'
    ]
    # Ghana's focal point sees Kenya's published roadmap but may not add drafts to it.
    kenya_map = RoadmapFactory(country=kenya)
    RoadmapVersionFactory(roadmap=kenya_map, status=VersionStatus.PUBLISHED)
    refused = focal_point_client.post(
        "/api/v1/roadmap-versions/", {"roadmap": kenya_map.pk, "file": _pdf()}
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "not_permitted"


def _move(client, version, to_status, comment=""):
    return client.post(
        f"/api/v1/roadmap-versions/{version.pk}/transition/",
        {"to_status": to_status, "comment": comment},
        content_type="application/json",
    )


def test_illegal_and_unexplained_moves_are_409s(staff_api_client, ghana_map):
    version = RoadmapVersionFactory(roadmap=ghana_map, status=VersionStatus.SUBMITTED)
    illegal = _move(staff_api_client, version, "published")
    assert illegal.status_code == 409
    assert illegal.json()["error"]["code"] == "illegal_transition"
    unexplained = _move(staff_api_client, version, "returned")
    assert unexplained.status_code == 409
    assert unexplained.json()["error"]["code"] == "reason_required"
    assert _move(staff_api_client, version, "returned", "Say more on SDG 9.").status_code == 200
    version.refresh_from_db()
    assert version.status == VersionStatus.RETURNED
    bad = _move(staff_api_client, version, "approved")
    assert bad.status_code == 400 and "to_status" in bad.json()["error"]["fields"]


def test_only_the_secretariat_moves_a_version_beyond_submission(
    focal_point_client, reviewer_client, reviewer_user, ghana_map
):
    version = RoadmapVersionFactory(roadmap=ghana_map, status=VersionStatus.UNDER_REVIEW)
    ReviewAssignmentFactory(version=version, reviewer=reviewer_user)
    own = _move(focal_point_client, version, "accepted")
    assert own.status_code == 403
    # The reviewer assigned to the version reads it, and may not decide on it.
    assert reviewer_client.get(f"/api/v1/roadmap-versions/{version.pk}/").status_code == 200
    assert _move(reviewer_client, version, "accepted").status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.UNDER_REVIEW


def test_the_secretariat_moves_a_pilot_with_a_reason(staff_api_client, secretariat_user, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACCEPTED)
    response = staff_api_client.post(
        f"/api/v1/pilots/{pilot.pk}/transition/",
        {"to_status": "active", "reason": "Task team in place"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "active"
    change = PilotStatusChange.objects.get(pilot=pilot)
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        "accepted",
        "active",
        secretariat_user,
        "Task team in place",
    )
    again = staff_api_client.post(
        f"/api/v1/pilots/{pilot.pk}/transition/",
        {"to_status": "active"},
        content_type="application/json",
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "illegal_transition"


def test_focal_points_do_not_move_pilots(focal_point_client, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACCEPTED)
    response = focal_point_client.post(
        f"/api/v1/pilots/{pilot.pk}/transition/",
        {"to_status": "active"},
        content_type="application/json",
    )
    assert response.status_code == 403
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.ACCEPTED


def test_a_second_draft_while_one_is_pending_is_a_409(focal_point_client, ghana_map):
    RoadmapVersionFactory(roadmap=ghana_map, status=VersionStatus.UNDER_REVIEW)
    draft = RoadmapVersionFactory(roadmap=ghana_map)
    response = _move(focal_point_client, draft, "submitted")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "another_version_pending"
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
