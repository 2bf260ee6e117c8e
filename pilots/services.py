"""Writes for pilots and countries. Views, API, admin and tasks call these."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from base.errors import IllegalTransition, refuse
from pilots.choices import PILOT_STATUS_MOVES, PilotKind, PilotStatus, RegionLevel, StepStatus
from pilots.models import (
    Cohort,
    Country,
    FocalPoint,
    Pilot,
    PilotStatusChange,
    PilotStep,
    PilotSupport,
    PilotSupportScope,
    Region,
    TaskTeamMember,
    TaskTeamPerson,
)
from pilots.rules import (
    focal_point_link_refusal,
    pilot_change_refusal,
    pilot_step_change_refusal,
    task_team_change_refusal,
)
from programme.choices import Role
from programme.roles import grant_role, revoke_role
from programme.services import reference_rows_sync


def _regions_sync(
    rows: list[dict[str, str]], translated: dict[str, dict[str, str]]
) -> dict[tuple[str, str], int]:
    """Create the M49 regions the country rows name, with their names in other languages
    (`translated`: {English name: {language: name}}); returns {(level, name): id}."""
    ids: dict[tuple[str, str], int] = {}
    levels = [
        (RegionLevel.REGION, "region", None),
        (RegionLevel.SUB_REGION, "sub_region", "region"),
        (RegionLevel.INTERMEDIATE, "intermediate_region", "sub_region"),
    ]
    parent_level = {"region": RegionLevel.REGION, "sub_region": RegionLevel.SUB_REGION}
    for level, column, parent_column in levels:
        wanted: dict[str, dict] = {}
        for row in rows:
            name = row[column]
            if not name:
                continue
            parent_id = (
                ids[(parent_level[parent_column], row[parent_column])] if parent_column else None
            )
            wanted[name] = {
                "slug": slugify(f"{level}-{name}"),
                "name": name,
                "level": level,
                "parent_id": parent_id,
                "translations": {
                    code: {"name": text} for code, text in translated.get(name, {}).items()
                },
            }
        reference_rows_sync(Region, key="slug", rows=list(wanted.values()))
        for region in Region.objects.filter(level=level):
            ids[(level, region.name)] = region.pk
    return ids


@transaction.atomic
def reference_countries_load(*, path: Path) -> tuple[int, int]:
    """Load the UN member and observer states with their M49 regions from `path` (CSV): the
    UN's English short names, and French and Spanish names into `translations`.

    Idempotent: a second load of the same file changes nothing. Returns (created, updated).
    """
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # The regions' French and Spanish names sit beside the countries' file.
    names = path.parent / "regions_translations.json"
    translated = json.loads(names.read_text(encoding="utf-8"))["regions"] if names.exists() else {}
    region_ids = _regions_sync(rows, translated)
    country_rows = [
        {
            "iso3": row["iso3"],
            "iso2": row["iso2"],
            "m49": row["m49"],
            "name": row["name"],
            "translations": {
                code: {"name": row[f"name_{code}"]}
                for code in ("fr", "es")
                if row.get(f"name_{code}")
            },
            "un_status": row["un_status"],
            "region_id": region_ids[(RegionLevel.REGION, row["region"])],
            "sub_region_id": region_ids[(RegionLevel.SUB_REGION, row["sub_region"])],
            "intermediate_region_id": region_ids.get(
                (RegionLevel.INTERMEDIATE, row["intermediate_region"])
            ),
        }
        for row in rows
    ]
    return reference_rows_sync(Country, key="iso3", rows=country_rows)


def pilot_transition(*, actor, pilot: Pilot, to_status: str, reason: str = "") -> PilotStatusChange:
    """Move a pilot's status along an allowed path and record who moved it, when and why."""
    refuse(pilot_change_refusal(actor))
    with transaction.atomic():
        locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
        label = (
            PilotStatus(to_status).label.lower() if to_status in PilotStatus.values else to_status
        )
        if locked.status == to_status:
            raise IllegalTransition(
                gettext("This pilot is already %(status)s.") % {"status": label}
            )
        if to_status not in PILOT_STATUS_MOVES.get(locked.status, ()):
            raise IllegalTransition(
                gettext("A pilot that is %(current)s cannot become %(status)s.")
                % {"current": locked.get_status_display().lower(), "status": label}
            )
        from_status = locked.status
        locked.status = to_status
        if to_status == PilotStatus.WITHDRAWN and not locked.ended_on:
            locked.ended_on = timezone.localdate()
        locked.full_clean()
        locked.save(update_fields=["status", "ended_on", "updated_at"])
        change = PilotStatusChange(
            pilot=locked, from_status=from_status, to_status=to_status, actor=actor,
            reason=(reason or "").strip(),
        )  # fmt: skip
        change.full_clean()
        change.save()
    pilot.status, pilot.ended_on = locked.status, locked.ended_on
    return change


@transaction.atomic
def pilot_step_update(
    *,
    actor,
    pilot: Pilot,
    step: int,
    status: str,
    started_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    notes: str = "",
    evidence_links: Iterable[str] | None = None,
) -> PilotStep:
    """Record how far a pilot is in one of the six methodology steps, with a short note and
    links to evidence (the country's focal points or the secretariat; `evidence_links` None
    keeps the links recorded)."""
    refuse(pilot_step_change_refusal(actor, pilot))
    row = (
        PilotStep.objects.select_for_update().filter(pilot=pilot, step=step).order_by("pk").first()
    )
    row = row or PilotStep(pilot=pilot, step=step)
    if status == StepStatus.NOT_STARTED:
        started_on = completed_on = None
    elif status == StepStatus.IN_PROGRESS:
        completed_on = None
        started_on = started_on or row.started_on or timezone.localdate()
    row.status, row.started_on, row.completed_on, row.notes = (
        status,
        started_on,
        completed_on,
        (notes or "").strip(),
    )
    if evidence_links is not None:
        row.evidence_links = [link.strip() for link in evidence_links if link.strip()]
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def pilot_support_create(
    *,
    actor,
    pilot: Pilot,
    organisation,
    role: str,
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
    steps: Iterable[int] = (),
    goals: Iterable[int] = (),
    notes: str = "",
) -> PilotSupport:
    """Record that an organisation supports a pilot in a role, over dates, on some of the six
    steps and SDGs: the one way a support is written (the pilot page and the work programme's
    landscape both call it), so every support has its scope and the landscape sees it. The
    pilot row is locked so two overlapping records cannot both pass the check."""
    refuse(pilot_change_refusal(actor))
    Pilot.objects.select_for_update().get(pk=pilot.pk)
    support = PilotSupport(
        pilot=pilot, organisation=organisation, role=role, start_on=start_on, end_on=end_on,
        notes=notes,
    )  # fmt: skip
    support.full_clean()
    support.save()
    scope = PilotSupportScope(support=support, steps=list(steps), goals=list(goals))
    scope.full_clean()
    scope.save()
    return support


@transaction.atomic
def pilot_support_end(
    *, actor, support: PilotSupport, end_on: dt.date | None = None
) -> PilotSupport:
    """Close a support role (roles change over time; the history is kept, not deleted)."""
    refuse(pilot_change_refusal(actor))
    locked = PilotSupport.objects.select_for_update().get(pk=support.pk)
    if locked.end_on is not None:
        raise IllegalTransition(gettext("This support role has already ended."))
    locked.end_on = end_on or timezone.localdate()
    locked.full_clean()
    locked.save(update_fields=["end_on"])
    return locked


@transaction.atomic
def task_team_member_add(
    *, actor, pilot: Pilot, organisation, role: str, notes: str = ""
) -> TaskTeamMember:
    """Add a member institution to a pilot's national task team."""
    refuse(pilot_change_refusal(actor))
    member = TaskTeamMember(pilot=pilot, organisation=organisation, role=role, notes=notes)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def task_team_member_remove(*, actor, member: TaskTeamMember) -> None:
    """Take an institution off a pilot's national task team."""
    refuse(pilot_change_refusal(actor))
    member.delete()


@transaction.atomic
def task_team_person_add(
    *, actor, pilot: Pilot, name: str, role: str, organisation: str = "", contact: str = ""
) -> TaskTeamPerson:
    """Name a person on a pilot's national task team (the country's focal points or the
    secretariat). The pilot row is locked so the same name cannot be added twice at once."""
    refuse(task_team_change_refusal(actor, pilot))
    Pilot.objects.select_for_update().get(pk=pilot.pk)
    person = TaskTeamPerson(
        pilot=pilot, name=name, role=role, organisation=(organisation or "").strip(),
        contact=(contact or "").strip(),
    )  # fmt: skip
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def task_team_person_remove(*, actor, person: TaskTeamPerson) -> None:
    """Take a person off a pilot's national task team (the history keeps who they were)."""
    refuse(task_team_change_refusal(actor, person.pilot))
    person.delete()


@transaction.atomic
def focal_point_link(*, actor, user, country: Country, is_primary: bool = True) -> FocalPoint:
    """Make `user` a focal point for `country`: from now on they see its unpublished material
    (refused for partners, reviewers and inactive accounts: `pilots.rules`)."""
    refusal = focal_point_link_refusal(actor, user, country)
    if refusal is not None:
        raise refusal
    link = (
        FocalPoint.objects.select_for_update()
        .filter(user=user, country=country)
        .order_by("pk")
        .first()
    )
    if link is None:
        link = FocalPoint(user=user, country=country, since=timezone.localdate())
    elif link.until is None or link.until >= timezone.localdate():
        raise IllegalTransition(
            gettext("%(person)s is already a focal point for %(country)s.")
            % {"person": user, "country": country}
        )
    else:
        # A returning focal point: reopen the link rather than keep two rows.
        link.since, link.until = timezone.localdate(), None
    link.is_primary = is_primary
    link.full_clean()
    link.save()
    grant_role(user, Role.FOCAL_POINT)
    return link


@transaction.atomic
def focal_point_unlink(*, actor, link: FocalPoint) -> FocalPoint:
    """End a focal point's link to a country; they stop seeing its unpublished material today."""
    refuse(pilot_change_refusal(actor))
    locked = FocalPoint.objects.select_for_update().get(pk=link.pk)
    today = timezone.localdate()
    if locked.until is not None and locked.until < today:
        raise IllegalTransition(gettext("This person is no longer a focal point for the country."))
    # Ending "yesterday" takes effect at once; a link made today is simply removed.
    if locked.since >= today:
        locked.delete()
    else:
        locked.until = today - dt.timedelta(days=1)
        locked.full_clean()
        locked.save(update_fields=["until"])
    focal_point_role_sync(user=locked.user)
    return locked


def focal_point_role_sync(*, user) -> None:
    """Keep the focal-point role only while a link to a country is current or to come: the
    role alone reads nothing, but it is what other rules (and people) go by."""
    today = timezone.localdate()
    remaining = FocalPoint.objects.filter(user=user).exclude(until__lt=today).exists()
    if not remaining:
        revoke_role(user, Role.FOCAL_POINT)


# --- Pilots and cohorts, kept on the web by the secretariat ----------------------------------

# What the secretariat edits on a pilot's record page; the status moves only through
# `pilot_transition`, along PILOT_STATUS_MOVES.
PILOT_EDITABLE_FIELDS = (
    "cohort",
    "phase",
    "announced_on",
    "joined_on",
    "lead_institution",
    "summary",
    "interest_source_url",
    "interest_source_reference",
    "interest_expressed_on",
)


@transaction.atomic
def pilot_create(
    *,
    actor,
    country: Country,
    interest_expressed_on: dt.date | None,
    interest_source_url: str = "",
    interest_source_reference: str = "",
    cohort: Cohort | None = None,
    summary: str = "",
    reason: str = "",
) -> Pilot:
    """A country expresses interest in becoming a pilot: a new pilot, "interested", with where
    and when it said so (a web address or a document reference, and the date); from here it
    moves along the status path (`pilot_transition`)."""
    refuse(pilot_change_refusal(actor))
    if not (interest_source_url or interest_source_reference):
        raise ValidationError(
            {
                "interest_source_url": gettext(
                    "Say where the interest was expressed: a web address or a document reference."
                )
            }
        )
    if interest_expressed_on is None:
        raise ValidationError(
            {"interest_expressed_on": gettext("Say when the interest was expressed.")}
        )
    if country is not None and Pilot.objects.filter(country=country).exists():
        raise ValidationError(
            {"country": gettext("%(country)s is already a pilot.") % {"country": country}}
        )
    pilot = Pilot(
        kind=PilotKind.NATIONAL,
        country=country,
        status=PilotStatus.INTERESTED,
        cohort=cohort,
        summary=summary,
        interest_source_url=interest_source_url,
        interest_source_reference=interest_source_reference,
        interest_expressed_on=interest_expressed_on,
    )
    pilot.full_clean()
    pilot.save()
    change = PilotStatusChange(
        pilot=pilot, from_status="", to_status=PilotStatus.INTERESTED, actor=actor,
        reason=(reason or "").strip(),
    )  # fmt: skip
    change.full_clean()
    change.save()
    return pilot


@transaction.atomic
def pilot_update(*, actor, pilot: Pilot, **fields) -> Pilot:
    """Correct a pilot's record (cohort, dates, lead institution, summary, the source of its
    expression of interest); its status changes only along the path (`pilot_transition`)."""
    refuse(pilot_change_refusal(actor, pilot))
    unknown = sorted(set(fields) - set(PILOT_EDITABLE_FIELDS))
    if unknown:
        raise ValidationError({name: gettext("This cannot be changed here.") for name in unknown})
    locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def cohort_create(*, actor, name: str, started_on: dt.date, description: str = "") -> Cohort:
    """Open a cohort: pilots that join the programme together."""
    refuse(pilot_change_refusal(actor))
    cohort = Cohort(name=name, started_on=started_on, description=description)
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def cohort_update(*, actor, cohort: Cohort, **fields) -> Cohort:
    """Correct a cohort's name, start or description."""
    refuse(pilot_change_refusal(actor, cohort))
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    for name in ("name", "started_on", "description"):
        if name in fields:
            setattr(locked, name, fields[name])
    locked.full_clean()
    locked.save()
    return locked
