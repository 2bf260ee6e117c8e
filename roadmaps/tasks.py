"""Thin Celery tasks for roadmaps: take ids, reload, call one notification."""

from celery import shared_task

from roadmaps.models import ReviewAssignment
from roadmaps.notifications import review_assignment_notify, version_transition_notify


@shared_task
def notify_version_transition(transition_id: int) -> int:
    """Tell the people concerned about a workflow move (queued after the move commits)."""
    return version_transition_notify(transition_id=transition_id)


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
