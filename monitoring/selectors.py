"""Scoped reads of the monitoring app: every list comes from `visible_to(user)`, and the
results of a roadmap are read in a fixed number of queries whatever its size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from monitoring.choices import Progress, UpdateStatus
from monitoring.models import (
    EDIT,
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
from monitoring.rules import (
    indicator_expected,
    indicator_on_track,
    roadmap_progress,
    update_may_judge,
)
from roadmaps.choices import VersionStatus
from roadmaps.models import PublicReleaseConsent, Roadmap, RoadmapVersion

# An update that answers its period (the country has reported; it may still be returned).
ANSWERED_STATUSES = (UpdateStatus.SUBMITTED, UpdateStatus.APPROVED)


def framework_list(*, user) -> QuerySet[ResultsFramework]:
    """Frameworks `user` may read."""
    return ResultsFramework.objects.visible_to(user).select_related("roadmap", "version")


def indicator_list(*, user) -> QuerySet[Indicator]:
    """Indicators `user` may read, with what the API and exports show of them."""
    return (
        Indicator.objects.visible_to(user)
        .select_related(
            "action__objective__framework__version", "sdg_indicator", "action__lead_institution"
        )
        .prefetch_related("targets")
        .order_by("action__objective__framework_id", "action__objective__order", "order", "pk")
    )


def period_list(*, user) -> QuerySet[ReportingPeriod]:
    """Reporting periods `user` may read."""
    return ReportingPeriod.objects.visible_to(user).select_related("roadmap__country")


def update_list(*, user) -> QuerySet[CountryUpdate]:
    """Country updates `user` may read: partners and other countries only approved updates of
    published roadmaps."""
    return (
        CountryUpdate.objects.visible_to(user)
        .select_related("period__roadmap__country", "framework__version")
        .order_by("period__roadmap__title", "period__starts_on", "pk")
    )


def update_get(*, user, pk: int, action: str = "view") -> CountryUpdate:
    """One update `user` may read (or act on); CountryUpdate.DoesNotExist otherwise, for
    hidden and unknown ids alike."""
    return (
        CountryUpdate.objects.restrict(user, action)
        .select_related("period__roadmap__country", "period__milestone", "framework__version")
        .get(pk=pk)
    )


def updates_to_review(*, user) -> QuerySet[CountryUpdate]:
    """Submitted updates waiting for `user`'s judgement, oldest first: the secretariat's
    review tasks (nobody else judges, so nobody else has any)."""
    if not update_may_judge(user):
        return CountryUpdate.objects.none()
    return (
        CountryUpdate.objects.restrict(user, EDIT)
        .filter(status=UpdateStatus.SUBMITTED)
        .select_related("period__roadmap__country")
        .order_by("submitted_at", "pk")
    )


def framework_current(*, user, roadmap: Roadmap) -> ResultsFramework | None:
    """The framework updates report against (the latest version's) if `user` may read it,
    with objectives, actions, indicators and targets read in one go."""
    return (
        framework_list(user=user)
        .filter(roadmap=roadmap)
        .order_by("-version__number")
        .prefetch_related(
            Prefetch(
                "objectives",
                Objective.objects.prefetch_related(
                    Prefetch(
                        "actions",
                        Action.objects.select_related("lead_institution").prefetch_related(
                            "targets",
                            Prefetch(
                                "indicators",
                                Indicator.objects.select_related("sdg_indicator").prefetch_related(
                                    "targets"
                                ),
                            ),
                        ),
                    )
                ),
            )
        )
        .first()
    )


@dataclass
class IndicatorResult:
    """One indicator's baseline, targets and approved actuals, by year, for chart and table."""

    indicator: Indicator
    years: list[int]
    targets: dict[int, Decimal]
    actuals: dict[int, Decimal]
    expected: dict[int, Decimal | None] = field(default_factory=dict)
    on_track: bool | None = None


def _latest_approved(updates: QuerySet[CountryUpdate]) -> dict[int, CountryUpdate]:
    """Per period, the approved update that stands: the latest approved one (a correction
    replaces what it corrects)."""
    latest: dict[int, CountryUpdate] = {}
    for update in updates.filter(status=UpdateStatus.APPROVED).order_by("approved_at", "pk"):
        latest[update.period_id] = update
    return latest


def roadmap_results(*, user, roadmap: Roadmap, framework: ResultsFramework | None):
    """Each indicator of `framework` with its baseline, yearly targets and the approved
    actuals `user` may read (one per period, at the period's year), and whether the latest
    actual is on track. A fixed number of queries."""
    return _results(
        framework,
        periods=period_list(user=user).filter(roadmap=roadmap),
        updates=update_list(user=user).filter(period__roadmap=roadmap),
    )


def _results(framework: ResultsFramework | None, *, periods, updates) -> list[IndicatorResult]:
    if framework is None:
        return []
    periods = {p.pk: p for p in periods}
    standing = _latest_approved(updates)
    values: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for value in IndicatorValue.objects.filter(update__in=list(standing.values())).values(
        "indicator_id", "value", "update__period_id"
    ):
        period = periods.get(value["update__period_id"])
        if period is not None:
            values[value["indicator_id"]][period.year] = value["value"]
    results = []
    for objective in framework.objectives.all():
        for action in objective.actions.all():
            for indicator in action.indicators.all():
                targets = {t.year: t.value for t in indicator.targets.all()}
                actuals = values.get(indicator.pk, {})
                years = sorted({indicator.baseline_year, *targets, *actuals})
                result = IndicatorResult(indicator, years, targets, actuals)
                for year in actuals:
                    result.expected[year] = indicator_expected(
                        baseline_year=indicator.baseline_year,
                        baseline_value=indicator.baseline_value,
                        targets=targets,
                        year=year,
                    )
                if actuals:
                    last = max(actuals)
                    result.on_track = indicator_on_track(
                        direction=indicator.direction,
                        expected=result.expected[last],
                        actual=actuals[last],
                    )
                results.append(result)
    return results


def late_q(today=None) -> Q:
    """Periods whose update is past due and not yet submitted (nor approved)."""
    today = today or timezone.localdate()
    answered = CountryUpdate.objects.filter(period=OuterRef("pk"), status__in=ANSWERED_STATUSES)
    return Q(due_on__lt=today) & ~Q(Exists(answered))


@dataclass
class RoadmapProgress:
    """A line of the programme view: how a roadmap stands and what it owes."""

    roadmap: Roadmap
    progress: str
    indicators_on_track: int
    indicators_reported: int
    late_periods: list[ReportingPeriod]
    last_approved: CountryUpdate | None

    @property
    def progress_label(self) -> str:
        return Progress(self.progress).label


def programme_progress(*, user) -> list[RoadmapProgress]:
    """Across the roadmaps `user` may read that have a framework: on track or not (from the
    approved updates `user` may read) and which updates are late. A fixed number of queries."""
    roadmaps = list(
        Roadmap.objects.visible_to(user)
        .filter(Exists(ResultsFramework.objects.filter(roadmap=OuterRef("pk"))))
        .select_related("country")
        .order_by("title")
    )
    ids = [r.pk for r in roadmaps]
    frameworks: dict[int, int] = {}
    for framework_id, roadmap_id in (
        ResultsFramework.objects.filter(roadmap_id__in=ids)
        .order_by("roadmap_id", "version__number")
        .values_list("pk", "roadmap_id")
    ):
        frameworks[roadmap_id] = framework_id  # the latest version's wins
    # Light rows again: the page names periods by their dates only.
    light = (
        period_list(user=user)
        .filter(roadmap_id__in=ids)
        .select_related(None)
        .only("pk", "roadmap_id", "starts_on", "ends_on", "due_on")
    )
    periods = {p.pk: p for p in light}
    late: dict[int, list[ReportingPeriod]] = defaultdict(list)
    for period in light.filter(late_q()):
        late[period.roadmap_id].append(period)
    # Light rows: at programme scale there are thousands of updates, and only their period
    # (already read above) is shown.
    standing = _latest_approved(
        update_list(user=user)
        .filter(period__roadmap_id__in=ids)
        .select_related(None)
        .only("pk", "period_id", "status", "approved_at")
    )
    last_approved: dict[int, CountryUpdate] = {}
    for update in standing.values():
        roadmap_id = periods[update.period_id].roadmap_id if update.period_id in periods else None
        if roadmap_id is None:
            continue
        update.period = periods[update.period_id]
        current = last_approved.get(roadmap_id)
        if (
            current is None
            or periods[update.period_id].ends_on > periods[current.period_id].ends_on
        ):
            last_approved[roadmap_id] = update
    # Plain values, not model instances: the judgement needs five numbers per indicator, and
    # the programme holds thousands of indicators.
    framework_ids = list(frameworks.values())
    targets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, year, value in IndicatorTarget.objects.filter(
        indicator__action__objective__framework_id__in=framework_ids
    ).values_list("indicator_id", "year", "value"):
        targets[indicator_id][year] = value
    indicators = defaultdict(list)
    fields = ("pk", "baseline_year", "baseline_value", "direction")
    for row in Indicator.objects.filter(action__objective__framework_id__in=framework_ids).values(
        *fields, framework=F("action__objective__framework_id")
    ):
        indicators[row["framework"]].append(row)
    actuals: dict[int, Decimal] = {
        v["indicator_id"]: v["value"]
        for v in IndicatorValue.objects.filter(update__in=list(last_approved.values())).values(
            "indicator_id", "value"
        )
    }
    lines = []
    for roadmap in roadmaps:
        update = last_approved.get(roadmap.pk)
        judgements = []
        if update is not None:
            year = periods[update.period_id].year
            for indicator in indicators.get(frameworks.get(roadmap.pk), []):
                expected = indicator_expected(
                    baseline_year=indicator["baseline_year"],
                    baseline_value=indicator["baseline_value"],
                    targets=targets.get(indicator["pk"], {}),
                    year=year,
                )
                judgements.append(
                    indicator_on_track(
                        direction=indicator["direction"],
                        expected=expected,
                        actual=actuals.get(indicator["pk"]),
                    )
                )
        known = [j for j in judgements if j is not None]
        lines.append(
            RoadmapProgress(
                roadmap=roadmap,
                progress=roadmap_progress(judgements),
                indicators_on_track=sum(known),
                indicators_reported=len(known),
                late_periods=sorted(late.get(roadmap.pk, []), key=lambda p: p.due_on),
                last_approved=update,
            )
        )
    return lines


def update_detail_rows(update: CountryUpdate):
    """An update's indicators with their actual values and actions with their statuses, in
    framework order (two queries)."""
    values = {v.indicator_id: v for v in update.values.all()}
    reports = {r.action_id: r for r in ActionReport.objects.filter(update=update)}
    actions = list(
        Action.objects.filter(objective__framework_id=update.framework_id)
        .select_related("objective", "lead_institution")
        .prefetch_related("indicators")
        .order_by("objective__order", "objective_id", "order", "pk")
    )
    return [
        (action, reports.get(action.pk), [(i, values.get(i.pk)) for i in action.indicators.all()])
        for action in actions
    ]


# --- The public site ------------------------------------------------------------------------


def _released_versions():
    """Published versions whose country consented to show them to the world (the public
    site's rule: published to partners is not published to the world)."""
    consent = PublicReleaseConsent.objects.in_force().filter(version=OuterRef("pk"))
    return RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED).filter(Exists(consent))


def public_progress_roadmaps() -> QuerySet[Roadmap]:
    """Roadmaps the world may read the progress of: a released version with a framework."""
    released = _released_versions().filter(roadmap=OuterRef("pk"))
    framework = ResultsFramework.objects.filter(
        roadmap=OuterRef("pk"), version__in=_released_versions()
    )
    return (
        Roadmap.objects.filter(Exists(released), Exists(framework))
        .select_related("country")
        .order_by("title")
    )


def public_progress(*, roadmap: Roadmap):
    """A released roadmap's framework (its latest released version's) and the actuals of its
    approved updates: nothing a draft or a returned update says."""
    framework = (
        ResultsFramework.objects.filter(roadmap=roadmap, version__in=_released_versions())
        .order_by("-version__number")
        .select_related("version")
        .prefetch_related(
            "objectives__actions__indicators__targets",
            "objectives__actions__indicators__sdg_indicator",
        )
        .first()
    )
    results = _results(
        framework,
        periods=ReportingPeriod.objects.filter(roadmap=roadmap),
        updates=CountryUpdate.objects.filter(period__roadmap=roadmap, status=UpdateStatus.APPROVED),
    )
    return framework, results
