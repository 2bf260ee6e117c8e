"""A review assignment is offered; the reviewer accepts, or declines with a reason or a
declared conflict of interest (which blocks the assignment); the secretariat is told by email
and assigns someone else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from base.errors import DomainError, NotPermitted
from programme.choices import MilestoneStatus, Role
from programme.models import OutboxEmail
from programme.outbox import outbox_send
from roadmaps import services as svc
from roadmaps.choices import AssignmentStatus, VersionStatus
from roadmaps.errors import NotYourReview
from tests.factories import (
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(ghana, reviewer_user):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.SUBMITTED
    )
    return ReviewAssignmentFactory(version=version, reviewer=reviewer_user)


def _declined_emails() -> list:
    mail.outbox.clear()
    for row in OutboxEmail.objects.filter(kind="roadmaps.review_declined"):
        outbox_send(row_id=row.pk)
    return list(mail.outbox)


def test_the_reviewer_accepts_with_no_conflict(assignment, reviewer_user):
    answered = svc.review_assignment_answer(
        actor=reviewer_user, assignment=assignment, accept=True, conflict="none"
    )
    assert answered.status == AssignmentStatus.ACCEPTED and answered.responded_at
    assert _declined_emails() == []
    with pytest.raises(DomainError):  # answered once
        svc.review_assignment_answer(
            actor=reviewer_user, assignment=answered, accept=False, conflict="none", reason="x"
        )


@pytest.mark.parametrize(("language", "says"), [("en", "declined to review"), ("fr", "a décliné")])
def test_a_declared_conflict_blocks_the_assignment_and_tells_the_secretariat(
    assignment, reviewer_user, secretariat_user, settings, language, says
):
    settings.LANGUAGE_CODE = language
    answered = svc.review_assignment_answer(
        actor=reviewer_user,
        assignment=assignment,
        accept=True,  # asked to accept, but the conflict blocks it
        conflict="declared",
        conflict_statement="I advised the ministry on this roadmap.",
    )
    assert answered.status == AssignmentStatus.DECLINED
    assignment.milestone.refresh_from_db()
    assert assignment.milestone.status == MilestoneStatus.CANCELLED  # no more reminders
    [message] = _declined_emails()
    assert message.to == [settings.SECRETARIAT_EMAIL]
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert says in part and "I advised the ministry" in part
        assert reverse("roadmaps:version-assessment", args=[assignment.version_id]) in part
    # A declined review cannot be scored.
    with pytest.raises(NotYourReview):
        svc.review_save(actor=reviewer_user, review=assignment.review, scores={})
    # The secretariat assigns someone else.
    other = UserFactory(roles=[Role.REVIEWER])
    svc.review_assignment_create(
        actor=secretariat_user,
        version=assignment.version,
        reviewer=other,
        due_on=dt.date.today() + dt.timedelta(days=10),
    )
    assert assignment.version.assignments.count() == 2


def test_declining_needs_a_reason_and_a_conflict_needs_its_statement(assignment, reviewer_user):
    with pytest.raises(ValidationError) as error:
        svc.review_assignment_answer(
            actor=reviewer_user, assignment=assignment, accept=False, conflict="none"
        )
    assert "decline_reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        svc.review_assignment_answer(
            actor=reviewer_user, assignment=assignment, accept=False, conflict="declared"
        )
    assert "conflict_statement" in error.value.message_dict
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_only_the_reviewer_answers(assignment, secretariat_user):
    with pytest.raises(NotPermitted):
        svc.review_assignment_answer(
            actor=secretariat_user, assignment=assignment, accept=True, conflict="none"
        )


def test_the_answer_page(client, assignment, reviewer_user):
    url = reverse("roadmaps:review-answer", args=[assignment.pk])
    client.force_login(reviewer_user)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"answer": "decline", "conflict": "none"})
    assert bad.status_code == 400
    done = client.post(url, {"answer": "decline", "conflict": "none", "reason": "On leave."})
    assert done.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.decline_reason) == ("declined", "On leave.")
    # Answered: the page sends back to the list with the reason.
    assert client.get(url).status_code == 302
