from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoadmapKind(models.TextChoices):
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International or thematic")


class Priority(models.TextChoices):
    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")


class TargetLinkKind(models.TextChoices):
    """How advancing one SDG target bears on another in a roadmap."""

    SYNERGY = "synergy", _("Synergy")
    TRADE_OFF = "trade_off", _("Trade-off")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("version status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("version status", "Submitted")
    UNDER_REVIEW = "under_review", pgettext_lazy("version status", "Under review")
    RETURNED = "returned", pgettext_lazy("version status", "Returned for revision")
    ACCEPTED = "accepted", pgettext_lazy("version status", "Accepted")
    PUBLISHED = "published", pgettext_lazy("version status", "Published")


# Versions whose feedback the country may answer: the secretariat returned it, or published it
# with its remarks.
FEEDBACK_REPLY_STATUSES = frozenset({VersionStatus.RETURNED, VersionStatus.PUBLISHED})

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

    INPUTS = "inputs", _("Analytical and deliberative inputs")
    OUTPUTS = "outputs", _("Policy outputs")
    PROCESS = "process", _("Process and implementation")


class Score(models.IntegerChoices):
    """Rubric levels: 0 (absent) to 4 (exemplary)."""

    ABSENT = 0, _("0 - Absent")
    EMERGING = 1, _("1 - Emerging")
    DEVELOPING = 2, _("2 - Developing")
    ESTABLISHED = 3, _("3 - Established")
    EXEMPLARY = 4, _("4 - Exemplary")


# --- Assessment against the effectiveness criteria -----------------------------------------


class AssignmentStatus(models.TextChoices):
    """A review assignment is offered; the reviewer accepts or declines it; the secretariat may
    withdraw an outside expert's."""

    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Assignments that no longer wait for a review: they never hold up consolidation.
CLOSED_ASSIGNMENT_STATUSES = frozenset({AssignmentStatus.DECLINED, AssignmentStatus.WITHDRAWN})


class ConflictOfInterest(models.TextChoices):
    NONE = "none", _("I have no conflict of interest")
    DECLARED = "declared", _("I have a relationship to declare")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("review status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("review status", "Submitted")


class AssessmentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("assessment status", "Open")
    FINALISED = "finalised", pgettext_lazy("assessment status", "Finalised")


class ScoreChangeKind(models.TextChoices):
    """Which kind of score an audit row records."""

    REVIEW = "review", _("Reviewer's score")
    CONSOLIDATED = "consolidated", _("Consolidated score")


# Versions in the secretariat's hands: submitted or being reviewed. A roadmap has at most one
# such version at a time, and these are the versions reviewers can be assigned to.
WITH_SECRETARIAT_STATUSES = frozenset({VersionStatus.SUBMITTED, VersionStatus.UNDER_REVIEW})
ASSESSABLE_VERSION_STATUSES = WITH_SECRETARIAT_STATUSES
# The review queue: versions in the secretariat's hands, and accepted ones waiting to be published.
REVIEW_QUEUE_STATUSES = (
    VersionStatus.SUBMITTED,
    VersionStatus.UNDER_REVIEW,
    VersionStatus.ACCEPTED,
)
# Versions whose finalised assessment the country's focal points may read.
FEEDBACK_VERSION_STATUSES = frozenset(
    {VersionStatus.RETURNED, VersionStatus.ACCEPTED, VersionStatus.PUBLISHED}
)
# Reviewers' scores this far apart (or more) on one criterion need moderation.
MODERATION_SPREAD = 2
