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
from roadmaps.forms.roadmaps import (
    RoadmapForm,
    RoadmapGoalForm,
    RoadmapTargetForm,
    RoadmapUpdateForm,
    TransitionForm,
    VersionUploadForm,
)

__all__ = [
    "INSUFFICIENT",
    "SCORE_CHOICES",
    "AssessmentFinaliseForm",
    "ConsolidatedScoreForm",
    "CriterionScoreForm",
    "ReviewAssignmentForm",
    "RoadmapForm",
    "RoadmapGoalForm",
    "RoadmapTargetForm",
    "RoadmapUpdateForm",
    "RubricVersionForm",
    "TransitionForm",
    "VersionUploadForm",
]
