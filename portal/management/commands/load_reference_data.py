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
# v2 reads the 2018 examples as examples, asks at level 4 only what one draft can show, and
# defines 0 apart from "insufficient information" (data/SOURCES.md).
RUBRIC_VERSIONS = (1, 2)


class Command(BaseCommand):
    help = (
        "Load reference data: UN member and observer states with M49 regions, the 17 SDGs and "
        "169 targets, the 252 SDG indicators, the effectiveness-criteria rubric's versions, their "
        "French and Spanish, and the role groups. Idempotent."
    )

    def handle(self, *args, **options):
        ensure_role_groups()
        created, updated = reference_countries_load(path=DATA_DIR / "countries.csv")
        self.stdout.write(f"Countries: {created} created, {updated} updated.")
        created, updated = reference_sdgs_load(path=DATA_DIR / "sdgs.json")
        self.stdout.write(f"SDGs and targets: {created} created, {updated} updated.")
        # Every rubric version in order; a version that exists is never rewritten (v1 stays as
        # the assessments made with it read it).
        for version in RUBRIC_VERSIONS:
            rubric, created = rubric_load(path=DATA_DIR / f"rubric_v{version}.json")
            self.stdout.write(f"Rubric v{rubric.version}: {'created' if created else 'unchanged'}.")
        changed = reference_sdg_translations_load(path=DATA_DIR / "sdgs_translations.json")
        for version in RUBRIC_VERSIONS:
            changed += rubric_translations_load(
                path=DATA_DIR / f"rubric_v{version}_translations.json"
            )
        self.stdout.write(f"Translations (French, Spanish): {changed} rows updated.")
        created, updated = reference_sdg_indicators_load(path=DATA_DIR / "sdg_indicators.json")
        self.stdout.write(f"SDG indicators: {created} created, {updated} updated.")
