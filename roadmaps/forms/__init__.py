"""Forms of roadmaps, by area."""

from roadmaps.forms.assessments import (
    INSUFFICIENT,
    SCORE_CHOICES,
    AssessmentFinaliseForm,
    ConsolidatedScoreForm,
    CriterionScoreForm,
    ReviewAssignmentForm,
    RubricVersionForm,
)
from roadmaps.forms.review_answers import OutsideExpertInviteForm, ReviewAnswerForm
from roadmaps.forms.roadmaps import (
    ConsentGiveForm,
    ConsentWithdrawForm,
    FeedbackReplyForm,
    RoadmapForm,
    RoadmapGoalForm,
    RoadmapTargetForm,
    RoadmapUpdateForm,
    TargetLinkForm,
    TransitionForm,
    VersionUploadForm,
)

__all__ = [
    "INSUFFICIENT",
    "SCORE_CHOICES",
    "AssessmentFinaliseForm",
    "ConsentGiveForm",
    "ConsentWithdrawForm",
    "ConsolidatedScoreForm",
    "CriterionScoreForm",
    "FeedbackReplyForm",
    "OutsideExpertInviteForm",
    "ReviewAnswerForm",
    "ReviewAssignmentForm",
    "RoadmapForm",
    "RoadmapGoalForm",
    "RoadmapTargetForm",
    "RoadmapUpdateForm",
    "RubricVersionForm",
    "TargetLinkForm",
    "TransitionForm",
    "VersionUploadForm",
]
