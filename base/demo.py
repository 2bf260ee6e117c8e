"""What every app's demo data (`<app>/demo.py`) is written with: idempotent upserts that
validate, so a second `seed_demo` changes nothing and the demo obeys the models' rules."""

from __future__ import annotations

import datetime as dt

D = dt.date


def upsert(model, lookup: dict, **values):
    """get-or-create by `lookup`, then bring `values` up to date and validate."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj
