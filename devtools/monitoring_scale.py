"""SYNTHETIC monitoring data at programme scale, for `seed_scale` and the benchmarks only.

Every published roadmap gets a results framework on its latest published version (flagged
`illustrative`, titles starting "Synthetic") with 5-15 indicators, four yearly reporting
periods with their milestones, and an update for each: the first three approved, the last
submitted. Each such version is also released to the public (a synthetic consent), so the
public progress pages have programme-scale data too. Bulk inserts throughout; a roadmap that
already has a framework is left alone."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db.models import Max

from monitoring.choices import ActionStatus, UpdateStatus
from monitoring.models import (
    Action,
    ActionReport,
    CountryUpdate,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Objective,
    ReportingPeriod,
    ResultsFramework,
)
from pilots.models import FocalPoint
from programme.choices import MilestoneKind, MilestoneStatus
from programme.models import Milestone, User
from roadmaps.choices import VersionStatus
from roadmaps.models import PublicReleaseConsent, RoadmapVersion

MARK = "Synthetic scale-test data, not a real record."
YEARS = (2022, 2023, 2024, 2025)
BATCH = 5_000


def seed_monitoring_scale(*, rng: random.Random, actor: User) -> int:
    """Frameworks, periods and updates for every published roadmap without a framework;
    returns how many frameworks were made."""
    latest = (
        RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .values("roadmap_id")
        .annotate(number=Max("number"))
    )
    have = set(ResultsFramework.objects.values_list("roadmap_id", flat=True))
    wanted = {row["roadmap_id"]: row["number"] for row in latest if row["roadmap_id"] not in have}
    versions = list(
        RoadmapVersion.objects.filter(roadmap_id__in=list(wanted)).select_related("roadmap")
    )
    versions = [v for v in versions if wanted[v.roadmap_id] == v.number]
    if not versions:
        return 0
    frameworks = ResultsFramework.objects.bulk_create(
        [ResultsFramework(roadmap_id=v.roadmap_id, version=v, illustrative=True) for v in versions],
        batch_size=BATCH,
    )
    PublicReleaseConsent.objects.bulk_create(
        [
            PublicReleaseConsent(
                version=v, given_by=MARK, given_on=dt.date(2022, 1, 1), evidence=MARK,
                recorded_by=actor,
            )
            for v in versions
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )  # fmt: skip
    objectives, actions, indicators = [], [], []
    for framework in frameworks:
        for o in range(1, 4):
            objectives.append(
                Objective(framework=framework, title=f"Synthetic objective {o}", order=o,
                          description=MARK)
            )  # fmt: skip
    Objective.objects.bulk_create(objectives, batch_size=BATCH)
    for objective in objectives:
        actions.append(
            Action(objective=objective, title=f"Synthetic action {objective.order}",
                   description=MARK, order=1,
                   starts_on=dt.date(2022, 1, 1), ends_on=dt.date(2025, 12, 31))
        )  # fmt: skip
    Action.objects.bulk_create(actions, batch_size=BATCH)
    by_framework: dict[int, list[Action]] = {}
    for action in actions:
        by_framework.setdefault(action.objective.framework_id, []).append(action)
    targets = []
    for framework in frameworks:
        for n in range(rng.randint(5, 15)):
            action = by_framework[framework.pk][n % 3]
            base = Decimal(rng.randint(5, 60))
            indicator = Indicator(
                action=action, title=f"Synthetic indicator {n + 1}", definition=MARK,
                unit="%" if n % 2 else "people", direction="increase" if n % 4 else "decrease",
                baseline_value=base, baseline_year=2021, baseline_source=MARK, order=n + 1,
            )  # fmt: skip
            indicators.append(indicator)
    Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    for indicator in indicators:
        step = Decimal(rng.randint(1, 5)) * (1 if indicator.direction == "increase" else -1)
        targets.extend(
            IndicatorTarget(
                indicator=indicator, year=year, value=indicator.baseline_value + step * k
            )
            for k, year in enumerate(YEARS, start=1)
        )
    IndicatorTarget.objects.bulk_create(targets, batch_size=BATCH)

    # Periods and their milestones (owned by the country's focal points, as period_create does).
    roadmaps = {v.roadmap_id: v.roadmap for v in versions}
    milestones, periods = [], []
    for roadmap in roadmaps.values():
        for year in YEARS:
            milestones.append(
                Milestone(
                    title=f"Synthetic progress update: {roadmap.title}, {year}",
                    kind=MilestoneKind.PILOT, due_on=dt.date(year + 1, 3, 31),
                    country_id=roadmap.country_id, status=MilestoneStatus.DONE,
                    completed_on=dt.date(year + 1, 3, 1), description=MARK,
                )
            )  # fmt: skip
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    it = iter(milestones)
    for roadmap_id in roadmaps:
        for year in YEARS:
            periods.append(
                ReportingPeriod(roadmap_id=roadmap_id, starts_on=dt.date(year, 1, 1),
                                ends_on=dt.date(year, 12, 31), due_on=dt.date(year + 1, 3, 31),
                                milestone=next(it))
            )  # fmt: skip
    ReportingPeriod.objects.bulk_create(periods, batch_size=BATCH)
    owners = {}
    for fp in FocalPoint.objects.current().filter(
        country_id__in={r.country_id for r in roadmaps.values()}
    ):
        owners.setdefault(fp.country_id, []).append(fp.user_id)
    Milestone.owners.through.objects.bulk_create(
        [
            Milestone.owners.through(milestone_id=p.milestone_id, user_id=user_id)
            for p in periods
            for user_id in owners.get(roadmaps[p.roadmap_id].country_id, [])
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )

    framework_of = {f.roadmap_id: f for f in frameworks}
    updates = []
    for period in periods:
        last = period.starts_on.year == YEARS[-1]
        updates.append(
            CountryUpdate(
                period=period, framework=framework_of[period.roadmap_id], narrative=MARK,
                status=UpdateStatus.SUBMITTED if last else UpdateStatus.APPROVED,
                created_by=actor, submitted_at=actor.date_joined,
                approved_at=None if last else actor.date_joined,
            )
        )  # fmt: skip
    CountryUpdate.objects.bulk_create(updates, batch_size=BATCH)
    per_framework: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        per_framework.setdefault(indicator.action.objective.framework_id, []).append(indicator)
    values, reports = [], []
    statuses = [s for s in ActionStatus.values if s != ActionStatus.DROPPED]
    for update in updates:
        year = update.period.starts_on.year
        for indicator in per_framework[update.framework.pk]:
            drift = Decimal(rng.randint(-3, 5)) * (year - 2021)
            values.append(
                IndicatorValue(update=update, indicator=indicator,
                               value=indicator.baseline_value + drift)
            )  # fmt: skip
        for action in by_framework[update.framework.pk]:
            reports.append(ActionReport(update=update, action=action, status=rng.choice(statuses)))
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)
    ActionReport.objects.bulk_create(reports, batch_size=BATCH)
    return len(frameworks)
