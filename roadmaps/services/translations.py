"""Reference data in other languages: the SDGs and their targets, and the rubric's groups,
criteria and level descriptors. English stays in the fields themselves; other languages go
into each row's `translations` (read through base.i18n.localised)."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from base.cache import generation_bump
from roadmaps.models import Criterion, CriterionGroup, Goal, LevelDescriptor, Rubric, Target


def _merge(rows: dict, key, language: str, values: dict) -> bool:
    row = rows.get(key)
    if row is None or not values:
        return False
    if row.translations.get(language) == values:
        return False
    row.translations = {**row.translations, language: values}
    return True


@transaction.atomic
def reference_sdg_translations_load(*, path: Path) -> int:
    """Store the goals' and targets' titles in other languages from `path` (JSON shaped
    {"goals": {"9": {"fr": {"short_title", "title"}}}, "targets": {"9.5": {"fr": {"text"}}}}).
    Idempotent; returns how many rows changed. Goals and targets must be loaded first."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    goals = {str(g.number): g for g in Goal.objects.all()}
    targets = {t.code: t for t in Target.objects.all()}
    changed_goals = {
        number: goals[number]
        for number, by_language in spec.get("goals", {}).items()
        for language, values in by_language.items()
        if _merge(goals, number, language, values)
    }
    changed_targets = {
        code: targets[code]
        for code, by_language in spec.get("targets", {}).items()
        for language, values in by_language.items()
        if _merge(targets, code, language, values)
    }
    Goal.objects.bulk_update(changed_goals.values(), ["translations"])
    Target.objects.bulk_update(changed_targets.values(), ["translations"])
    if changed_goals or changed_targets:
        generation_bump(Goal, Target)  # bulk updates send no signal: cached pages would keep them
    return len(changed_goals) + len(changed_targets)


@transaction.atomic
def rubric_translations_load(*, path: Path) -> int:
    """Store a rubric version's text in other languages from `path` (JSON: {"version": 1,
    "fr": {"title", "description", "groups": {code: name}, "criteria": {number: {"short_name",
    "name", "description", "levels": [five descriptors]}}}}).

    Translations are not the rubric's substance: adding or correcting one never changes what a
    score means, so, unlike the English text, they may be loaded into a published version.
    Idempotent; returns how many rows changed."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    rubric = Rubric.objects.get(version=spec["version"])
    groups = {g.code: g for g in CriterionGroup.objects.filter(rubric=rubric)}
    criteria = {str(c.number): c for c in Criterion.objects.filter(rubric=rubric)}
    levels = {
        (str(level.criterion.number), level.score): level
        for level in LevelDescriptor.objects.filter(criterion__rubric=rubric).select_related(
            "criterion"
        )
    }
    changed: dict[str, dict] = {"rubric": {}, "groups": {}, "criteria": {}, "levels": {}}
    for language, text in spec.items():
        if language in ("version", "source"):
            continue
        rubric_values = {k: text[k] for k in ("title", "description", "source") if text.get(k)}
        if _merge({0: rubric}, 0, language, rubric_values):
            changed["rubric"][0] = rubric
        for code, name in text.get("groups", {}).items():
            if _merge(groups, code, language, {"name": name}):
                changed["groups"][code] = groups[code]
        for number, c in text.get("criteria", {}).items():
            values = {k: c[k] for k in ("short_name", "name", "description") if c.get(k)}
            if _merge(criteria, number, language, values):
                changed["criteria"][number] = criteria[number]
            for score, descriptor in enumerate(c.get("levels", [])):
                if _merge(levels, (number, score), language, {"descriptor": descriptor}):
                    changed["levels"][(number, score)] = levels[(number, score)]
    Rubric.objects.bulk_update(changed["rubric"].values(), ["translations"])
    CriterionGroup.objects.bulk_update(changed["groups"].values(), ["translations"])
    Criterion.objects.bulk_update(changed["criteria"].values(), ["translations"])
    LevelDescriptor.objects.bulk_update(changed["levels"].values(), ["translations"])
    if any(changed.values()):
        # Bulk updates send no signal: cached pages and answers would keep the old wording.
        generation_bump(Rubric, CriterionGroup, Criterion, LevelDescriptor)
    return sum(len(rows) for rows in changed.values())
