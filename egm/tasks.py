"""Thin Celery tasks for meetings: call one service."""

from celery import shared_task

from egm.services import meeting_reminders_send


@shared_task
def send_meeting_reminders() -> int:
    """Remind those who accepted a meeting that it is near (once each; see the service)."""
    return meeting_reminders_send()
