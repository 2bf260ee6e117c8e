from django.db import models


class RoadmapKind(models.TextChoices):
    NATIONAL = "national", "National"
    INTERNATIONAL = "international", "International or thematic"


class Priority(models.TextChoices):
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review"
    RETURNED = "returned", "Returned for revision"
    ACCEPTED = "accepted", "Accepted"
    PUBLISHED = "published", "Published"


# The submission workflow: the only moves a version's status may make. A returned version
# stays returned; the country answers it with a new version.
VERSION_STATUS_MOVES: dict[str, frozenset[str]] = {
    VersionStatus.DRAFT: frozenset({VersionStatus.SUBMITTED}),
    VersionStatus.SUBMITTED: frozenset({VersionStatus.UNDER_REVIEW, VersionStatus.RETURNED}),
    VersionStatus.UNDER_REVIEW: frozenset({VersionStatus.RETURNED, VersionStatus.ACCEPTED}),
    VersionStatus.RETURNED: frozenset(),
    VersionStatus.ACCEPTED: frozenset({VersionStatus.PUBLISHED}),
    VersionStatus.PUBLISHED: frozenset(),
}


class CriterionGroupCode(models.TextChoices):
    """The three groups of the ten effectiveness criteria."""

    INPUTS = "inputs", "Analytical and deliberative inputs"
    OUTPUTS = "outputs", "Policy outputs"
    PROCESS = "process", "Process and implementation"


class Score(models.IntegerChoices):
    """Rubric levels: 0 (absent) to 4 (exemplary)."""

    ABSENT = 0, "0 - Absent"
    EMERGING = 1, "1 - Emerging"
    DEVELOPING = 2, "2 - Developing"
    ESTABLISHED = 3, "3 - Established"
    EXEMPLARY = 4, "4 - Exemplary"


# --- Assessment against the effectiveness criteria -----------------------------------------


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class AssessmentStatus(models.TextChoices):
    OPEN = "open", "Open"
    FINALISED = "finalised", "Finalised"


class ScoreChangeKind(models.TextChoices):
    """Which kind of score an audit row records."""

    REVIEW = "review", "Reviewer's score"
    CONSOLIDATED = "consolidated", "Consolidated score"


# Versions in the secretariat's hands: submitted or being reviewed. A roadmap has at most one
# such version at a time, and these are the versions reviewers can be assigned to.
WITH_SECRETARIAT_STATUSES = frozenset({VersionStatus.SUBMITTED, VersionStatus.UNDER_REVIEW})
ASSESSABLE_VERSION_STATUSES = WITH_SECRETARIAT_STATUSES
# Versions whose finalised assessment the country's focal points may read.
FEEDBACK_VERSION_STATUSES = frozenset(
    {VersionStatus.RETURNED, VersionStatus.ACCEPTED, VersionStatus.PUBLISHED}
)
# Reviewers' scores this far apart (or more) on one criterion need moderation.
MODERATION_SPREAD = 2
