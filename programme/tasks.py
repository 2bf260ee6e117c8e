from smtplib import SMTPException

from celery import shared_task
from django.core.management import call_command

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


@shared_task
def send_password_reset_email(
    subject: str, body: str, to_email: str, html_body: str | None = None
) -> None:
    """Send a password-reset link. Queued, so the reset page answers in the same time whether
    or not an account uses the address (the time an SMTP call takes would tell)."""
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(subject, body, None, [to_email])
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
