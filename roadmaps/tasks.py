"""Background work for roadmaps: thin tasks that reload by id and call one service."""

from celery import shared_task

from roadmaps.assessment_services import review_assignment_notify
from roadmaps.models import ReviewAssignment


@shared_task
def send_review_assignment_email(assignment_id: int) -> None:
    """Tell a reviewer about a new assignment (queued once the assignment is committed)."""
    assignment = (
        ReviewAssignment.objects.select_related("reviewer", "version__roadmap", "milestone")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is not None:
        review_assignment_notify(assignment=assignment)
