from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    """Nightly: drop expired sessions (Django's own clean-up command)."""
    call_command("clearsessions")


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
