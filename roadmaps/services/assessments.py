"""Writes for the assessment of roadmap versions against the effectiveness criteria.

Reviewers are assigned, score and submit; the secretariat consolidates and finalises. Every
score change is written to `ScoreChange` by the service that makes it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from base.cache import generation_bump
from base.errors import refuse
from programme.choices import MilestoneKind, MilestoneStatus
from programme.models import Milestone, User
from programme.services import milestone_attach
from roadmaps.choices import (
    CLOSED_ASSIGNMENT_STATUSES,
    AssessmentStatus,
    AssignmentStatus,
    ConflictOfInterest,
    ReviewStatus,
    Score,
    ScoreChangeKind,
    VersionStatus,
)
from roadmaps.errors import (
    AssessmentFinalised,
    AssessmentIncomplete,
    NoPublishedRubric,
    ReviewsMissing,
)
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Criterion,
    CriterionGroup,
    LevelDescriptor,
    Review,
    ReviewAssignment,
    ReviewScore,
    RoadmapVersion,
    Rubric,
    ScoreChange,
    VersionTransition,
)
from roadmaps.notifications import review_assignment_queue, review_declined_notify
from roadmaps.rules import (
    assessment_consolidate_refusal,
    review_assignment_answer_refusal,
    review_assignment_refusal,
    review_write_refusal,
    rubric_publish_refusal,
)
from roadmaps.scoring import propose
from roadmaps.selectors import rubric_newest_published

# The fields of a score the audit trail follows.
AUDITED_FIELDS = ("score", "insufficient_information", "justification", "evidence", "comment")


# A review milestone's title, kept as a pattern and written in the reader's language when shown
# (Milestone.display_title).
REVIEW_TITLE = gettext_noop("Review of %(version)s")


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _audit(
    *, obj, fields, old: Mapping[str, Any], actor: User | None, **target
) -> list[ScoreChange]:
    now = timezone.now()
    return [
        ScoreChange(
            field=name,
            old_value=_as_text(old.get(name)),
            new_value=_as_text(getattr(obj, name)),
            actor=actor,
            changed_at=now,
            criterion_id=obj.criterion_id,
            **target,
        )
        for name in fields
        if _as_text(old.get(name)) != _as_text(getattr(obj, name))
    ]


def _level_descriptors(criterion: Criterion, texts: list[str]) -> list[LevelDescriptor]:
    # The five-levels rule: every criterion says what each score from 0 to 4 means.
    if len(texts) != len(Score):
        raise ValidationError(
            gettext("Criterion %(number)s needs a level descriptor for each score from 0 to 4.")
            % {"number": criterion.number}
        )
    return [
        LevelDescriptor(criterion=criterion, score=score, descriptor=text)
        for score, text in zip(Score.values, texts, strict=True)
    ]


def current_rubric() -> Rubric:
    """The newest published rubric: new assessments use it, old ones keep their own."""
    rubric = rubric_newest_published()
    if rubric is None:
        raise NoPublishedRubric(gettext("No rubric has been published yet."))
    return rubric


# --- Rubric versions ----------------------------------------------------------------------


@transaction.atomic
def rubric_publish_new_version(
    *,
    actor: User,
    title: str | None = None,
    description: str | None = None,
    criteria_changes: Mapping[int, Mapping[str, Any]] | None = None,
) -> Rubric:
    """Publish a new rubric version: a copy of the current one with some criteria reworded.

    The published version is never edited, so assessments made with it keep their meaning.
    `criteria_changes` maps a criterion number to new `name`, `short_name`, `description`
    or `levels` (five texts for scores 0-4). Criteria keep their numbers across versions,
    which is how scorecards compare versions assessed with different rubrics.
    """
    refuse(rubric_publish_refusal(actor))
    base = current_rubric()
    changes = dict(criteria_changes or {})
    unknown = set(changes) - set(base.criteria.values_list("number", flat=True))
    if unknown:
        raise ValidationError(
            gettext("No criterion numbered %(numbers)s in the rubric.")
            % {"numbers": ", ".join(str(n) for n in sorted(unknown))}
        )
    next_version = (Rubric.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    rubric = Rubric(
        version=next_version,
        title=title or base.title,
        description=base.description if description is None else description,
        source=base.source,
        published_at=timezone.now(),
    )
    rubric.full_clean()
    rubric.save()
    group_map = {}
    for group in base.groups.all():
        new_group = CriterionGroup(
            rubric=rubric, code=group.code, name=group.name, order=group.order
        )
        new_group.full_clean(validate_unique=False, validate_constraints=False)
        group_map[group.pk] = new_group
    CriterionGroup.objects.bulk_create(group_map.values())
    old_criteria = list(base.criteria.prefetch_related("levels"))
    new_criteria = []
    for old in old_criteria:
        change = changes.get(old.number, {})
        criterion = Criterion(
            rubric=rubric,
            group=group_map[old.group_id],
            number=old.number,
            name=change.get("name", old.name),
            short_name=change.get("short_name", old.short_name),
            description=change.get("description", old.description),
        )
        criterion.full_clean(validate_unique=False, validate_constraints=False)
        new_criteria.append(criterion)
    Criterion.objects.bulk_create(new_criteria)
    levels = []
    for old, criterion in zip(old_criteria, new_criteria, strict=True):
        texts = changes.get(old.number, {}).get("levels") or [
            level.descriptor for level in old.levels.all()
        ]
        levels += _level_descriptors(criterion, texts)
    LevelDescriptor.objects.bulk_create(levels)
    generation_bump(CriterionGroup, Criterion, LevelDescriptor)  # bulk inserts send no signal
    return rubric


# --- Assignments ----------------------------------------------------------------------------


def expert_history_reason(assignment: ReviewAssignment) -> str:
    """What the history says of a change an outside expert made from their link (there is no
    account to name), kept in English as the history keeps its reasons."""
    return f"Outside expert: {assignment.expert.name}"


def assignment_open(
    *,
    actor: User,
    version: RoadmapVersion,
    due_on: dt.date,
    reviewer: User | None = None,
    expert=None,
    link_nonce: str = "",
) -> ReviewAssignment:
    """Ask a reviewer or an outside expert to assess a version by `due_on` (inside the
    caller's transaction, its rule already asked): opens the version's assessment (with the
    current rubric) on the first assignment, puts a submitted version under review, and keeps
    the due date on a REVIEW milestone (owned by the reviewer; an expert has no account)."""
    version = (
        RoadmapVersion.objects.select_for_update().select_related("roadmap").get(pk=version.pk)
    )
    assessment = Assessment.objects.filter(version=version).first()
    refuse(review_assignment_refusal(actor, version, assessment))
    if assessment is None:
        assessment = Assessment(version=version, rubric=current_rubric())
        assessment.full_clean()
        assessment.save()
    if version.status == VersionStatus.SUBMITTED:
        # Reviewers at work: the version is under review, for the country and the queue too.
        version.status = VersionStatus.UNDER_REVIEW
        version.full_clean()
        version.save(update_fields=["status"])
        VersionTransition.objects.create(
            version=version,
            from_status=VersionStatus.SUBMITTED,
            to_status=VersionStatus.UNDER_REVIEW,
            actor=actor,
            comment=gettext("Reviewers assigned."),
        )
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": gettext("The due date is in the past.")})
    milestone = milestone_attach(
        title=REVIEW_TITLE % {"version": version},
        title_template=REVIEW_TITLE,
        title_args={"version": str(version)},
        kind=MilestoneKind.REVIEW,
        due_on=due_on,
        owners=[reviewer] if reviewer is not None else [],
        country=version.roadmap.country,
    )
    assignment = ReviewAssignment(
        version=version,
        reviewer=reviewer,
        expert=expert,
        link_nonce=link_nonce,
        assigned_by=actor,
        milestone=milestone,
    )
    assignment.full_clean()
    assignment.save()
    review = Review(assignment=assignment, rubric=assessment.rubric)
    review.full_clean()
    review.save()
    return assignment


@transaction.atomic
def review_assignment_create(
    *, actor: User, version: RoadmapVersion, reviewer: User, due_on: dt.date
) -> ReviewAssignment:
    """Ask a reviewer to assess a submitted version by `due_on`, and tell them by email.

    Opens the version's assessment (with the current rubric) on the first assignment. The due
    date is a REVIEW milestone owned by the reviewer, so reminders find it with the others.
    """
    assignment = assignment_open(actor=actor, version=version, due_on=due_on, reviewer=reviewer)
    review_assignment_queue(assignment=assignment)  # sent once the assignment commits
    return assignment


@transaction.atomic
def review_assignment_answer(
    *,
    actor: User,
    assignment: ReviewAssignment,
    accept: bool,
    conflict: str,
    conflict_statement: str = "",
    reason: str = "",
    token: str = "",
) -> ReviewAssignment:
    """The reviewer (or an outside expert, from their personal link `token`, with no actor)
    accepts or declines an offered assignment, declaring any conflict of interest. A declared
    conflict blocks the assignment (it is declined whatever was asked); a declined
    assignment's deadline is cancelled (no reminders) and the secretariat is told, so it can
    assign someone else."""
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",))
        .select_related("milestone", "expert")
        .get(pk=assignment.pk)
    )
    refuse(review_assignment_answer_refusal(actor, assignment, token))
    blocked = conflict == ConflictOfInterest.DECLARED
    assignment.status = (
        AssignmentStatus.ACCEPTED if accept and not blocked else AssignmentStatus.DECLINED
    )
    assignment.conflict = conflict
    assignment.conflict_statement = (conflict_statement or "").strip() if blocked else ""
    assignment.decline_reason = (
        "" if assignment.status == AssignmentStatus.ACCEPTED else (reason or "").strip()
    )
    assignment.responded_at = timezone.now()
    assignment.full_clean()
    if assignment.expert_id:
        assignment._change_reason = expert_history_reason(assignment)
    assignment.save()
    if assignment.status == AssignmentStatus.DECLINED:
        Milestone.objects.filter(pk=assignment.milestone_id).update(
            status=MilestoneStatus.CANCELLED
        )
        generation_bump(Milestone)  # an update sends no signal
        review_declined_notify(assignment=assignment)
    return assignment


# --- Reviews --------------------------------------------------------------------------------


def _score_field_errors(number: int, exc: ValidationError) -> dict[str, list[str]]:
    # Errors come back per criterion so the form can show each next to its field.
    errors: dict[str, list[str]] = {}
    for name, messages in exc.message_dict.items():
        target = "score" if name in ("insufficient_information", "__all__", "criterion") else name
        errors.setdefault(f"{number}.{target}", []).extend(messages)
    return errors


@transaction.atomic
def review_save(
    *,
    actor: User | None,
    review: Review,
    scores: Mapping[int, Mapping[str, Any]],
    submit: bool = False,
    token: str = "",
) -> Review:
    """Save a reviewer's scores (criterion number -> score, insufficient_information,
    justification, evidence) as a draft, and submit the review when `submit` is set. An
    outside expert saves theirs from their personal link (`token`, no actor): the audit trail
    names them.

    A criterion left wholly empty is skipped in a draft; a submitted review needs all of them.
    Any invalid score refuses the whole save. Once submitted, a review is locked.
    """
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("assignment__reviewer", "assignment__expert")
        .get(pk=review.pk)
    )
    refuse(review_write_refusal(actor, review.assignment, token))
    expert = review.assignment.expert
    criteria = {c.number: c for c in review.rubric.criteria.all()}
    existing = {s.criterion_id: s for s in review.scores.all()}
    errors: dict[str, list[str]] = {}
    to_save: list[tuple[ReviewScore, dict[str, Any]]] = []
    to_delete: list[ReviewScore] = []
    for number, criterion in criteria.items():
        values = scores.get(number) or {}
        empty = (
            values.get("score") is None
            and not values.get("insufficient_information")
            and not (values.get("justification") or "").strip()
            and not (values.get("evidence") or "").strip()
        )
        row = existing.get(criterion.pk)
        if empty:
            if row is not None:
                to_delete.append(row)
            if submit:
                errors[f"{number}.score"] = [gettext("Score every criterion before submitting.")]
            continue
        old = {name: getattr(row, name) for name in AUDITED_FIELDS if row and hasattr(row, name)}
        row = row or ReviewScore(review=review, criterion=criterion)
        row.score = values.get("score")
        row.insufficient_information = bool(values.get("insufficient_information"))
        row.justification = (values.get("justification") or "").strip()
        row.evidence = (values.get("evidence") or "").strip()
        try:
            row.full_clean(validate_unique=False)
        except ValidationError as exc:
            errors.update(_score_field_errors(number, exc))
            continue
        to_save.append((row, old))
    if errors:
        raise ValidationError(errors)
    changes: list[ScoreChange] = []
    for row in to_delete:
        changes += _audit(
            obj=ReviewScore(criterion=row.criterion, justification="", evidence=""),
            fields=("score", "insufficient_information", "justification", "evidence"),
            old={
                n: getattr(row, n)
                for n in ("score", "insufficient_information", "justification", "evidence")
            },
            actor=actor,
            kind=ScoreChangeKind.REVIEW,
            review=review,
            expert=expert,
        )
        row.delete()
    for row, old in to_save:
        row.save()
        changes += _audit(
            obj=row,
            fields=("score", "insufficient_information", "justification", "evidence"),
            old=old,
            actor=actor,
            kind=ScoreChangeKind.REVIEW,
            review=review,
            expert=expert,
        )
    ScoreChange.objects.bulk_create(changes)
    if submit:
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = timezone.now()
        review.full_clean()
        review.save()
        if expert is not None:
            # The assignment's history says who submitted (there is no account to name).
            assignment = review.assignment
            assignment._change_reason = expert_history_reason(assignment)
            assignment.responded_at = assignment.responded_at or review.submitted_at
            assignment.save()
        # The reviewer's deadline is met: no more reminders for it.
        Milestone.objects.filter(pk=review.assignment.milestone_id).update(
            status=MilestoneStatus.DONE, completed_on=timezone.localdate()
        )
        generation_bump(Milestone)  # an update sends no signal
    return review


# --- Consolidation --------------------------------------------------------------------------


def _lock_open_assessment(assessment: Assessment) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_finalised:
        raise AssessmentFinalised(
            gettext("This assessment is finalised and can no longer be changed.")
        )
    return assessment


def _submitted_reviews_or_error(assessment: Assessment) -> list[Review]:
    # Declined and withdrawn assignments are awaited from nobody: they never hold it up.
    reviews = list(
        Review.objects.filter(assignment__version_id=assessment.version_id)
        .exclude(assignment__status__in=CLOSED_ASSIGNMENT_STATUSES)
        .select_related("assignment__reviewer", "assignment__expert")
        .prefetch_related("scores")
    )
    if not reviews:
        raise ReviewsMissing(gettext("No reviewer has been assigned to this version yet."))
    waiting = [str(r.assignment.assignee) for r in reviews if not r.is_submitted]
    if waiting:
        raise ReviewsMissing(
            gettext("Waiting for the review of %(reviewers)s.") % {"reviewers": ", ".join(waiting)}
        )
    return reviews


@transaction.atomic
def assessment_scores_set(
    *, actor: User, assessment: Assessment, scores: Mapping[int, Mapping[str, Any]]
) -> Assessment:
    """Set the consolidated score and comment per criterion (criterion number -> score,
    insufficient_information, comment) once every assigned review is submitted.

    The reviewers' mean, spread and moderation flag are recorded beside each score, so the
    decision can be read later against what the reviewers proposed.
    """
    refuse(assessment_consolidate_refusal(actor, assessment))
    assessment = _lock_open_assessment(assessment)
    reviews = _submitted_reviews_or_error(assessment)
    criteria = {c.number: c for c in assessment.rubric.criteria.all()}
    existing = {s.criterion_id: s for s in assessment.scores.all()}
    by_criterion: dict[int, list[int | None]] = {}
    for review in reviews:
        for s in review.scores.all():
            by_criterion.setdefault(s.criterion_id, []).append(s.score)
    errors: dict[str, list[str]] = {}
    to_save: list[tuple[ConsolidatedScore, dict[str, Any]]] = []
    for number, values in scores.items():
        criterion = criteria.get(number)
        if criterion is None:
            errors[f"{number}.score"] = [gettext("No such criterion in this rubric.")]
            continue
        row = existing.get(criterion.pk)
        audited = ("score", "insufficient_information", "comment")
        old = {n: getattr(row, n) for n in audited} if row else {}
        row = row or ConsolidatedScore(assessment=assessment, criterion=criterion)
        proposal = propose(by_criterion.get(criterion.pk, []))
        score = values.get("score")
        row.score = None if score is None else Decimal(str(score))
        row.insufficient_information = bool(values.get("insufficient_information"))
        row.comment = (values.get("comment") or "").strip()
        row.proposed_mean = proposal.mean
        row.spread = proposal.spread
        row.needs_moderation = proposal.needs_moderation
        try:
            row.full_clean(validate_unique=False)
        except ValidationError as exc:
            errors.update(_score_field_errors(number, exc))
            continue
        to_save.append((row, old))
    if errors:
        raise ValidationError(errors)
    changes: list[ScoreChange] = []
    for row, old in to_save:
        row.save()
        changes += _audit(
            obj=row,
            fields=("score", "insufficient_information", "comment"),
            old=old,
            actor=actor,
            kind=ScoreChangeKind.CONSOLIDATED,
            assessment=assessment,
        )
    ScoreChange.objects.bulk_create(changes)
    return assessment


@transaction.atomic
def assessment_finalise(
    *, actor: User, assessment: Assessment, summary: str = "", show_reviewer_names: bool = False
) -> Assessment:
    """Close an assessment: every review in, every criterion consolidated. Afterwards the
    country's focal points see its scorecard once the version is returned or accepted."""
    refuse(assessment_consolidate_refusal(actor, assessment))
    assessment = _lock_open_assessment(assessment)
    _submitted_reviews_or_error(assessment)
    done = set(assessment.scores.values_list("criterion__number", flat=True))
    missing = sorted(set(assessment.rubric.criteria.values_list("number", flat=True)) - done)
    if missing:
        raise AssessmentIncomplete(
            "Set a consolidated score for criteria " + ", ".join(map(str, missing)) + " first."
        )
    assessment.status = AssessmentStatus.FINALISED
    assessment.finalised_at = timezone.now()
    assessment.finalised_by = actor
    assessment.summary = summary.strip()
    assessment.show_reviewer_names = show_reviewer_names
    assessment.full_clean()
    assessment.save()
    return assessment


# --- Loading the reference rubric --------------------------------------------------------


@transaction.atomic
def rubric_load(*, path: Path) -> tuple[Rubric, bool]:
    """Create the rubric version described in `path` (JSON) and publish it.

    A rubric version, once it exists, is never rewritten: assessments made with it must keep
    meaning what they meant. Loading a version that exists returns it unchanged.
    Returns (rubric, created).
    """
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    existing = Rubric.objects.filter(version=spec["version"]).first()
    if existing is not None:
        return existing, False
    rubric = Rubric(
        version=spec["version"],
        title=spec["title"],
        description=spec.get("description", ""),
        source=spec.get("source", ""),
        published_at=timezone.now(),
    )
    rubric.full_clean()
    rubric.save()
    groups, criteria, levels = [], [], []
    for order, g in enumerate(spec["groups"], start=1):
        group = CriterionGroup(rubric=rubric, code=g["code"], name=g["name"], order=order)
        groups.append(group)
    CriterionGroup.objects.bulk_create(groups)
    for group, g in zip(groups, spec["groups"], strict=True):
        for c in g["criteria"]:
            criteria.append(
                Criterion(
                    rubric=rubric,
                    group=group,
                    number=c["number"],
                    name=c["name"],
                    short_name=c["short_name"],
                    description=c["description"],
                )
            )
    Criterion.objects.bulk_create(criteria)
    specs = [c for g in spec["groups"] for c in g["criteria"]]
    for criterion, c in zip(criteria, specs, strict=True):
        levels += _level_descriptors(criterion, c["levels"])
    LevelDescriptor.objects.bulk_create(levels)
    generation_bump(CriterionGroup, Criterion, LevelDescriptor)  # bulk inserts send no signal
    return rubric, True


@transaction.atomic
def assessment_save(
    *,
    actor: User,
    assessment: Assessment,
    scores: Mapping[int, Mapping[str, Any]] | None = None,
    summary: str = "",
    show_reviewer_names: bool = False,
    finalise: bool = False,
) -> Assessment:
    """The assessment page's one write: the consolidated scores (when given), the summary and
    the names choice, and, if `finalise`, the finalising. All or nothing, so a refusal (a
    missing score, a review not in) saves none of it and the page shows what was typed."""
    refuse(assessment_consolidate_refusal(actor, assessment))
    assessment = _lock_open_assessment(assessment)
    if scores:
        assessment_scores_set(actor=actor, assessment=assessment, scores=scores)
    if finalise:
        return assessment_finalise(
            actor=actor,
            assessment=assessment,
            summary=summary,
            show_reviewer_names=show_reviewer_names,
        )
    assessment.summary = summary.strip()
    assessment.show_reviewer_names = show_reviewer_names
    assessment.full_clean()
    assessment.save(update_fields=["summary", "show_reviewer_names"])
    return assessment
