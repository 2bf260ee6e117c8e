"""The effectiveness-criteria rubric and the assessment of roadmap versions against it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.i18n import localised, translations_field
from base.querysets import VIEW, ScopedQuerySet
from programme.choices import Role
from roadmaps.choices import (
    CLOSED_ASSIGNMENT_STATUSES,
    FEEDBACK_VERSION_STATUSES,
    AssessmentStatus,
    AssignmentStatus,
    ConflictOfInterest,
    CriterionGroupCode,
    ReviewStatus,
    Score,
    ScoreChangeKind,
    VersionStatus,
)
from roadmaps.models.roadmaps import REVIEW, RoadmapVersion


class Rubric(models.Model):
    """A version of the effectiveness-criteria rubric. Assessments keep the version they used;
    a later edition is a new row, never an edit of a published one."""

    version = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.TextField(blank=True, help_text=_("Where the criteria and levels come from."))
    published_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Empty while the version is being prepared.")
    )
    translations = translations_field()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{localised(self, 'title')} (v{self.version})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class CriterionGroup(models.Model):
    """One of the three groups the ten criteria fall into, within one rubric version."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(max_length=20, choices=CriterionGroupCode.choices)
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()
    translations = translations_field()

    class Meta:
        ordering = ["rubric", "order"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="criterion_group_unique"),
        ]

    def __str__(self) -> str:
        return localised(self, "name")


class Criterion(models.Model):
    """An effectiveness criterion (1-10) as one rubric version words it."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    group = models.ForeignKey(CriterionGroup, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=60)
    description = models.TextField()
    translations = translations_field()

    class Meta:
        ordering = ["rubric", "number"]
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "number"], name="criterion_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {localised(self, 'short_name')}"

    def clean(self) -> None:
        if self.group_id and self.rubric_id and self.group.rubric_id != self.rubric_id:
            raise ValidationError({"group": _("The group belongs to another rubric version.")})


class LevelDescriptor(models.Model):
    """What a score of 0-4 means for one criterion."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    score = models.PositiveSmallIntegerField(choices=Score.choices)
    descriptor = models.TextField()
    translations = translations_field()

    class Meta:
        ordering = ["criterion", "score"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "score"], name="level_unique_score"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.number}: {self.score}"


# --- Assessment against the effectiveness criteria -----------------------------------------
# Reviewers score a submitted version on each criterion of a rubric version; the secretariat
# consolidates their scores and finalises an assessment, which becomes the country's scorecard.

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(4)]


def _nothing() -> Q:
    # A clause no row matches: these records are never public.
    return Q(pk__in=[])


class OutsideExpert(models.Model):
    """Someone outside the programme asked by email to review one draft: not an account (no
    password, no role), reached only through the personal link in each invitation."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), unique=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("outside expert")

    def __str__(self) -> str:
        return self.name


class ReviewAssignmentQuerySet(ScopedQuerySet):
    def with_progress(self):
        """Each row's `review_has_scores`, for `review_progress` without a query per row."""
        return self.annotate(
            review_has_scores=Exists(ReviewScore.objects.filter(review__assignment=OuterRef("pk")))
        )

    def public_q(self) -> Q:
        return _nothing()

    def extra_scope_q(self, user, action: str) -> Q | None:
        # A reviewer reads and works on their own assignments only.
        if action in (VIEW, REVIEW):
            return Q(reviewer=user)
        return None


class ReviewAssignment(models.Model):
    """A reviewer (or an outside expert invited by email) asked by the secretariat to assess
    one version by a due date.

    The due date lives on a REVIEW milestone so reminders find every deadline in one table.
    """

    version = models.ForeignKey(
        RoadmapVersion, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_assignments",
        null=True,
        blank=True,
    )
    expert = models.ForeignKey(
        OutsideExpert,
        on_delete=models.PROTECT,
        related_name="assignments",
        null=True,
        blank=True,
        verbose_name=_("outside expert"),
    )
    # Part of the expert's personal link: a new one voids every link sent before it.
    link_nonce = models.CharField(max_length=32, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    milestone = models.OneToOneField(
        "programme.Milestone", on_delete=models.PROTECT, related_name="review_assignment"
    )
    status = models.CharField(
        _("answer"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.OFFERED,
    )
    conflict = models.CharField(
        _("conflict of interest"), max_length=20, choices=ConflictOfInterest.choices, blank=True
    )
    conflict_statement = models.TextField(_("the relationship"), blank=True)
    decline_reason = models.TextField(_("why I decline"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["version", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "reviewer"], name="review_assignment_unique"
            ),
            models.UniqueConstraint(
                fields=["version", "expert"], name="review_assignment_unique_expert"
            ),
            models.CheckConstraint(
                condition=Q(reviewer__isnull=False, expert__isnull=True)
                | Q(reviewer__isnull=True, expert__isnull=False),
                name="review_assignment_reviewer_or_expert",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignee} reviews {self.version}"

    @property
    def assignee(self):
        """Who reviews: the reviewer's account or the outside expert."""
        return self.expert if self.expert_id else self.reviewer

    @property
    def is_closed(self) -> bool:
        """Declined or withdrawn: no review is awaited from it."""
        return self.status in CLOSED_ASSIGNMENT_STATUSES

    @property
    def review_progress(self) -> str:
        """Where the awaited review stands: "closed" (nothing awaited), "submitted", "draft"
        (scores saved, not submitted) or "not_started" (not yet accepted, or nothing saved)."""
        if self.is_closed:
            return "closed"
        review = getattr(self, "review", None) if self.pk else None
        if review is None:
            return "not_started"
        if review.is_submitted:
            return "submitted"
        # The review row exists from the assignment on; it is a draft once a score is saved.
        # Lists annotate `review_has_scores` (ReviewAssignmentQuerySet.with_progress).
        has_scores = getattr(self, "review_has_scores", None)
        if has_scores is None:
            has_scores = review.scores.exists()
        return "draft" if has_scores else "not_started"

    def clean(self) -> None:
        if bool(self.reviewer_id) == bool(self.expert_id):
            raise ValidationError(_("Assign either a reviewer or an outside expert."))
        if self.reviewer_id and not self.reviewer.has_role(Role.REVIEWER):
            raise ValidationError({"reviewer": _("Only people with the reviewer role can review.")})
        errors = {}
        # An answer says whether there is a conflict (a withdrawal is the secretariat's, not one).
        answered = (AssignmentStatus.ACCEPTED, AssignmentStatus.DECLINED)
        if self.status in answered and not self.conflict:
            errors["conflict"] = _("Say whether you have a conflict of interest.")
        if self.conflict == ConflictOfInterest.DECLARED and not self.conflict_statement.strip():
            errors["conflict_statement"] = _("Describe the relationship.")
        # A declared conflict blocks the assignment: it can only be declined.
        if (
            self.conflict == ConflictOfInterest.DECLARED
            and self.status == AssignmentStatus.ACCEPTED
        ):
            errors["conflict"] = _("With a conflict of interest the review cannot be accepted.")
        if (
            self.status == AssignmentStatus.DECLINED
            and self.conflict != ConflictOfInterest.DECLARED
            and not self.decline_reason.strip()
        ):
            errors["decline_reason"] = _("Say why you decline.")
        if errors:
            raise ValidationError(errors)


class Review(models.Model):
    """One reviewer's scores for one version, against the rubric version of its assessment.

    Kept as a draft until submitted; once submitted it is locked.
    """

    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review"
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assignment"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.SUBMITTED) | Q(submitted_at__isnull=False),
                name="review_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Review by %(reviewer)s of %(version)s") % {
            "reviewer": self.assignment.assignee,
            "version": self.assignment.version,
        }

    @property
    def is_submitted(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED


def _score_xor_insufficient() -> Q:
    return (Q(score__isnull=False) & Q(insufficient_information=False)) | (
        Q(score__isnull=True) & Q(insufficient_information=True)
    )


def _check_score_xor_insufficient(obj) -> dict[str, str]:
    if obj.score is None and not obj.insufficient_information:
        return {"score": "Give a score from 0 to 4, or mark the information as insufficient."}
    if obj.score is not None and obj.insufficient_information:
        return {"score": "Give a score or mark the information as insufficient, not both."}
    return {}


class ReviewScore(models.Model):
    """A reviewer's score on one criterion, with the justification and evidence behind it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        choices=Score.choices, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    insufficient_information = models.BooleanField(
        default=False, help_text=_("The draft does not say enough to score this criterion.")
    )
    # Required by clean() and a constraint, with one readable message; not by the field,
    # whose generic "cannot be blank" would say the same thing twice.
    justification = models.TextField(
        blank=True, help_text=_("Why this score, in the reviewer's words.")
    )
    evidence = models.CharField(
        max_length=255, blank=True, help_text=_("Page or section of the draft, e.g. p. 12, §3.2.")
    )

    class Meta:
        ordering = ["review", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_score_unique"),
            models.CheckConstraint(
                condition=_score_xor_insufficient(), name="review_score_xor_insufficient"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=4),
                name="review_score_range",
            ),
            models.CheckConstraint(
                condition=~Q(justification=""), name="review_score_has_justification"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.display_value}"

    @property
    def display_value(self) -> str:
        if self.insufficient_information:
            return gettext("Insufficient information")
        return str(self.score)

    def clean(self) -> None:
        errors = _check_score_xor_insufficient(self)
        if not (self.justification or "").strip():
            errors["justification"] = _("Say why you gave this score.")
        if (
            self.criterion_id
            and self.review_id
            and self.criterion.rubric_id != self.review.rubric_id
        ):
            errors["criterion"] = _("The criterion belongs to another rubric version.")
        if errors:
            raise ValidationError(errors)


class AssessmentQuerySet(ScopedQuerySet):
    def public_q(self) -> Q:
        # What is published is published for every role: the finalised scorecard of a
        # published version, as the version itself is.
        return Q(status=AssessmentStatus.FINALISED, version__status=VersionStatus.PUBLISHED)

    def extra_scope_q(self, user, action: str) -> Q | None:
        if action != VIEW:
            return None
        clauses = Q(pk__in=[])
        # The advisory group reads what is published (public_q), like every role: a scorecard
        # only where it may open the version and the roadmap it belongs to, so no scorecard
        # leads to a page that answers 404.
        # Partners read only what is public (public_q): nothing about a draft's assessment.
        # Focal points get feedback on their own country's versions once a decision is made.
        if user.country_ids:
            clauses |= Q(
                status=AssessmentStatus.FINALISED,
                version__roadmap__country__in=user.country_ids,
                version__status__in=FEEDBACK_VERSION_STATUSES,
            )
        return clauses


class Assessment(models.Model):
    """The secretariat's consolidated judgement of one version against one rubric version."""

    version = models.OneToOneField(
        RoadmapVersion, on_delete=models.CASCADE, related_name="assessment"
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.OPEN
    )
    summary = models.TextField(blank=True, help_text=_("Overall feedback for the country."))
    show_reviewer_names = models.BooleanField(
        default=False, help_text=_("Show the reviewers' names to the country's focal points.")
    )
    # Scores made up for a demonstration: scorecards, the heatmap and the API say so.
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Scores made up for a demonstration, not a real review."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=AssessmentStatus.FINALISED) | Q(finalised_at__isnull=False),
                name="assessment_finalised_has_date",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Assessment of %(version)s") % {"version": self.version}

    @property
    def is_finalised(self) -> bool:
        return self.status == AssessmentStatus.FINALISED


class ConsolidatedScore(models.Model):
    """The secretariat's score on one criterion, set from the reviewers' submitted scores."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(
        max_digits=3, decimal_places=2, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    insufficient_information = models.BooleanField(default=False)
    comment = models.TextField(blank=True)
    proposed_mean = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    spread = models.PositiveSmallIntegerField(null=True, blank=True)
    needs_moderation = models.BooleanField(default=False)

    class Meta:
        ordering = ["assessment", "criterion__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="consolidated_score_unique"
            ),
            models.CheckConstraint(
                condition=_score_xor_insufficient(), name="consolidated_score_xor_insufficient"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=4),
                name="consolidated_score_range",
            ),
            models.CheckConstraint(
                condition=Q(needs_moderation=False) | ~Q(comment=""),
                name="consolidated_score_moderation_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.display_value}"

    @property
    def display_value(self) -> str:
        if self.insufficient_information:
            return gettext("Insufficient information")
        return "—" if self.score is None else number_format(self.score, 2)

    def clean(self) -> None:
        errors = _check_score_xor_insufficient(self)
        if self.needs_moderation and not (self.comment or "").strip():
            errors["comment"] = _(
                "Reviewers disagree by 2 points or more: record the moderation in a comment."
            )
        if (
            self.criterion_id
            and self.assessment_id
            and self.criterion.rubric_id != self.assessment.rubric_id
        ):
            errors["criterion"] = _("The criterion belongs to another rubric version.")
        if errors:
            raise ValidationError(errors)


class ScoreChange(models.Model):
    """Audit trail: every change to a reviewer's or a consolidated score, old and new value."""

    kind = models.CharField(max_length=20, choices=ScoreChangeKind.choices)
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    field = models.CharField(max_length=40)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # An outside expert's own changes (from their personal link) are theirs, not an account's.
    expert = models.ForeignKey(
        OutsideExpert, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=ScoreChangeKind.REVIEW) & Q(review__isnull=False))
                | (Q(kind=ScoreChangeKind.CONSOLIDATED) & Q(assessment__isnull=False)),
                name="score_change_points_at_its_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion} {self.field}: {self.old_value!r} -> {self.new_value!r}"
