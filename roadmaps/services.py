"""Writes for roadmaps, SDG reference data and rubrics."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from programme.services import reference_rows_sync
from roadmaps.models import Criterion, CriterionGroup, Goal, LevelDescriptor, Rubric, Target


@transaction.atomic
def reference_sdgs_load(*, path: Path) -> tuple[int, int]:
    """Load the 17 SDGs and their 169 targets from `path` (JSON). Idempotent.

    Returns (created, updated) counted over goals and targets together.
    """
    goals = json.loads(Path(path).read_text(encoding="utf-8"))
    g_created, g_updated = reference_rows_sync(
        Goal,
        key="number",
        rows=[
            {"number": g["number"], "short_title": g["short_title"], "title": g["title"]}
            for g in goals
        ],
    )
    goal_ids = dict(Goal.objects.values_list("number", "pk"))
    t_created, t_updated = reference_rows_sync(
        Target,
        key="code",
        rows=[
            {"code": t["code"], "text": t["text"], "order": i, "goal_id": goal_ids[g["number"]]}
            for g in goals
            for i, t in enumerate(g["targets"], start=1)
        ],
    )
    return g_created + t_created, g_updated + t_updated


@transaction.atomic
def rubric_load(*, path: Path) -> tuple[Rubric, bool]:
    """Create the rubric version described in `path` (JSON) and publish it.

    A rubric version, once it exists, is never rewritten: assessments made with it must keep
    meaning what they meant. Loading a version that exists returns it unchanged.
    Returns (rubric, created).
    """
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    existing = Rubric.objects.filter(version=spec["version"]).first()
    if existing is not None:
        return existing, False
    rubric = Rubric(
        version=spec["version"],
        title=spec["title"],
        description=spec.get("description", ""),
        source=spec.get("source", ""),
        published_at=timezone.now(),
    )
    rubric.full_clean()
    rubric.save()
    groups, criteria, levels = [], [], []
    for order, g in enumerate(spec["groups"], start=1):
        group = CriterionGroup(rubric=rubric, code=g["code"], name=g["name"], order=order)
        groups.append(group)
    CriterionGroup.objects.bulk_create(groups)
    for group, g in zip(groups, spec["groups"], strict=True):
        for c in g["criteria"]:
            criteria.append(
                Criterion(
                    rubric=rubric,
                    group=group,
                    number=c["number"],
                    name=c["name"],
                    short_name=c["short_name"],
                    description=c["description"],
                )
            )
    Criterion.objects.bulk_create(criteria)
    specs = [c for g in spec["groups"] for c in g["criteria"]]
    for criterion, c in zip(criteria, specs, strict=True):
        if len(c["levels"]) != 5:
            raise ValueError(f"Criterion {c['number']} needs 5 level descriptors (0-4).")
        levels += [
            LevelDescriptor(criterion=criterion, score=score, descriptor=text)
            for score, text in enumerate(c["levels"])
        ]
    LevelDescriptor.objects.bulk_create(levels)
    return rubric, True
