"""Writes for outside experts: people outside the programme invited by email to review one
draft, who answer and score from a personal link without an account."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from base.cache import generation_bump
from base.errors import refuse
from programme.choices import MilestoneStatus
from programme.models import Milestone, User
from roadmaps.choices import AssignmentStatus
from roadmaps.expert_links import expert_link_nonce
from roadmaps.models import Assessment, OutsideExpert, ReviewAssignment, RoadmapVersion
from roadmaps.notifications import expert_invitation_notify
from roadmaps.rules import (
    expert_assignment_withdraw_refusal,
    expert_invite_refusal,
    expert_link_resend_refusal,
)
from roadmaps.services.assessments import assignment_open


def _expert_keep(*, name: str, email: str, organisation: str, language: str) -> OutsideExpert:
    # One record per address: inviting the same person again brings their details up to date.
    email = (email or "").strip().lower()
    expert = OutsideExpert.objects.filter(email=email).first() or OutsideExpert(email=email)
    expert.name = (name or "").strip()
    expert.organisation = (organisation or "").strip()
    expert.language = language
    expert.full_clean()
    expert.save()
    return expert


@transaction.atomic
def outside_expert_invite(
    *,
    actor: User,
    version: RoadmapVersion,
    name: str,
    email: str,
    organisation: str = "",
    language: str,
    due_on: dt.date,
) -> ReviewAssignment:
    """Invite someone outside the programme to review `version` by `due_on`: they get an
    email in their language with a personal link to accept or decline, read the draft and
    score it, and become no programme user."""
    assessment = Assessment.objects.filter(version_id=version.pk).first()
    refuse(expert_invite_refusal(actor, version, assessment))
    expert = _expert_keep(name=name, email=email, organisation=organisation, language=language)
    if ReviewAssignment.objects.filter(version_id=version.pk, expert=expert).exists():
        raise ValidationError(
            {"email": gettext("This person has already been invited to review this version.")}
        )
    assignment = assignment_open(
        actor=actor, version=version, due_on=due_on, expert=expert, link_nonce=expert_link_nonce()
    )
    expert_invitation_notify(assignment=assignment)  # sent once the assignment commits
    return assignment


def _lock(assignment: ReviewAssignment) -> ReviewAssignment:
    return (
        ReviewAssignment.objects.select_for_update(of=("self",))
        .select_related("expert", "review")
        .get(pk=assignment.pk)
    )


@transaction.atomic
def expert_link_resend(*, actor: User, assignment: ReviewAssignment) -> ReviewAssignment:
    """Send the expert a new personal link; every link sent before stops working."""
    assignment = _lock(assignment)
    refuse(expert_link_resend_refusal(actor, assignment))
    assignment.link_nonce = expert_link_nonce()
    assignment.full_clean()
    assignment.save(update_fields=["link_nonce"])
    expert_invitation_notify(assignment=assignment)
    return assignment


@transaction.atomic
def expert_assignment_withdraw(*, actor: User, assignment: ReviewAssignment) -> ReviewAssignment:
    """The secretariat withdraws an outside expert's assignment before the review is in: the
    link stops working, no reminder follows, and consolidation no longer waits for it."""
    assignment = _lock(assignment)
    refuse(expert_assignment_withdraw_refusal(actor, assignment))
    assignment.status = AssignmentStatus.WITHDRAWN
    assignment.full_clean()
    assignment.save()
    Milestone.objects.filter(pk=assignment.milestone_id).update(status=MilestoneStatus.CANCELLED)
    generation_bump(Milestone)  # an update sends no signal
    return assignment
