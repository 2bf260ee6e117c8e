"""Writes for programme-wide records. Every write goes through a service."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models, transaction


@transaction.atomic
def reference_rows_sync(
    model: type[models.Model], *, key: str, rows: Sequence[dict[str, Any]]
) -> tuple[int, int]:
    """Make `model` hold `rows` (matched on `key`): insert missing rows, update changed ones.

    Used for reference data, so loading the same file twice changes nothing. Foreign keys are
    given as `<field>_id`. Runs a fixed number of queries whatever the number of rows.
    Returns (created, updated).
    """
    keys = [row[key] for row in rows]
    existing = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": keys})}
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            obj = model(**row)
            # Uniqueness is left to the database (one query for all rows, not one per row).
            obj.full_clean(validate_unique=False, validate_constraints=False)
            to_create.append(obj)
            continue
        changed = [field for field, value in row.items() if getattr(obj, field) != value]
        if changed:
            for field in changed:
                setattr(obj, field, row[field])
            changed_fields.update(changed)
            to_update.append(obj)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields))
    return len(to_create), len(to_update)
