"""Every write of the monitoring app: reference SDG indicators, results frameworks, reporting
periods and country updates. Each service is atomic, checks the rule in monitoring/rules.py
that allows it, and runs the models' full_clean()."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from monitoring.models import SdgIndicator
from programme.services import reference_rows_sync
from roadmaps.models import Target

# --- Reference data -------------------------------------------------------------------------


@transaction.atomic
def reference_sdg_indicators_load(*, path: Path) -> tuple[int, int]:
    """Load the SDG global indicators from `path` (data/sdg_indicators.json): English in the
    row, French and Spanish in `translations`, as the targets keep theirs. Idempotent;
    returns (created, updated). The SDG targets must be loaded first."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    target_ids = dict(Target.objects.values_list("code", "pk"))
    rows = []
    for order, item in enumerate(spec["indicators"], start=1):
        titles = item["title"]
        rows.append(
            {
                "code": item["code"],
                "target_id": target_ids[item["target"]],
                "title": titles["en"],
                "order": order,
                "translations": {
                    language: {"title": text}
                    for language, text in sorted(titles.items())
                    if language != "en" and text
                },
            }
        )
    return reference_rows_sync(SdgIndicator, key="code", rows=rows)
