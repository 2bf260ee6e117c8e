"""Writes for pilots and countries. Views, API, admin and tasks call these."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from pilots.choices import RegionLevel
from pilots.models import Country, Region
from programme.services import reference_rows_sync


def _regions_sync(rows: list[dict[str, str]]) -> dict[tuple[str, str], int]:
    """Create the M49 regions the country rows name; returns {(level, name): id}."""
    ids: dict[tuple[str, str], int] = {}
    levels = [
        (RegionLevel.REGION, "region", None),
        (RegionLevel.SUB_REGION, "sub_region", "region"),
        (RegionLevel.INTERMEDIATE, "intermediate_region", "sub_region"),
    ]
    parent_level = {"region": RegionLevel.REGION, "sub_region": RegionLevel.SUB_REGION}
    for level, column, parent_column in levels:
        wanted: dict[str, dict] = {}
        for row in rows:
            name = row[column]
            if not name:
                continue
            parent_id = (
                ids[(parent_level[parent_column], row[parent_column])] if parent_column else None
            )
            wanted[name] = {
                "slug": slugify(f"{level}-{name}"),
                "name": name,
                "level": level,
                "parent_id": parent_id,
            }
        reference_rows_sync(Region, key="slug", rows=list(wanted.values()))
        for region in Region.objects.filter(level=level):
            ids[(level, region.name)] = region.pk
    return ids


@transaction.atomic
def reference_countries_load(*, path: Path) -> tuple[int, int]:
    """Load the UN member and observer states with their M49 regions from `path` (CSV).

    Idempotent: a second load of the same file changes nothing. Returns (created, updated).
    """
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    region_ids = _regions_sync(rows)
    country_rows = [
        {
            "iso3": row["iso3"],
            "iso2": row["iso2"],
            "m49": row["m49"],
            "name": row["name"],
            "un_status": row["un_status"],
            "region_id": region_ids[(RegionLevel.REGION, row["region"])],
            "sub_region_id": region_ids[(RegionLevel.SUB_REGION, row["sub_region"])],
            "intermediate_region_id": region_ids.get(
                (RegionLevel.INTERMEDIATE, row["intermediate_region"])
            ),
        }
        for row in rows
    ]
    return reference_rows_sync(Country, key="iso3", rows=country_rows)
