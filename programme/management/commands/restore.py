from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programme.backup import BackupError, backup_restore, table_row_counts


class Command(BaseCommand):
    help = (
        "Restore a folder written by `backup` into the configured database and file store, "
        "after checking its signature and every checksum; the data and a check of every "
        "table's row count run in one transaction (all or nothing). Refuses a non-empty "
        "database unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup folder.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the tables of a database that is not empty.",
        )

    def handle(self, *args, source, force=False, **options):
        try:
            manifest = backup_restore(source=Path(source), force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        # Checked inside the restore's transaction already; read again as the report's figures.
        counts = table_row_counts()
        differ = {
            table: (expected, counts.get(table))
            for table, expected in manifest["row_counts"].items()
            if counts.get(table) != expected
        }
        if differ:
            raise CommandError(f"Row counts differ after the restore: {differ}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(counts.values())} rows in {len(counts)} tables and "
                f"{len(manifest['files'])} files from {source}; row counts match."
            )
        )
