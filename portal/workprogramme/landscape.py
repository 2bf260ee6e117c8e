"""The support landscape: organisations by pilots, with each pilot's gaps (a step nobody
supports) and overlaps (three or more organisations on one step).

The rule for both lives here, once: `GAP` is a step that is not done and that no support record
in view covers; `OVERLAP_AT` organisations on one step of one pilot make an overlap. "In view"
means after the page's filters, so filtering by role asks e.g. "which steps have no donor?".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from pilots.choices import RoadmapStep, StepStatus
from pilots.models import Pilot, PilotStep, PilotSupport
from programme.models import Organisation

OVERLAP_AT = 3


@dataclass
class StepFlag:
    """A gap or an overlap on one step of one pilot."""

    pilot: Pilot
    step: int
    organisations: list[Organisation] = field(default_factory=list)

    @property
    def step_label(self) -> str:
        return RoadmapStep(self.step).label


@dataclass
class Column:
    """One pilot of the matrix with its own gaps and overlaps (for the matrix's last row)."""

    pilot: Pilot
    gaps: list[StepFlag] = field(default_factory=list)
    overlaps: list[StepFlag] = field(default_factory=list)


@dataclass
class Landscape:
    organisations: list[Organisation]
    pilots: list[Pilot]
    gaps: list[StepFlag]
    overlaps: list[StepFlag]
    steps: list[int]
    columns: list[Column] = field(default_factory=list)
    # The supports of each (organisation, pilot) that has any.
    cells: dict[tuple[int, int], list[PilotSupport]] = field(default_factory=dict)

    @property
    def rows(self) -> list[tuple[Organisation, list[list[PilotSupport]]]]:
        """Every organisation with its supports of every pilot (the whole matrix)."""
        return [
            (org, [self.cells.get((org.pk, p.pk), []) for p in self.pilots])
            for org in self.organisations
        ]

    def rows_for(self, pilots: list[Pilot]) -> list[tuple[Organisation, list[list[PilotSupport]]]]:
        """The matrix over `pilots` only (a page of it): the organisations supporting one of
        them, each with its supports of each; built from those pilots alone, not the whole
        matrix (hundreds of organisations by hundreds of pilots)."""
        supporting = {
            org_id for org_id, pilot_id in self.cells if pilot_id in {p.pk for p in pilots}
        }
        return [
            (org, [self.cells.get((org.pk, p.pk), []) for p in pilots])
            for org in self.organisations
            if org.pk in supporting
        ]


def support_steps(support: PilotSupport) -> list[int]:
    scope = getattr(support, "scope", None)
    return list(scope.steps) if scope else []


def support_goals(support: PilotSupport) -> list[int]:
    scope = getattr(support, "scope", None)
    return list(scope.goals) if scope else []


def build_landscape(
    *, supports: QuerySet[PilotSupport], pilots: QuerySet[Pilot], steps: list[int] | None = None
) -> Landscape:
    """The matrix of `supports` (already scoped and filtered) over the columns `pilots`.

    Two queries whatever the number of rows: the supports (with their organisation, pilot and
    scope joined) and the pilots (with their steps prefetched).
    """
    steps = steps or list(RoadmapStep.values)
    pilot_list = list(
        pilots.prefetch_related(
            Prefetch("steps", queryset=PilotStep.objects.order_by("step"), to_attr="step_rows")
        )
    )
    pilot_ids = {p.pk for p in pilot_list}
    support_rows = [s for s in supports if s.pilot_id in pilot_ids]

    organisations: dict[int, Organisation] = {}
    cells: dict[tuple[int, int], list[PilotSupport]] = defaultdict(list)
    on_step: dict[tuple[int, int], dict[int, Organisation]] = defaultdict(dict)
    for support in support_rows:
        organisations.setdefault(support.organisation_id, support.organisation)
        cells[(support.organisation_id, support.pilot_id)].append(support)
        for step in support_steps(support):
            on_step[(support.pilot_id, step)][support.organisation_id] = support.organisation

    gaps, overlaps, columns = [], [], []
    for pilot in pilot_list:
        column = Column(pilot=pilot)
        done = {s.step for s in pilot.step_rows if s.status == StepStatus.DONE}
        for step in steps:
            orgs = list(on_step.get((pilot.pk, step), {}).values())
            if not orgs and step not in done:
                column.gaps.append(StepFlag(pilot=pilot, step=step))
            if len(orgs) >= OVERLAP_AT:
                column.overlaps.append(
                    StepFlag(pilot=pilot, step=step, organisations=sorted(orgs, key=str))
                )
        gaps += column.gaps
        overlaps += column.overlaps
        columns.append(column)
    org_list = sorted(organisations.values(), key=lambda o: str(o).lower())
    return Landscape(
        organisations=org_list,
        pilots=pilot_list,
        gaps=gaps,
        overlaps=overlaps,
        steps=steps,
        columns=columns,
        cells=dict(cells),
    )
