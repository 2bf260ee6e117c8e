from django.core.management.base import BaseCommand

from programme.reminders import reminder_sweep


class Command(BaseCommand):
    help = (
        "Claim the milestone reminders due now and queue them for the Celery worker (the same "
        "sweep beat runs every 15 minutes). Safe to run at any time: each reminder goes once."
    )

    def handle(self, *args, **options):
        ids = reminder_sweep()
        self.stdout.write(f"{len(ids)} reminder(s) claimed and queued.")
