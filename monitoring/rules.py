"""The rules of monitoring, one predicate each.

Services enforce these; views, templates (through the `monitoring_rules` tag library),
serializers and the admin ask them, so a page never offers what a service would refuse. Each
rule that can refuse has a `*_refusal` form returning the domain error (None when allowed).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from base.errors import DomainError, IllegalTransition, NotPermitted
from monitoring.choices import (
    EDITABLE_UPDATE_STATUSES,
    UPDATE_STATUS_MOVES,
    Direction,
    Progress,
    UpdateStatus,
)
from monitoring.models import (
    EDIT,
    Action,
    ActionReport,
    CountryUpdate,
    Evidence,
    Indicator,
    IndicatorValue,
    Objective,
    ReportingPeriod,
    ResultsFramework,
)
from roadmaps.models import Roadmap, RoadmapVersion
from roadmaps.rules import roadmap_can_upload


@dataclass(frozen=True)
class Move:
    """A move of a country update a user may make now, and whether it needs a comment."""

    to_status: str
    # A return says what to fix, so the country knows; the comment goes into the history.
    needs_comment: bool = False


def _status_label(status: str) -> str:
    return UpdateStatus(status).label.lower() if status in UpdateStatus.values else status


# --- Who sees and keeps a roadmap's monitoring ----------------------------------------------


def progress_overview_refusal(user) -> DomainError | None:
    """Who opens the programme view across pilots: everyone signed in (each sees the
    roadmaps and updates their own scope holds; partners read through the API)."""
    if not user.is_authenticated:
        return NotPermitted(_("Sign in to see the programme's progress."))
    return None


def progress_overview_can_open(user) -> bool:
    return progress_overview_refusal(user) is None


def monitoring_visible(user, roadmap: Roadmap) -> bool:
    """Whether `user` may open a roadmap's results page: whoever may read the roadmap (what
    the page then shows is each record's own scoping)."""
    return Roadmap.objects.visible_to(user).filter(pk=roadmap.pk).exists()


def monitoring_keep_refusal(user, roadmap: Roadmap) -> DomainError | None:
    """Who keeps a roadmap's framework and reporting periods: its country's focal points and
    the secretariat (the same people who upload its drafts)."""
    if not roadmap_can_upload(user, roadmap):
        return NotPermitted(_("Only the country's focal points and the secretariat may do this."))
    return None


def monitoring_can_keep(user, roadmap: Roadmap) -> bool:
    """Whether the page offers editing the framework and the periods (the services' rule)."""
    return monitoring_keep_refusal(user, roadmap) is None


def framework_create_refusal(user, version: RoadmapVersion) -> DomainError | None:
    """A framework is made once per version, by those who keep the roadmap's monitoring."""
    refusal = monitoring_keep_refusal(user, version.roadmap)
    if refusal is not None:
        return refusal
    if ResultsFramework.objects.filter(version_id=version.pk).exists():
        return IllegalTransition(
            _("Version %(number)s already has a results framework.") % {"number": version.number},
            code="framework_exists",
        )
    return None


def framework_edit_refusal(user, framework: ResultsFramework) -> DomainError | None:
    """Who may change a framework's objectives, actions and indicators."""
    if not ResultsFramework.objects.restrict(user, EDIT).filter(pk=framework.pk).exists():
        return NotPermitted(_("You may not change this results framework."))
    return None


def framework_can_edit(user, framework: ResultsFramework) -> bool:
    return framework_edit_refusal(user, framework) is None


# --- Framework items ----------------------------------------------------------------------

# Updates that are the record: once the country has handed an update over, what it reports on
# stays in the framework (drafts and returned updates are still the country's to change).
ON_RECORD_STATUSES = (UpdateStatus.SUBMITTED, UpdateStatus.APPROVED)

FrameworkItem = Objective | Action | Indicator


def framework_of(item: FrameworkItem) -> ResultsFramework:
    """The framework an objective, action or indicator belongs to."""
    if isinstance(item, Indicator):
        return item.action.objective.framework
    if isinstance(item, Action):
        return item.objective.framework
    return item.framework


def framework_item_entries(item: FrameworkItem) -> tuple[Q, Q]:
    """Which indicator values and action reports are about `item` (or what lies under it)."""
    if isinstance(item, Indicator):
        return Q(indicator=item), Q(pk__in=[])
    if isinstance(item, Action):
        return Q(indicator__action=item), Q(action=item)
    return Q(indicator__action__objective=item), Q(action__objective=item)


def framework_item_on_record(item: FrameworkItem) -> bool:
    """Whether a submitted or approved update reports on `item` or on anything under it."""
    values, reports = framework_item_entries(item)
    on_record = Q(update__status__in=ON_RECORD_STATUSES)
    return (
        IndicatorValue.objects.filter(values, on_record).exists()
        or ActionReport.objects.filter(reports, on_record).exists()
    )


def framework_items_on_record(framework: ResultsFramework) -> dict[str, set[int]]:
    """For a framework's edit page, in two queries: the pks of its objectives, actions and
    indicators that a submitted or approved update reports on."""
    on_record = Q(update__status__in=ON_RECORD_STATUSES)
    values = IndicatorValue.objects.filter(
        on_record, indicator__action__objective__framework=framework
    ).values_list("indicator_id", "indicator__action_id", "indicator__action__objective_id")
    reports = ActionReport.objects.filter(
        on_record, action__objective__framework=framework
    ).values_list("action_id", "action__objective_id")
    found: dict[str, set[int]] = {"indicator": set(), "action": set(), "objective": set()}
    for indicator_id, action_id, objective_id in values.distinct():
        found["indicator"].add(indicator_id)
        found["action"].add(action_id)
        found["objective"].add(objective_id)
    for action_id, objective_id in reports.distinct():
        found["action"].add(action_id)
        found["objective"].add(objective_id)
    return found


def framework_item_delete_refusal_on(*, on_record: bool) -> DomainError | None:
    """The rule of `framework_item_delete_refusal` once permission is known (for pages
    listing many items, which read what is on record in a fixed number of queries)."""
    if on_record:
        return IllegalTransition(
            _(
                "A submitted or approved update reports on this, so it stays in the framework: "
                "the update is the record."
            ),
            code="on_record",
        )
    return None


def framework_item_delete_refusal(user, item: FrameworkItem) -> DomainError | None:
    """Who may take an objective, action or indicator out of a framework, and when: those
    who may change the framework, unless the item is on record."""
    refusal = framework_edit_refusal(user, framework_of(item))
    if refusal is not None:
        return refusal
    return framework_item_delete_refusal_on(on_record=framework_item_on_record(item))


def framework_item_can_delete(user, item: FrameworkItem) -> bool:
    return framework_item_delete_refusal(user, item) is None


def period_keep_refusal(user, period: ReportingPeriod) -> DomainError | None:
    """Who may change a reporting period: those who keep the roadmap's monitoring."""
    if not ReportingPeriod.objects.restrict(user, EDIT).filter(pk=period.pk).exists():
        return NotPermitted(_("You may not change this reporting period."))
    return None


# --- Country updates ------------------------------------------------------------------------


def update_start_refusal(user, period: ReportingPeriod) -> DomainError | None:
    """A period gets one update, started by the country (or the secretariat for it), against
    the roadmap's current framework."""
    return update_start_refusal_on(
        may_report=ReportingPeriod.objects.restrict(user, EDIT).filter(pk=period.pk).exists(),
        has_update=CountryUpdate.objects.filter(
            period_id=period.pk, corrects__isnull=True
        ).exists(),
        has_framework=ResultsFramework.objects.filter(roadmap_id=period.roadmap_id).exists(),
    )


def update_start_refusal_on(
    *, may_report: bool, has_update: bool, has_framework: bool
) -> DomainError | None:
    """The rule of `update_start_refusal` on plain values (for pages listing many periods,
    which read them in a fixed number of queries)."""
    if not may_report:
        return NotPermitted(_("You may not report on this period."))
    if has_update:
        return IllegalTransition(
            _("This period already has an update; an approved one is corrected, not repeated."),
            code="update_exists",
        )
    if not has_framework:
        return IllegalTransition(
            _("The roadmap has no results framework to report against yet."),
            code="no_framework",
        )
    return None


def update_can_start(user, period: ReportingPeriod) -> bool:
    return update_start_refusal(user, period) is None


def update_edit_refusal(user, update: CountryUpdate) -> DomainError | None:
    """The country fills its update while it is a draft or returned; never once submitted
    (the secretariat is reading it) or approved (it is the record)."""
    if not CountryUpdate.objects.restrict(user, EDIT).filter(pk=update.pk).exists():
        return NotPermitted(_("You may not change this update."))
    if update.status == UpdateStatus.APPROVED:
        return IllegalTransition(
            _("An approved update cannot be changed; correct it with a new update."),
            code="approved",
        )
    if update.status not in EDITABLE_UPDATE_STATUSES:
        return IllegalTransition(
            _("This update is with the secretariat; it can be changed once it is returned."),
            code="with_secretariat",
        )
    return None


def update_can_edit(user, update: CountryUpdate) -> bool:
    return update_edit_refusal(user, update) is None


def update_correct_refusal(user, update: CountryUpdate) -> DomainError | None:
    """An approved update is corrected once, by a new update (the correction may itself be
    corrected once it is approved)."""
    if not CountryUpdate.objects.restrict(user, EDIT).filter(pk=update.pk).exists():
        return NotPermitted(_("You may not correct this update."))
    if update.status != UpdateStatus.APPROVED:
        return IllegalTransition(
            _("Only an approved update is corrected; change this one instead."),
            code="not_approved",
        )
    if CountryUpdate.objects.filter(corrects_id=update.pk).exists():
        return IllegalTransition(
            _("This update already has a correction."), code="correction_exists"
        )
    return None


def update_can_correct(user, update: CountryUpdate) -> bool:
    return update_correct_refusal(user, update) is None


def evidence_remove_refusal(user, evidence: Evidence) -> DomainError | None:
    """Evidence comes off an update only while the country may still change the update."""
    return update_edit_refusal(user, evidence.update)


def evidence_can_remove(user, evidence: Evidence) -> bool:
    return evidence_remove_refusal(user, evidence) is None


def update_may_judge(user) -> bool:
    """Who approves or returns a submitted update: the secretariat."""
    return bool(user.is_authenticated and user.is_secretariat)


def update_move_check(user, update: CountryUpdate, to_status: str) -> Move:
    """The one rule for a move of a country update: who may make it, from which status, and
    what it needs. Returns the Move, or raises the DomainError that refuses it."""
    if to_status not in UpdateStatus.values:
        raise IllegalTransition(_("There is no status “%(status)s”.") % {"status": to_status})
    if not CountryUpdate.objects.restrict(user, EDIT).filter(pk=update.pk).exists():
        raise NotPermitted(_("You may not make this move on this update."))
    # Submitting is the country's (or the secretariat's for it); judging is the secretariat's.
    if to_status != UpdateStatus.SUBMITTED and not update_may_judge(user):
        raise NotPermitted(_("Only the secretariat may approve or return an update."))
    label = _status_label(to_status)
    if update.status == to_status:
        raise IllegalTransition(
            _("This update is already %(status)s.") % {"status": label}, code="already"
        )
    if to_status not in UPDATE_STATUS_MOVES.get(update.status, ()):
        raise IllegalTransition(
            _("An update that is %(current)s cannot be %(status)s.")
            % {"current": _status_label(update.status), "status": label}
        )
    if to_status == UpdateStatus.SUBMITTED and not update.narrative.strip():
        raise IllegalTransition(
            _("Write the narrative before submitting: what happened in the period."),
            code="narrative_required",
        )
    return Move(to_status, needs_comment=to_status == UpdateStatus.RETURNED)


def update_move_comment_missing() -> DomainError:
    """The refusal for a return made without saying what to fix."""
    return IllegalTransition(
        _("Say why the update is returned, so the country knows what to fix."),
        code="reason_required",
    )


def _evaluate(user, update: CountryUpdate) -> tuple[list[Move], list[str]]:
    moves, reasons = [], []
    order = list(UpdateStatus.values)
    for to_status in sorted(UPDATE_STATUS_MOVES[update.status], key=order.index):
        try:
            moves.append(update_move_check(user, update, to_status))
        except NotPermitted:
            continue
        except DomainError as exc:
            reasons.append(exc.message)
    return moves, reasons


def update_allowed_moves(user, update: CountryUpdate) -> list[Move]:
    """The moves `user` may make on `update` now: exactly what the service would accept."""
    return _evaluate(user, update)[0]


def update_blocked_reasons(user, update: CountryUpdate) -> list[str]:
    """Why moves this user's role could make are refused now (e.g. no narrative yet)."""
    return _evaluate(user, update)[1]


# --- Progress -------------------------------------------------------------------------------

# A roadmap is on track when at least this share of its reported indicators meet the value
# expected for their year (the programme's working definition, said on the overview page).
ON_TRACK_SHARE = Decimal("0.5")


def indicator_expected(
    *, baseline_year: int, baseline_value: Decimal, targets: dict[int, Decimal], year: int
) -> Decimal | None:
    """The value an indicator should have reached by `year`: the year's target, else a
    straight line from the last known point (baseline or earlier target) to the next target.
    None when no target lies at or after `year`."""
    points = {baseline_year: baseline_value, **targets}
    if year in points:
        return points[year]
    later = sorted(y for y in points if y > year)
    earlier = sorted(y for y in points if y < year)
    if not later or not earlier:
        return None
    y0, y1 = earlier[-1], later[0]
    v0, v1 = points[y0], points[y1]
    return v0 + (v1 - v0) * Decimal(year - y0) / Decimal(y1 - y0)


def indicator_on_track(*, direction: str, expected: Decimal | None, actual: Decimal | None):
    """Whether an actual value meets the expected one in the indicator's direction; None when
    either is unknown."""
    if expected is None or actual is None:
        return None
    return actual >= expected if direction == Direction.INCREASE else actual <= expected


def roadmap_progress(judgements: list[bool | None]) -> str:
    """On track, off track or no data, from each reported indicator's on-track judgement."""
    known = [j for j in judgements if j is not None]
    if not known:
        return Progress.NO_DATA
    share = Decimal(sum(known)) / Decimal(len(known))
    return Progress.ON_TRACK if share >= ON_TRACK_SHARE else Progress.OFF_TRACK
