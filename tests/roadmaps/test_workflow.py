"""The review workflow's rules, each asked in one place (roadmaps.rules) by the services and
the pages alike: issue 9's items 1-9, one test (or more) per item."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from base.errors import IllegalTransition, NotPermitted
from programme.choices import Role
from roadmaps import rules
from roadmaps.choices import VersionStatus
from roadmaps.models import RoadmapVersion, VersionTransition
from roadmaps.services import (
    review_assignment_create,
    roadmap_version_transition,
)
from tests.factories import (
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    UserFactory,
    finalised_assessment,
    review_scores,
)

pytestmark = pytest.mark.django_db


def ALL_TEN_AT(score):
    return dict.fromkeys(range(1, 11), score)


@pytest.fixture(autouse=True)
def _no_mail_queue(monkeypatch):
    from programme import tasks

    monkeypatch.setattr(tasks.send_outbox_email, "delay", lambda *a, **k: None)


@pytest.fixture
def under_review(ghana):
    return RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, status=VersionStatus.UNDER_REVIEW
    )


# --- 1. Accepting needs a finalised assessment, or an override with its reason --------------


def test_accepting_without_a_finalised_assessment_needs_a_recorded_reason(
    under_review, secretariat_user
):
    with pytest.raises(IllegalTransition) as refused:
        roadmap_version_transition(
            actor=secretariat_user, version=under_review, to_status=VersionStatus.ACCEPTED
        )
    assert refused.value.code == "reason_required"
    assert RoadmapVersion.objects.get(pk=under_review.pk).status == VersionStatus.UNDER_REVIEW
    move = roadmap_version_transition(
        actor=secretariat_user,
        version=under_review,
        to_status=VersionStatus.ACCEPTED,
        comment="The EGM reviewed it in session; no written review was possible.",
    )
    assert move.override and "EGM" in move.comment


def test_accepting_a_finalised_assessment_is_no_override(under_review, secretariat_user):
    finalised_assessment(under_review, ALL_TEN_AT(2))
    move = roadmap_version_transition(
        actor=secretariat_user, version=under_review, to_status=VersionStatus.ACCEPTED
    )
    assert not move.override


def test_the_version_page_offers_accept_only_as_an_override_until_assessed(
    under_review, staff_client
):
    url = reverse("roadmaps:version-detail", args=[under_review.pk])
    page = staff_client.get(url).content.decode()
    assert "Accept without a finalised assessment" in page
    assert ">Accept</button>" not in page
    finalised_assessment(under_review, ALL_TEN_AT(2))
    page = staff_client.get(url).content.decode()
    assert ">Accept</button>" in page
    assert "Accept without a finalised assessment" not in page


ROLES = ["secretariat_user", "focal_point_user", "other_focal_point_user", "reviewer_user"]


@pytest.mark.parametrize("status", VersionStatus.values)
@pytest.mark.parametrize("role", ROLES)
def test_the_page_offers_exactly_the_moves_the_service_accepts(request, ghana, role, status):
    user = request.getfixturevalue(role)
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=status, created_by=user
    )
    ReviewAssignmentFactory(version=version, reviewer=UserFactory(roles=[Role.REVIEWER]))
    offered = {m.to_status: m for m in rules.version_allowed_moves(user, version)}
    for to_status in VersionStatus.values:
        fresh = RoadmapVersion.objects.get(pk=version.pk)
        try:
            with transaction.atomic():
                roadmap_version_transition(
                    actor=user, version=fresh, to_status=to_status, comment="Because."
                )
                raise _Rollback
        except _Rollback:
            accepted = True
        except (IllegalTransition, NotPermitted):
            accepted = False
        assert accepted == (to_status in offered), (role, status, to_status)


class _Rollback(Exception):
    pass


# --- 2. Reviewers reach the draft they must score -----------------------------------------


def test_an_assigned_reviewer_reaches_the_roadmap_version_and_file(
    reviewer_client, reviewer_user, ghana
):
    assignment = ReviewAssignmentFactory(
        version=RoadmapVersionFactory(
            roadmap=RoadmapFactory(country=ghana), status=VersionStatus.SUBMITTED
        ),
        reviewer=reviewer_user,
    )
    version = assignment.version
    review_page = reviewer_client.get(reverse("roadmaps:review-edit", args=[assignment.pk]))
    for name, pk in [
        ("roadmaps:version-download", version.pk),
        ("roadmaps:version-detail", version.pk),
        ("roadmaps:roadmap-detail", version.roadmap_id),
    ]:
        url = reverse(name, args=[pk])
        assert f'href="{url}"' in review_page.content.decode()
        assert reviewer_client.get(url).status_code == 200, name
    stranger = UserFactory(roles=[Role.REVIEWER])
    reviewer_client.force_login(stranger)
    assert (
        reviewer_client.get(
            reverse("roadmaps:roadmap-detail", args=[version.roadmap_id])
        ).status_code
        == 404
    )


# --- 3. The focal point is told before a refused submit -------------------------------------


def test_a_focal_point_is_warned_instead_of_offered_a_submit_that_fails(
    ghana, focal_point_client, focal_point_user
):
    roadmap = RoadmapFactory(country=ghana)
    RoadmapVersionFactory(roadmap=roadmap, number=3, status=VersionStatus.SUBMITTED)
    draft = RoadmapVersionFactory(roadmap=roadmap, number=4, created_by=focal_point_user)
    upload = focal_point_client.get(reverse("roadmaps:version-upload", args=[roadmap.pk]))
    assert "Version 3 of this roadmap is with the secretariat" in upload.content.decode()
    page = focal_point_client.get(reverse("roadmaps:version-detail", args=[draft.pk]))
    text = page.content.decode()
    assert "Version 3 of this roadmap is already with the secretariat" in text
    assert "Submit to the secretariat" not in text


# --- 4. The assessment page never loses what was typed -------------------------------------


def test_finalising_before_saving_keeps_the_summary_and_comments(staff_client, ghana):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.SUBMITTED
    )
    first = ReviewAssignmentFactory(version=version)
    second = ReviewAssignmentFactory(version=version)
    review_scores(first, ALL_TEN_AT(2) | {1: 0})
    review_scores(second, ALL_TEN_AT(2) | {1: 4})
    data = {"action": "finalise", "summary": "A careful summary for Ghana."}
    for n in range(1, 11):
        data |= {f"c{n}-score": "2", f"c{n}-comment": f"Comment number {n}."}
    data["c1-comment"] = ""  # criterion 1 needs moderation: the refusal must keep the rest
    url = reverse("roadmaps:version-assessment", args=[version.pk])
    response = staff_client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "record the moderation in a comment" in text
    assert "A careful summary for Ghana." in text
    assert "Comment number 7." in text
    assert not version.assessment.scores.exists()  # nothing half-saved


# --- 5. The list of smaller holes ------------------------------------------------------------


def test_assigning_a_reviewer_puts_the_version_under_review(secretariat_user, ghana):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.SUBMITTED
    )
    review_assignment_create(
        actor=secretariat_user,
        version=version,
        reviewer=UserFactory(roles=[Role.REVIEWER]),
        due_on=dt.date.today() + dt.timedelta(days=7),
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.UNDER_REVIEW
    assert VersionTransition.objects.filter(
        version=version, to_status=VersionStatus.UNDER_REVIEW, actor=secretariat_user
    ).exists()


def test_the_assign_form_gives_way_once_every_reviewer_is_assigned(staff_client, ghana):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.SUBMITTED
    )
    url = reverse("roadmaps:version-assessment", args=[version.pk])
    from programme.models import User

    for reviewer in User.objects.filter(groups__name=Role.REVIEWER):
        ReviewAssignmentFactory(version=version, reviewer=reviewer)
    ReviewAssignmentFactory(version=version)
    text = staff_client.get(url).content.decode()
    assert "Everyone with the reviewer role is assigned" in text
    assert "Assign and notify" not in text
    # The page leads back to its version.
    assert f'href="{reverse("roadmaps:version-detail", args=[version.pk])}"' in text


def test_the_awaiting_review_card_leads_to_the_queue(staff_client, ghana, kenya):
    waiting = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.SUBMITTED
    )
    draft = RoadmapVersionFactory(roadmap=RoadmapFactory(country=kenya))
    dashboard = staff_client.get(reverse("programme:dashboard")).content.decode()
    assert f'href="{reverse("roadmaps:version-queue")}"' in dashboard
    queue = staff_client.get(reverse("roadmaps:version-queue"))
    listed = list(queue.context["object_list"])
    assert waiting in listed and draft not in listed


def test_the_queue_shows_a_focal_point_only_their_country(focal_point_client, ghana, kenya):
    own = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    other = RoadmapVersionFactory(roadmap=RoadmapFactory(country=kenya), status="submitted")
    listed = list(focal_point_client.get(reverse("roadmaps:version-queue")).context["object_list"])
    assert own in listed and other not in listed


def test_deleting_a_draft_asks_first(focal_point_client, focal_point_user, ghana):
    draft = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), created_by=focal_point_user
    )
    url = reverse("roadmaps:version-delete", args=[draft.pk])
    confirm = focal_point_client.get(url)
    assert confirm.status_code == 200 and "Delete draft version" in confirm.content.decode()
    assert RoadmapVersion.objects.filter(pk=draft.pk).exists()
    focal_point_client.post(url)
    assert not RoadmapVersion.objects.filter(pk=draft.pk).exists()


def test_an_empty_justification_says_so_once(reviewer_client, reviewer_user, ghana):
    assignment = ReviewAssignmentFactory(
        version=RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted"),
        reviewer=reviewer_user,
    )
    url = reverse("roadmaps:review-edit", args=[assignment.pk])
    response = reviewer_client.post(url, {"c2-score": "2", "c2-justification": "", "save": "1"})
    text = response.content.decode()
    assert text.count("Say why you gave this score.") == 1
    assert "cannot be blank" not in text


# --- 6. Reviewer names: one rule for the page and the API ------------------------------------


def test_reviewer_names_are_hidden_from_the_advisory_group_even_when_shown(advisory_client, ghana):
    # The advisory group reads scorecards of published versions, as every role does.
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.PUBLISHED
    )
    ReviewAssignmentFactory(
        version=version, reviewer=UserFactory(first_name="Zadie", last_name="Quill")
    )
    finalised_assessment(version, ALL_TEN_AT(2), show_reviewer_names=True)
    page = advisory_client.get(reverse("roadmaps:version-scorecard", args=[version.pk]))
    assert page.status_code == 200
    assert "Quill" not in page.content.decode()


# --- 7. The draft's download: one rule and the same headers on the page and the API ----------


def test_the_api_lets_an_assigned_reviewer_download_with_the_pages_headers(ghana, reviewer_user):
    from rest_framework.test import APIClient

    assignment = ReviewAssignmentFactory(
        version=RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted"),
        reviewer=reviewer_user,
    )
    api = APIClient()
    api.force_authenticate(reviewer_user)
    response = api.get(f"/api/v1/roadmap-versions/{assignment.version_id}/file/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


# --- 8. One secretariat check -----------------------------------------------------------------


def test_a_non_secretariat_assigning_gets_the_shared_403(focal_point_user, ghana):
    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    with pytest.raises(NotPermitted) as refused:
        review_assignment_create(
            actor=focal_point_user,
            version=version,
            reviewer=UserFactory(roles=[Role.REVIEWER]),
            due_on=dt.date.today(),
        )
    assert refused.value.http_status == 403


def test_roadmaps_has_no_secretariat_error_of_its_own():
    import roadmaps.errors
    import roadmaps.services

    assert not hasattr(roadmaps.services, "NotSecretariat")
    assert not hasattr(roadmaps.errors, "NotSecretariat")


# --- 14. What is published is published for every role ----------------------------------------


@pytest.mark.parametrize(
    "client_name", ["focal_point_client", "other_focal_point_client", "reviewer_client"]
)
def test_every_role_reads_a_published_scorecard(request, client_name, kenya):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=kenya), status=VersionStatus.PUBLISHED
    )
    finalised_assessment(version, ALL_TEN_AT(3))
    client = request.getfixturevalue(client_name)
    url = reverse("roadmaps:version-scorecard", args=[version.pk])
    assert client.get(url).status_code == 200


# --- 13. A filter that crosses into roadmaps reads only readable roadmaps --------------------


def test_the_pilot_sdg_filter_does_not_reveal_an_unpublished_roadmaps_sdgs(ghana, partner_user):
    from rest_framework.test import APIClient

    from pilots.models import Pilot
    from roadmaps.models import Goal, RoadmapGoal
    from tests.factories import PilotFactory

    PilotFactory(country=ghana)
    draft_map = RoadmapFactory(country=ghana)
    RoadmapVersionFactory(roadmap=draft_map)  # a draft only: nothing about it is public
    goal = Goal.objects.get(number=9)
    RoadmapGoal.objects.create(roadmap=draft_map, goal=goal)
    api = APIClient()
    api.force_authenticate(partner_user)
    response = api.get("/api/v1/pilots/", {"sdg": goal.pk})
    assert response.status_code == 200, response.content
    assert Pilot.objects.filter(country=ghana).exists()
    assert response.json()["results"] == []
