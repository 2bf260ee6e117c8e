from smtplib import SMTPException

from celery import shared_task
from django.core.management import call_command

from programme.outbox import OutboxSendFailed, outbox_send, outbox_sweep
from programme.reminders import (
    ReminderSendFailed,
    reminder_deliver,
    reminder_recover,
    reminder_sweep,
)


@shared_task
def clear_expired_sessions() -> None:
    """Nightly: drop expired sessions (Django's own clean-up command)."""
    call_command("clearsessions")


@shared_task
def sweep_milestone_reminders() -> int:
    """Periodic: claim the reminders due now and queue them (programme.reminders)."""
    return len(reminder_sweep())


@shared_task
def recover_milestone_reminders() -> int:
    """Periodic: queue again reminders whose worker or queued message was lost."""
    return len(reminder_recover())


@shared_task(
    autoretry_for=(ReminderSendFailed, SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=6,
)
def send_milestone_reminders(delivery_ids: list[int]) -> int:
    """Send claimed reminders; mail-server failures are retried with exponential backoff
    (already sent ones are skipped on the retry)."""
    return reminder_deliver(delivery_ids=delivery_ids)


@shared_task(
    autoretry_for=(OutboxSendFailed,),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=6,
)
def send_outbox_email(row_id: int) -> bool:
    """Send one outbox email (queued after the change that owes it commits); mail-server
    failures are retried with exponential backoff, and the sweep picks up the rest."""
    return outbox_send(row_id=row_id)


@shared_task
def sweep_outbox_emails() -> int:
    """Periodic: send outbox emails left pending (broker down, worker lost)."""
    return outbox_sweep()
