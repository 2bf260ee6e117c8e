from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from monitoring.services import reference_sdg_indicators_load
from pilots.services import reference_countries_load
from programme.roles import ensure_role_groups
from roadmaps.services import (
    reference_sdg_translations_load,
    reference_sdgs_load,
    rubric_load,
    rubric_translations_load,
)

DATA_DIR = Path(settings.BASE_DIR) / "data"


class Command(BaseCommand):
    help = (
        "Load reference data: UN member and observer states with M49 regions, the 17 SDGs and "
        "169 targets, the 252 SDG indicators, the first effectiveness-criteria rubric, their "
        "French and Spanish, and the role groups. Idempotent."
    )

    def handle(self, *args, **options):
        ensure_role_groups()
        created, updated = reference_countries_load(path=DATA_DIR / "countries.csv")
        self.stdout.write(f"Countries: {created} created, {updated} updated.")
        created, updated = reference_sdgs_load(path=DATA_DIR / "sdgs.json")
        self.stdout.write(f"SDGs and targets: {created} created, {updated} updated.")
        rubric, created = rubric_load(path=DATA_DIR / "rubric_v1.json")
        self.stdout.write(f"Rubric v{rubric.version}: {'created' if created else 'unchanged'}.")
        changed = reference_sdg_translations_load(path=DATA_DIR / "sdgs_translations.json")
        changed += rubric_translations_load(path=DATA_DIR / "rubric_v1_translations.json")
        self.stdout.write(f"Translations (French, Spanish): {changed} rows updated.")
        created, updated = reference_sdg_indicators_load(path=DATA_DIR / "sdg_indicators.json")
        self.stdout.write(f"SDG indicators: {created} created, {updated} updated.")
