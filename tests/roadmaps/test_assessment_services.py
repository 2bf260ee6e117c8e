"""Assigning, reviewing, consolidating and finalising: rules, blind review and audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from base.errors import DomainError, NotPermitted
from programme.choices import MilestoneKind, MilestoneStatus, Role
from programme.models import OutboxEmail
from programme.outbox import outbox_send
from roadmaps import services as svc
from roadmaps.choices import AssessmentStatus, ReviewStatus, VersionStatus
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    ReviewScore,
    RoadmapVersion,
    Rubric,
    ScoreChange,
)
from roadmaps.selectors import assessment_scorecard_get, review_peer_reviews
from tests.factories import (
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    UserFactory,
    finalised_assessment,
    review_scores,
)

pytestmark = pytest.mark.django_db

ALL_TWO = dict.fromkeys(range(1, 11), 2)


def full(score=2, overrides=None):
    values = {
        n: {"score": score, "justification": f"Because of section {n}.", "evidence": f"p. {n}"}
        for n in range(1, 11)
    }
    values.update(overrides or {})
    return values


@pytest.fixture
def version(ghana):
    return RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, status=VersionStatus.SUBMITTED
    )


@pytest.fixture
def assignment(version, reviewer_user):
    return ReviewAssignmentFactory(version=version, reviewer=reviewer_user)


def test_assigning_creates_a_review_milestone_and_emails_after_commit(
    version, reviewer_user, secretariat_user, django_capture_on_commit_callbacks
):
    due = dt.date.today() + dt.timedelta(days=14)
    with django_capture_on_commit_callbacks() as callbacks:
        assignment = svc.review_assignment_create(
            actor=secretariat_user, version=version, reviewer=reviewer_user, due_on=due
        )
    assert len(callbacks) == 1  # queued only once the assignment is committed
    assert assignment.milestone.kind == MilestoneKind.REVIEW
    assert list(assignment.milestone.owners.all()) == [reviewer_user]
    assert assignment.milestone.due_on == due
    assert assignment.review.status == ReviewStatus.DRAFT
    assessment = Assessment.objects.get(version=version)
    assert assessment.rubric.version == 2  # the newest published
    assert assignment.review.rubric == assessment.rubric
    [row] = OutboxEmail.objects.filter(recipient=reviewer_user)
    assert outbox_send(row_id=row.pk)
    assert mail.outbox[0].to == [reviewer_user.email]
    assert f"/roadmaps/reviews/{assignment.pk}/" in mail.outbox[0].body


@pytest.mark.parametrize("status", [VersionStatus.DRAFT, VersionStatus.ACCEPTED])
def test_only_submitted_versions_can_be_assigned(ghana, reviewer_user, secretariat_user, status):
    draft = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status=status)
    with pytest.raises(svc.VersionNotAssessable):
        svc.review_assignment_create(
            actor=secretariat_user,
            version=draft,
            reviewer=reviewer_user,
            due_on=dt.date.today() + dt.timedelta(days=7),
        )
    assert not Assessment.objects.exists()


def test_only_the_secretariat_assigns_and_only_reviewers_review(
    version, reviewer_user, focal_point_user, secretariat_user
):
    due = dt.date.today() + dt.timedelta(days=7)
    with pytest.raises(NotPermitted):
        svc.review_assignment_create(
            actor=reviewer_user, version=version, reviewer=reviewer_user, due_on=due
        )
    with pytest.raises(ValidationError) as exc:
        svc.review_assignment_create(
            actor=secretariat_user, version=version, reviewer=focal_point_user, due_on=due
        )
    assert "reviewer" in exc.value.message_dict
    assert not version.assignments.exists()


def test_a_draft_may_be_partial_and_is_saved_with_an_audit_trail(assignment, reviewer_user):
    svc.review_save(
        actor=reviewer_user,
        review=assignment.review,
        scores={1: {"score": 3, "justification": "Sound diagnosis.", "evidence": "§2"}},
    )
    row = ReviewScore.objects.get(review=assignment.review)
    assert (row.criterion.number, row.score, row.evidence) == (1, 3, "§2")
    svc.review_save(
        actor=reviewer_user,
        review=assignment.review,
        scores={1: {"score": 2, "justification": "Sound diagnosis.", "evidence": "§2"}},
    )
    changes = ScoreChange.objects.filter(review=assignment.review, field="score")
    assert [(c.old_value, c.new_value, c.actor) for c in changes] == [
        ("3", "2", reviewer_user),
        ("", "3", reviewer_user),
    ]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"score": 5, "justification": "x"}, "4.score"),
        ({"score": -1, "justification": "x"}, "4.score"),
        ({"score": 3, "justification": "  "}, "4.justification"),
        ({"score": 3, "insufficient_information": True, "justification": "x"}, "4.score"),
        ({"justification": "only words"}, "4.score"),
    ],
)
def test_bad_scores_are_refused_and_nothing_is_saved(assignment, reviewer_user, values, field):
    scores = {1: {"score": 2, "justification": "Fine."}, 4: values}
    with pytest.raises(ValidationError) as exc:
        svc.review_save(actor=reviewer_user, review=assignment.review, scores=scores)
    assert field in exc.value.message_dict
    assert not ReviewScore.objects.exists()
    assert not ScoreChange.objects.exists()


def test_submitting_needs_every_criterion_then_locks_the_review(assignment, reviewer_user):
    partial = full()
    del partial[10]
    with pytest.raises(ValidationError) as exc:
        svc.review_save(actor=reviewer_user, review=assignment.review, scores=partial, submit=True)
    assert "10.score" in exc.value.message_dict
    assert not ReviewScore.objects.exists()
    insufficient = {"insufficient_information": True, "justification": "Not covered."}
    review = svc.review_save(
        actor=reviewer_user,
        review=assignment.review,
        scores=full(overrides={10: insufficient}),
        submit=True,
    )
    assert review.status == ReviewStatus.SUBMITTED
    assert review.submitted_at is not None
    assignment.milestone.refresh_from_db()
    assert assignment.milestone.status == MilestoneStatus.DONE
    with pytest.raises(svc.ReviewLocked):
        svc.review_save(actor=reviewer_user, review=assignment.review, scores=full(score=4))
    assert set(ReviewScore.objects.values_list("score", flat=True)) == {2, None}


def test_reviewing_a_version_not_assigned_to_you_is_refused(assignment):
    stranger = UserFactory(roles=[Role.REVIEWER])
    with pytest.raises(svc.NotYourReview) as exc:
        svc.review_save(actor=stranger, review=assignment.review, scores=full())
    assert isinstance(exc.value, DomainError)
    assert exc.value.code == "not_your_review"
    assert not ReviewScore.objects.exists()


def test_blind_review_hides_others_scores_until_your_own_is_submitted(version, reviewer_user):
    mine = ReviewAssignmentFactory(version=version, reviewer=reviewer_user)
    other = ReviewAssignmentFactory(version=version)
    review_scores(other, ALL_TWO)
    assert review_peer_reviews(user=reviewer_user, assignment=mine) == []
    svc.review_save(actor=reviewer_user, review=mine.review, scores=full(3), submit=True)
    mine.review.refresh_from_db()
    peers = review_peer_reviews(user=reviewer_user, assignment=mine)
    assert [p.pk for p in peers] == [other.review.pk]
    # A colleague's unsubmitted draft stays hidden even then.
    third = ReviewAssignmentFactory(version=version)
    review_scores(third, ALL_TWO, submit=False)
    assert len(review_peer_reviews(user=reviewer_user, assignment=mine)) == 1


def test_consolidation_waits_for_every_review(version, secretariat_user):
    first = ReviewAssignmentFactory(version=version)
    ReviewAssignmentFactory(version=version)
    review_scores(first, ALL_TWO)
    assessment = Assessment.objects.get(version=version)
    with pytest.raises(svc.ReviewsMissing):
        svc.assessment_scores_set(
            actor=secretariat_user, assessment=assessment, scores={1: {"score": 2}}
        )
    with pytest.raises(svc.ReviewsMissing):
        svc.assessment_finalise(actor=secretariat_user, assessment=assessment)
    assert not ConsolidatedScore.objects.exists()


def test_spread_of_two_is_flagged_and_needs_a_moderation_comment(version, secretariat_user):
    a, b = ReviewAssignmentFactory(version=version), ReviewAssignmentFactory(version=version)
    review_scores(a, ALL_TWO | {1: 1})
    review_scores(b, ALL_TWO | {1: 3})
    assessment = Assessment.objects.get(version=version)
    with pytest.raises(ValidationError) as exc:
        svc.assessment_scores_set(
            actor=secretariat_user, assessment=assessment, scores={1: {"score": 2}}
        )
    assert "1.comment" in exc.value.message_dict
    assert not ConsolidatedScore.objects.exists()
    svc.assessment_scores_set(
        actor=secretariat_user,
        assessment=assessment,
        scores={1: {"score": Decimal("2.5"), "comment": "Agreed after a call."}, 2: {"score": 2}},
    )
    first, second = ConsolidatedScore.objects.order_by("criterion__number")
    assert (first.proposed_mean, first.spread, first.needs_moderation) == (Decimal("2"), 2, True)
    assert (second.proposed_mean, second.spread, second.needs_moderation) == (
        Decimal("2"),
        0,
        False,
    )
    assert ScoreChange.objects.filter(assessment=assessment, field="score").count() == 2


def test_finalising_needs_every_criterion_then_freezes_the_scores(version, secretariat_user):
    review_scores(ReviewAssignmentFactory(version=version), ALL_TWO)
    assessment = Assessment.objects.get(version=version)
    nine = {n: {"score": 2} for n in range(1, 10)}
    svc.assessment_scores_set(actor=secretariat_user, assessment=assessment, scores=nine)
    with pytest.raises(svc.AssessmentIncomplete) as exc:
        svc.assessment_finalise(actor=secretariat_user, assessment=assessment)
    assert "10" in exc.value.message
    svc.assessment_scores_set(
        actor=secretariat_user,
        assessment=assessment,
        scores={10: {"insufficient_information": True, "comment": "Resources not costed."}},
    )
    done = svc.assessment_finalise(
        actor=secretariat_user, assessment=assessment, summary="Good start."
    )
    assert done.status == AssessmentStatus.FINALISED
    assert done.finalised_by == secretariat_user
    with pytest.raises(svc.AssessmentFinalised):
        svc.assessment_scores_set(
            actor=secretariat_user, assessment=assessment, scores={1: {"score": 4}}
        )
    assert ConsolidatedScore.objects.get(criterion__number=1).score == 2


def test_a_new_rubric_version_is_used_by_new_assessments_while_old_ones_keep_theirs(
    ghana, secretariat_user, reviewer_user
):
    roadmap = RoadmapFactory(country=ghana)
    v1 = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.RETURNED)
    old = finalised_assessment(v1, ALL_TWO)
    rubric = svc.rubric_publish_new_version(
        actor=secretariat_user,
        title="Effectiveness criteria, second edition",
        criteria_changes={1: {"short_name": "STI diagnostics", "levels": list("abcde")}},
    )
    assert rubric.version == 3  # after the reference data's v1 and v2
    assert rubric.criteria.count() == 10
    assert rubric.criteria.get(number=1).short_name == "STI diagnostics"
    assert list(rubric.criteria.get(number=1).levels.values_list("descriptor", flat=True)) == list(
        "abcde"
    )
    assert Rubric.objects.get(version=1).criteria.get(number=1).short_name == "Diagnostics"
    with pytest.raises(ValidationError):
        svc.rubric_publish_new_version(actor=secretariat_user, criteria_changes={11: {}})
    assert Rubric.objects.count() == 3
    v2 = RoadmapVersionFactory(roadmap=roadmap, number=2, status=VersionStatus.SUBMITTED)
    svc.review_assignment_create(
        actor=secretariat_user,
        version=v2,
        reviewer=reviewer_user,
        due_on=dt.date.today() + dt.timedelta(days=7),
    )
    assert Assessment.objects.get(version=v2).rubric == rubric
    old.refresh_from_db()
    assert old.rubric.version == 2
    # Versions assessed with different rubrics still compare, criterion by number.
    finalised = finalised_assessment(v2, ALL_TWO | {1: 3})
    assert finalised.rubric == rubric
    card = assessment_scorecard_get(user=secretariat_user, version_pk=v2.pk)
    assert [r.movement for r in card.rows][:2] == ["improved", "unchanged"]


def test_focal_points_see_only_finalised_feedback_on_decided_versions(
    ghana, kenya, focal_point_user
):
    own = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="under_review")
    finalised_assessment(own, ALL_TWO)
    from django.http import Http404

    with pytest.raises(Http404):
        assessment_scorecard_get(user=focal_point_user, version_pk=own.pk)
    RoadmapVersion.objects.filter(pk=own.pk).update(status=VersionStatus.RETURNED)
    card = assessment_scorecard_get(user=focal_point_user, version_pk=own.pk)
    assert card.reviewers == []  # names hidden unless the secretariat shows them
    other = RoadmapVersionFactory(roadmap=RoadmapFactory(country=kenya), status="returned")
    finalised_assessment(other, ALL_TWO)
    with pytest.raises(Http404):
        assessment_scorecard_get(user=focal_point_user, version_pk=other.pk)
