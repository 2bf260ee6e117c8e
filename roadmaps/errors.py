"""Domain errors of roadmaps' assessment; each answers 409 with its code in the API and a
message in the UI (through `base.errors.form_errors_add`)."""

from __future__ import annotations

from base.errors import DomainError


class AssessmentError(DomainError):
    code = "assessment_error"


class VersionNotAssessable(AssessmentError):
    code = "version_not_assessable"


class NotYourReview(AssessmentError):
    code = "not_your_review"


class ReviewLocked(AssessmentError):
    code = "review_locked"


class ReviewIncomplete(AssessmentError):
    code = "review_incomplete"


class ReviewsMissing(AssessmentError):
    code = "reviews_missing"


class AssessmentFinalised(AssessmentError):
    code = "assessment_finalised"


class AssessmentIncomplete(AssessmentError):
    code = "assessment_incomplete"


class NoPublishedRubric(AssessmentError):
    code = "no_published_rubric"
