"""Fill the French and Spanish country names of data/countries.csv from pycountry.

The names come from the Debian iso-codes translations that pycountry ships (gettext domain
"iso3166-1"), the kept source named in data/SOURCES.md. The English names are the UN's
(M49) short names, so each is matched to the ISO entry whose English it equals (its short
`name` or its `official_name`: "United States of America" is the official one); the others use
the short `name`. ISO lists inverted forms ("Corée, République de"), which the UN does not
use, so those are put back in reading order ("République de Corée").

Only people working on the code run it (pycountry is a development dependency); the product
reads the CSV it writes.
"""

from __future__ import annotations

import csv
import gettext
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

LANGUAGES = ("fr", "es")


def _reading_order(name: str) -> str:
    """ "Corée, République de" -> "République de Corée"; names without an inversion stay."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    tail = tail[0].upper() + tail[1:]
    if tail.endswith("'"):
        return f"{tail}{head}"
    if tail.split()[-1] not in ("de", "du", "del"):
        # "Syrienne, République arabe": the head is an adjective, lower case after its noun.
        head = head[0].lower() + head[1:]
    return f"{tail} {head}"


class Command(BaseCommand):
    help = "Write French and Spanish country names into data/countries.csv (from pycountry)."

    def handle(self, *args, **options):
        try:
            import pycountry
        except ImportError as exc:  # a development dependency
            raise CommandError("Install the development dependencies (pycountry).") from exc
        catalogues = {
            code: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
            for code in LANGUAGES
        }
        path = Path(settings.BASE_DIR) / "data" / "countries.csv"
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            fields = [f for f in reader.fieldnames if f not in ("name_fr", "name_es")]
            rows = list(reader)
        for row in rows:
            iso = pycountry.countries.get(alpha_3=row["iso3"])
            official = getattr(iso, "official_name", "")
            english = official if row["name"] == official else iso.name
            for code, catalogue in catalogues.items():
                row[f"name_{code}"] = _reading_order(catalogue.gettext(english))
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(
                fh, fieldnames=[*fields, "name_fr", "name_es"], lineterminator="\n"
            )
            writer.writeheader()
            writer.writerows(rows)
        self.stdout.write(f"{len(rows)} countries named in French and Spanish.")
