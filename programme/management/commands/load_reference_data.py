from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from pilots.services import reference_countries_load
from programme.roles import ensure_role_groups
from roadmaps.services import reference_sdgs_load, rubric_load

DATA_DIR = Path(settings.BASE_DIR) / "data"


class Command(BaseCommand):
    help = (
        "Load reference data: UN member and observer states with M49 regions, the 17 SDGs and "
        "169 targets, the first effectiveness-criteria rubric, and the role groups. Idempotent."
    )

    def handle(self, *args, **options):
        ensure_role_groups()
        created, updated = reference_countries_load(path=DATA_DIR / "countries.csv")
        self.stdout.write(f"Countries: {created} created, {updated} updated.")
        created, updated = reference_sdgs_load(path=DATA_DIR / "sdgs.json")
        self.stdout.write(f"SDGs and targets: {created} created, {updated} updated.")
        rubric, created = rubric_load(path=DATA_DIR / "rubric_v1.json")
        self.stdout.write(f"Rubric v{rubric.version}: {'created' if created else 'unchanged'}.")
