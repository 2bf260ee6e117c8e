from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    """Nightly: drop expired sessions (Django's own clean-up command)."""
    call_command("clearsessions")
