"""Every write of the monitoring app: reference SDG indicators, results frameworks, reporting
periods and country updates. Each service is atomic, checks the rule in monitoring/rules.py
that allows it, and runs the models' full_clean()."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

from monitoring.choices import ActionStatus, UpdateStatus
from monitoring.models import (
    Action,
    ActionReport,
    CountryUpdate,
    Evidence,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Objective,
    ReportingPeriod,
    ResultsFramework,
    SdgIndicator,
    UpdateTransition,
)
from monitoring.notifications import update_transition_notify
from monitoring.rules import (
    evidence_remove_refusal,
    framework_create_refusal,
    framework_edit_refusal,
    framework_item_delete_refusal,
    framework_item_delete_refusal_on,
    framework_item_entries,
    framework_of,
    monitoring_keep_refusal,
    period_keep_refusal,
    update_correct_refusal,
    update_edit_refusal,
    update_move_check,
    update_move_comment_missing,
    update_start_refusal,
)
from pilots.models import FocalPoint
from programme.choices import MilestoneKind, MilestoneStatus
from programme.models import User
from programme.services import milestone_attach, milestone_reschedule, reference_rows_sync
from roadmaps.models import Roadmap, RoadmapVersion, Target

# Moves that tell someone by email once the transaction has committed.
NOTIFY_ON = frozenset({UpdateStatus.SUBMITTED, UpdateStatus.RETURNED, UpdateStatus.APPROVED})

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


# --- Results frameworks ---------------------------------------------------------------------


def _apply(instance, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)


@transaction.atomic
def framework_create(*, actor: User, version: RoadmapVersion) -> ResultsFramework:
    """Give a roadmap version its results framework: a copy of the latest earlier version's
    framework when there is one (a new version usually keeps most of its plan), else empty."""
    # The roadmap row is the lock: two frameworks for one version cannot race past the check.
    Roadmap.objects.select_for_update().get(pk=version.roadmap_id)
    refusal = framework_create_refusal(actor, version)
    if refusal is not None:
        raise refusal
    source = (
        ResultsFramework.objects.filter(
            roadmap_id=version.roadmap_id, version__number__lt=version.number
        )
        .order_by("-version__number")
        .first()
    )
    framework = ResultsFramework(roadmap_id=version.roadmap_id, version=version, copied_from=source)
    framework.full_clean()
    framework.save()
    if source is not None:
        _framework_copy(source, framework)
    return framework


def _framework_copy(source: ResultsFramework, framework: ResultsFramework) -> None:
    """Copy objectives, actions (with their SDG targets), indicators and yearly targets, in a
    fixed number of queries."""
    objectives = list(source.objectives.all())
    actions = list(Action.objects.filter(objective__framework=source).prefetch_related("targets"))
    indicators = list(Indicator.objects.filter(action__objective__framework=source))
    targets = list(IndicatorTarget.objects.filter(indicator__action__objective__framework=source))
    new_objectives = {}
    for objective in objectives:
        old = objective.pk
        objective.pk, objective.framework = None, framework
        new_objectives[old] = objective
    Objective.objects.bulk_create(new_objectives.values())
    new_actions, action_targets = {}, {}
    for action in actions:
        old = action.pk
        action_targets[old] = [t.pk for t in action.targets.all()]
        action.pk, action.objective = None, new_objectives[action.objective_id]
        new_actions[old] = action
    Action.objects.bulk_create(new_actions.values())
    Action.targets.through.objects.bulk_create(
        Action.targets.through(action_id=new_actions[old].pk, target_id=target_id)
        for old, target_ids in action_targets.items()
        for target_id in target_ids
    )
    new_indicators = {}
    for indicator in indicators:
        old = indicator.pk
        indicator.pk, indicator.action = None, new_actions[indicator.action_id]
        new_indicators[old] = indicator
    Indicator.objects.bulk_create(new_indicators.values())
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=new_indicators[t.indicator_id], year=t.year, value=t.value)
        for t in targets
    )


def _framework_lock(actor: User, framework: ResultsFramework) -> ResultsFramework:
    framework = ResultsFramework.objects.select_for_update().get(pk=framework.pk)
    refusal = framework_edit_refusal(actor, framework)
    if refusal is not None:
        raise refusal
    return framework


@transaction.atomic
def objective_save(
    *, actor: User, framework: ResultsFramework, objective: Objective | None = None, **fields: Any
) -> Objective:
    """Add an objective to a framework, or change one of its objectives."""
    framework = _framework_lock(actor, framework)
    if objective is None:
        objective = Objective(framework=framework)
    elif objective.framework_id != framework.pk:
        raise ValidationError(gettext("This objective belongs to another framework."))
    _apply(objective, fields)
    objective.full_clean()
    objective.save()
    return objective


@transaction.atomic
def action_save(
    *,
    actor: User,
    objective: Objective,
    action: Action | None = None,
    targets: Iterable[Target] | None = None,
    **fields: Any,
) -> Action:
    """Add an action to an objective (lead institution, dates, SDG targets), or change one."""
    _framework_lock(actor, objective.framework)
    if action is None:
        action = Action(objective=objective)
    elif action.objective.framework_id != objective.framework_id:
        raise ValidationError(gettext("This action belongs to another framework."))
    else:
        action.objective = objective
    _apply(action, fields)
    action.full_clean()
    action.save()
    if targets is not None:
        action.targets.set(targets)
    return action


def _targets_check(targets: Mapping[int, Decimal], baseline_year: int | None) -> None:
    bad = sorted(year for year in targets if baseline_year is not None and year <= baseline_year)
    if bad:
        raise ValidationError(
            {
                "targets": gettext("Target years come after the baseline year (%(year)s): %(bad)s.")
                % {"year": baseline_year, "bad": ", ".join(str(y) for y in bad)}
            }
        )


@transaction.atomic
def indicator_save(
    *,
    actor: User,
    action: Action,
    indicator: Indicator | None = None,
    targets: Mapping[int, Decimal] | None = None,
    **fields: Any,
) -> Indicator:
    """Add an indicator to an action, or change one; `targets` ({year: value}) replaces its
    yearly targets when given."""
    _framework_lock(actor, action.objective.framework)
    if indicator is None:
        indicator = Indicator(action=action)
    elif indicator.action.objective.framework_id != action.objective.framework_id:
        raise ValidationError(gettext("This indicator belongs to another framework."))
    else:
        indicator.action = action
    _apply(indicator, fields)
    indicator.full_clean()
    if targets is not None:
        _targets_check(targets, indicator.baseline_year)
    indicator.save()
    if targets is not None:
        indicator.targets.exclude(year__in=list(targets)).delete()
        existing = {t.year: t for t in indicator.targets.all()}
        for year, value in sorted(targets.items()):
            row = existing.get(year) or IndicatorTarget(indicator=indicator, year=year)
            row.value = value
            row.full_clean()
            row.save()
    return indicator


@transaction.atomic
def framework_item_delete(*, actor: User, item: Objective | Action | Indicator) -> None:
    """Take an objective, action or indicator (and what lies under it) out of a framework.
    What a submitted or approved update reports on stays (monitoring.rules); entries of drafts
    and returned updates on it go with it, since the country is still writing those."""
    _framework_lock(actor, framework_of(item))
    refusal = framework_item_delete_refusal(actor, item)
    if refusal is not None:
        raise refusal
    values, reports = framework_item_entries(item)
    IndicatorValue.objects.filter(values).delete()
    ActionReport.objects.filter(reports).delete()
    try:
        with transaction.atomic():
            item.delete()
    except ProtectedError as exc:
        # An update was handed over between the check and the delete: the rows say no.
        raise framework_item_delete_refusal_on(on_record=True) from exc


# --- Reporting periods ----------------------------------------------------------------------


def period_owners(roadmap: Roadmap) -> list[User]:
    """Who is reminded of a period's update: the country's current focal points."""
    if roadmap.country_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            focal_points__in=FocalPoint.objects.current().filter(country_id=roadmap.country_id),
        ).distinct()
    )


# Kept as a pattern on the milestone and translated when shown (Milestone.display_title).
PERIOD_TITLE = gettext_noop("Progress update: %(roadmap)s, %(starts_on)s to %(ends_on)s")


def _period_title_args(roadmap: Roadmap, period: ReportingPeriod) -> dict:
    return {
        "roadmap": str(roadmap),
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
    }


def _period_title(roadmap: Roadmap, period: ReportingPeriod) -> str:
    """The English title (the milestone shows `display_title` in the reader's language)."""
    with translation.override("en"):
        return PERIOD_TITLE % {
            "roadmap": str(roadmap),
            "starts_on": date_format(period.starts_on, "DATE_FORMAT"),
            "ends_on": date_format(period.ends_on, "DATE_FORMAT"),
        }


@transaction.atomic
def period_create(*, actor: User, roadmap: Roadmap, starts_on, ends_on, due_on) -> ReportingPeriod:
    """Add a reporting period; its due date becomes a milestone of the country's focal points,
    so the programme's reminders ask for the update."""
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    refusal = monitoring_keep_refusal(actor, roadmap)
    if refusal is not None:
        raise refusal
    period = ReportingPeriod(roadmap=roadmap, starts_on=starts_on, ends_on=ends_on, due_on=due_on)
    period.full_clean(exclude=["milestone"])
    period.milestone = milestone_attach(
        title=_period_title(roadmap, period),
        title_template=PERIOD_TITLE,
        title_args=_period_title_args(roadmap, period),
        kind=MilestoneKind.PILOT,
        due_on=due_on,
        owners=period_owners(roadmap),
        country=roadmap.country,
    )
    period.save()
    return period


@transaction.atomic
def period_update(
    *, actor: User, period: ReportingPeriod, starts_on, ends_on, due_on
) -> ReportingPeriod:
    """Move a reporting period; its milestone moves with it (and is reminded for the new
    date)."""
    Roadmap.objects.select_for_update().get(pk=period.roadmap_id)
    period = ReportingPeriod.objects.select_related("roadmap", "milestone").get(pk=period.pk)
    refusal = period_keep_refusal(actor, period)
    if refusal is not None:
        raise refusal
    period.starts_on, period.ends_on, period.due_on = starts_on, ends_on, due_on
    period.full_clean()
    period.save()
    milestone_reschedule(
        period.milestone,
        due_on=due_on,
        title=_period_title(period.roadmap, period),
        title_args=_period_title_args(period.roadmap, period),
        owners=period_owners(period.roadmap),
    )
    return period


# --- Country updates ------------------------------------------------------------------------


def _current_framework(roadmap_id: int) -> ResultsFramework | None:
    """The framework updates report against: the one of the roadmap's latest version."""
    return (
        ResultsFramework.objects.filter(roadmap_id=roadmap_id).order_by("-version__number").first()
    )


@transaction.atomic
def update_start(*, actor: User, period: ReportingPeriod) -> CountryUpdate:
    """Start the period's update (a draft) against the roadmap's current framework."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    refusal = update_start_refusal(actor, period)
    if refusal is not None:
        raise refusal
    update = CountryUpdate(
        period=period, framework=_current_framework(period.roadmap_id), created_by=actor
    )
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def update_correct(*, actor: User, update: CountryUpdate, reason: str) -> CountryUpdate:
    """Start the correction of an approved update: a new draft that says why, starting from
    the approved values, statuses and evidence links. The approved update stays as it was."""
    original = CountryUpdate.objects.select_for_update().get(pk=update.pk)
    refusal = update_correct_refusal(actor, original)
    if refusal is not None:
        raise refusal
    correction = CountryUpdate(
        period_id=original.period_id,
        framework_id=original.framework_id,
        narrative=original.narrative,
        corrects=original,
        correction_reason=reason.strip(),
        created_by=actor,
    )
    correction.full_clean()
    correction.save()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(update=correction, indicator_id=v.indicator_id, value=v.value, note=v.note)
        for v in original.values.all()
    )
    ActionReport.objects.bulk_create(
        ActionReport(update=correction, action_id=r.action_id, status=r.status, note=r.note)
        for r in original.action_reports.all()
    )
    Evidence.objects.bulk_create(
        Evidence(update=correction, title=e.title, url=e.url, added_by=actor)
        for e in original.evidence.exclude(url="")
    )
    return correction


def _update_lock(actor: User, update: CountryUpdate) -> CountryUpdate:
    update = CountryUpdate.objects.select_for_update().get(pk=update.pk)
    refusal = update_edit_refusal(actor, update)
    if refusal is not None:
        raise refusal
    return update


def value_field(indicator_id: int) -> str:
    """The key of an indicator's actual value in forms, the API and errors."""
    return f"value_{indicator_id}"


def status_field(action_id: int) -> str:
    """The key of an action's status in forms, the API and errors."""
    return f"status_{action_id}"


@transaction.atomic
def update_save(
    *,
    actor: User,
    update: CountryUpdate,
    narrative: str | None = None,
    values: Mapping[int, Decimal | None] | None = None,
    statuses: Mapping[int, str | None] | None = None,
) -> CountryUpdate:
    """Record the country's narrative, each indicator's actual value (None clears it) and each
    action's status (None or "" clears it). All or nothing: any bad value refuses the whole
    save, with the error on that value's field."""
    update = _update_lock(actor, update)
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(action__objective__framework_id=update.framework_id)
    }
    actions = set(
        Action.objects.filter(objective__framework_id=update.framework_id).values_list(
            "pk", flat=True
        )
    )
    errors: dict[str, list[str]] = {}
    values = dict(values or {})
    statuses = dict(statuses or {})
    value_field_obj = IndicatorValue._meta.get_field("value")
    for indicator_id, value in values.items():
        key = value_field(indicator_id)
        if indicator_id not in indicators:
            errors[key] = [gettext("This indicator is not in the update's framework.")]
            continue
        if value is None:
            continue
        try:
            value_field_obj.clean(value, None)
        except ValidationError as exc:
            errors[key] = [
                gettext("%(message)s (in %(unit)s)")
                % {"message": message, "unit": indicators[indicator_id].unit}
                for message in exc.messages
            ]
    for action_id, status in statuses.items():
        key = status_field(action_id)
        if action_id not in actions:
            errors[key] = [gettext("This action is not in the update's framework.")]
        elif status and status not in ActionStatus.values:
            errors[key] = [gettext("Choose one of the listed statuses.")]
    if errors:
        raise ValidationError(errors)
    if narrative is not None:
        update.narrative = narrative
    update.full_clean()
    update.save()
    _rows_sync(
        IndicatorValue,
        update,
        "indicator_id",
        {k: v for k, v in values.items() if v is not None},
        [k for k, v in values.items() if v is None],
        "value",
    )
    _rows_sync(
        ActionReport,
        update,
        "action_id",
        {k: v for k, v in statuses.items() if v},
        [k for k, v in statuses.items() if not v],
        "status",
    )
    return update


def _rows_sync(model, update, key: str, keep: dict, drop: list, field: str) -> None:
    """Make the update's rows of `model` say `keep` ({id: value}) and forget `drop`, in a fixed
    number of queries."""
    rows = model.objects.filter(update=update)
    if drop:
        rows.filter(**{f"{key}__in": drop}).delete()
    existing = {getattr(r, key): r for r in rows.filter(**{f"{key}__in": list(keep)})}
    changed, new = [], []
    for item_id, value in keep.items():
        row = existing.get(item_id)
        if row is None:
            new.append(model(update=update, **{key: item_id, field: value}))
        elif getattr(row, field) != value:
            setattr(row, field, value)
            changed.append(row)
    model.objects.bulk_create(new)
    model.objects.bulk_update(changed, [field])


@transaction.atomic
def evidence_add(
    *, actor: User, update: CountryUpdate, title: str, file=None, url: str = ""
) -> Evidence:
    """Attach a file (checked by the upload rules, stored privately) or a link to an update.
    A file that fails any check leaves neither a row nor a stored file."""
    update = _update_lock(actor, update)
    evidence = Evidence(update=update, title=title, url=url, added_by=actor)
    if file is not None:
        evidence.file = file
        evidence.original_filename = getattr(file, "name", "") or ""
    evidence.full_clean()
    try:
        evidence.save()
    except Exception:
        # Nothing half-saved: a row that fails to save leaves no stored file behind.
        if evidence.file and evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, actor: User, evidence: Evidence) -> None:
    """Take evidence off an update the country may still change (its file goes after commit)."""
    evidence.update = CountryUpdate.objects.select_for_update().get(pk=evidence.update_id)
    refusal = evidence_remove_refusal(actor, evidence)
    if refusal is not None:
        raise refusal
    name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    evidence.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def update_transition(
    *, actor: User, update: CountryUpdate, to_status: str, comment: str = ""
) -> UpdateTransition:
    """Move an update through its workflow (submit, return with a comment, approve). The row
    is locked, so a period's update cannot be submitted or approved twice; the move is kept
    with its comment, the period's milestone follows, and emails go after commit."""
    update = CountryUpdate.objects.select_for_update().select_related("period").get(pk=update.pk)
    move = update_move_check(actor, update, to_status)
    comment = comment.strip()
    if move.needs_comment and not comment:
        raise update_move_comment_missing()
    from_status = update.status
    now = timezone.now()
    update.status = to_status
    if to_status == UpdateStatus.SUBMITTED:
        update.submitted_at = now
    elif to_status == UpdateStatus.APPROVED:
        update.approved_at = now
    # The stored row is still editable here (it was not approved): clean() sees its old status.
    update.full_clean()
    update.save()
    transition = UpdateTransition.objects.create(
        update=update, from_status=from_status, to_status=to_status, actor=actor, comment=comment
    )
    _milestone_follow(update.period, to_status, now)
    if to_status in NOTIFY_ON:
        update_transition_notify(transition=transition)
    return transition


def _milestone_follow(period: ReportingPeriod, to_status: str, now) -> None:
    """A submitted update answers the period's milestone; a returned one is owed again."""
    milestone = period.milestone
    if to_status == UpdateStatus.SUBMITTED and milestone.status != MilestoneStatus.DONE:
        milestone.status, milestone.completed_on = MilestoneStatus.DONE, timezone.localdate(now)
    elif to_status == UpdateStatus.RETURNED:
        milestone.status, milestone.completed_on = MilestoneStatus.IN_PROGRESS, None
    else:
        return
    milestone.full_clean()
    milestone.save(update_fields=["status", "completed_on"])
