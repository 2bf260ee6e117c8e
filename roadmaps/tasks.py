"""Background work for roadmaps: thin tasks that reload by id and call one service."""

from celery import shared_task

from roadmaps.services import version_transition_notify


@shared_task
def notify_version_transition(transition_id: int) -> int:
    """Tell the people concerned about a workflow move (queued after the move commits)."""
    return version_transition_notify(transition_id=transition_id)
