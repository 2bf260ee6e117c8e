from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from programme.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and every stored file into a new "
        "folder readable by its owner only, with a signed manifest of checksums and row "
        "counts taken in the same snapshot as the dump."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            help="A folder that does not exist yet (default: backups/<date-time>).",
        )

    def handle(self, *args, destination=None, **options):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        target = Path(destination or Path("backups") / stamp)
        try:
            manifest = backup_create(destination=target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {sum(manifest['row_counts'].values())} rows in "
                f"{len(manifest['row_counts'])} tables and {len(manifest['files'])} files "
                f"to {target}"
            )
        )
