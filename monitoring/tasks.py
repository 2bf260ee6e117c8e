"""Thin Celery tasks for monitoring: take ids, reload, call one notification."""

from celery import shared_task

from monitoring.notifications import update_transition_notify


@shared_task
def notify_update_transition(transition_id: int) -> int:
    """Tell the people concerned about a country update's move (queued after it commits)."""
    return update_transition_notify(transition_id=transition_id)
