"""The pilots' demo data as the public record gives it (`programme.demo.RECORD`): the first
pilots announced at the HLPF in July 2019, Ukraine from February 2021, the EU and Japan as
international partners (no pilot country, no steps), who supports whom with the source beside
each, Ghana's task team, and Serbia's adopted roadmap. The record gives no joining day per
country, so none is set ("not recorded"); where it names a month, the month is kept as such.

Progress through the six steps is ILLUSTRATIVE (the record has no step-by-step account): each
step row is flagged, pages mark it and the public site leaves it out. Called from `seed_demo`;
idempotent.
"""

from __future__ import annotations

import datetime as dt

from base.dates import DatePrecision
from base.demo import D, upsert
from pilots.choices import (
    PilotKind,
    PilotStatus,
    RoadmapStep,
    StepStatus,
    SupportRole,
    TaskTeamRole,
)
from pilots.models import Cohort, FocalPoint, Pilot, PilotStep, PilotSupport, TaskTeamMember
from programme.choices import OrganisationKind
from programme.demo import USERS, sources
from programme.models import Organisation, User

# Pilot countries: ISO3, cohort key, status, lead institution acronym (or None where the record
# names none), summary, sources.
PILOTS = [
    ("ETH", "2019", PilotStatus.ACTIVE, None, "One of the first pilots, announced at the HLPF in July 2019.", ("P1", "P3")),
    ("GHA", "2019", PilotStatus.ACTIVE, "MESTI", "One of the first pilots, announced at the HLPF in July 2019. A 14-member national task team chaired by MESTI, with CSIR-STEPRI, NDPC and the Ghana National Commission for UNESCO; UNESCO's support funded by Sida. The roadmap was finalised in April 2021.", ("P1", "P7")),
    ("IND", "2019", PilotStatus.ACTIVE, "PSA", "One of the first pilots, announced at the HLPF in July 2019. Led by the Office of the Principal Scientific Adviser, with RIS as knowledge partner; a workshop with Japan's Cabinet Office on 29 June 2020.", ("P1", "P8")),
    ("KEN", "2019", PilotStatus.ACTIVE, None, "One of the first pilots, announced at the HLPF in July 2019, supported by UNESCO.", ("P1", "KEN")),
    ("SRB", "2019", PilotStatus.ROADMAP_ADOPTED, None, "One of the first pilots, announced at the HLPF in July 2019. The JRC leads the work with Serbia, with UNIDO; Serbia's domains map to SDGs 2, 7, 8 and 9. Serbia had adopted its STI for SDGs roadmap by May 2021.", ("P1", "P5")),
    ("UKR", "2021", PilotStatus.ACCEPTED, None, "Joined the Global Pilot Programme in February 2021.", ("P3",)),
]  # fmt: skip

# The national institutions the record names as leading a pilot's roadmap process.
LEAD_INSTITUTIONS = {
    "MESTI": ("GHA", "Ministry of Environment, Science, Technology and Innovation, Ghana"),
    "PSA": ("IND", "Office of the Principal Scientific Adviser to the Government of India"),
    # The demo focal point for Kenya works here (an illustrative account); not named as lead.
    "NACOSTI": ("KEN", "National Commission for Science, Technology and Innovation, Kenya"),
}

# Who supports whom on record: (country, organisation acronym, role, notes, sources).
SUPPORTS = [
    ("SRB", "JRC", SupportRole.SUPPORTER, "Leads the work with Serbia.", ("P5",)),
    ("SRB", "UNIDO", SupportRole.SUPPORTER, "Works with the JRC for Serbia.", ("P5",)),
    ("GHA", "UNESCO", SupportRole.SUPPORTER, "", ("P7",)),
    ("GHA", "Sida", SupportRole.DONOR, "Funds UNESCO's support.", ("P7",)),
    ("KEN", "UNESCO", SupportRole.SUPPORTER, "", ("KEN",)),
    ("IND", "RIS", SupportRole.SUPPORTER, "Knowledge partner of the Office of the Principal Scientific Adviser.", ("P8",)),
    ("IND", "CAO Japan", SupportRole.SUPPORTER, "A workshop with India on 29 June 2020.", ("P8",)),
]  # fmt: skip

# Ghana's task team members named on record (the team has 14; the others are not named).
GHANA_TASK_TEAM = [
    ("MESTI", TaskTeamRole.CHAIR),
    ("CSIR-STEPRI", TaskTeamRole.MEMBER),
    ("NDPC", TaskTeamRole.MEMBER),
    ("Ghana NatCom UNESCO", TaskTeamRole.MEMBER),
]

# ILLUSTRATIVE progress through the six steps (no record gives it step by step), chosen not to
# contradict what the record does say: Ghana's roadmap finalised and Serbia's adopted.
DEMO_STEPS_DONE = {"GHA": 5, "SRB": 5, "KEN": 2, "ETH": 2, "IND": 1, "UKR": 0}
# Illustrative dates for the illustrative steps start here (the programme's recorded start).
DEMO_STEPS_FROM = D(2019, 7, 12)


def seed_lead_institutions(orgs: dict, countries: dict) -> None:
    """The national institutions the record names, added to `orgs`."""
    for acronym, (iso3, name) in LEAD_INSTITUTIONS.items():
        orgs[acronym] = upsert(
            Organisation,
            {"acronym": acronym},
            name=name,
            slug=acronym.lower(),
            kind=OrganisationKind.GOVERNMENT,
            country=countries[iso3],
        )


def seed_pilots(orgs: dict, countries: dict) -> None:
    """Cohorts, the pilots as the record gives them, their supporters and Ghana's task team,
    illustrative step progress, and the international partners."""
    cohorts = {
        "2019": upsert(
            Cohort,
            {"name": "First cohort (2019)"},
            started_on=D(2019, 7, 12),
            started_precision=DatePrecision.DAY,
            description=(
                "Announced at the HLPF, July 2019; the Global Pilot Programme started on "
                f"12 July 2019. Source: {sources('P1')}."
            ),
        ),
        "2021": upsert(
            Cohort,
            {"name": "2021 joiners"},
            started_on=D(2021, 2, 1),
            started_precision=DatePrecision.MONTH,
            description=f"Ukraine joined in February 2021. Source: {sources('P3')}.",
        ),
    }
    for iso3, cohort, status, lead, summary, keys in PILOTS:
        first = cohort == "2019"
        pilot = upsert(
            Pilot,
            {"country": countries[iso3]},
            kind=PilotKind.NATIONAL,
            status=status,
            cohort=cohorts[cohort],
            # The first pilots were announced in July 2019; no joining day per country.
            announced_on=D(2019, 7, 1) if first else None,
            announced_precision=DatePrecision.MONTH,
            joined_on=None if first else D(2021, 2, 1),
            joined_precision=DatePrecision.MONTH,
            lead_institution=orgs[lead] if lead else None,
            summary=summary,
            source=sources(*keys),
        )
        _illustrative_steps(pilot, DEMO_STEPS_DONE[iso3])
        # The "co-lead" rows an earlier demo gave every pilot: no record supports them.
        PilotSupport.objects.filter(
            pilot=pilot,
            organisation__acronym__in=["UN DESA", "WB"],
            role=SupportRole.CO_LEAD,
        ).delete()
    for iso3, acronym, role, notes, keys in SUPPORTS:
        upsert(
            PilotSupport,
            {"pilot": Pilot.objects.get(country=countries[iso3]), "organisation": orgs[acronym]},
            role=role,
            start_on=None,  # the record gives no start
            notes=notes,
            source=sources(*keys),
        )
    ghana = Pilot.objects.get(country=countries["GHA"])
    for acronym, role in GHANA_TASK_TEAM:
        upsert(
            TaskTeamMember,
            {"pilot": ghana, "organisation": orgs[acronym]},
            role=role,
            source=sources("P7"),
        )
    # International partners of the Global Pilot Programme: no cohort, no joining date on
    # record, no steps.
    for lookup in ({"country": countries["JPN"]}, {"organisation": orgs["EU"]}):
        upsert(
            Pilot,
            lookup,
            kind=PilotKind.INTERNATIONAL_PARTNER,
            status=PilotStatus.ACTIVE,
            cohort=None,
            announced_on=None,
            joined_on=None,
            summary="An international partner of the Global Pilot Programme.",
            source=sources("P3"),
        )


def _illustrative_steps(pilot: Pilot, done: int) -> None:
    """ILLUSTRATIVE step rows (flagged), `done` steps finished and the next under way."""
    start = DEMO_STEPS_FROM
    for step in RoadmapStep:
        if step <= done:
            values = {
                "status": StepStatus.DONE,
                "started_on": start + dt.timedelta(days=120 * (step - 1)),
                "completed_on": start + dt.timedelta(days=120 * step),
            }
        elif step == done + 1:
            values = {
                "status": StepStatus.IN_PROGRESS,
                "started_on": start + dt.timedelta(days=120 * done),
                "completed_on": None,
            }
        else:
            values = {"status": StepStatus.NOT_STARTED, "started_on": None, "completed_on": None}
        upsert(PilotStep, {"pilot": pilot, "step": step}, illustrative=True, **values)


def seed_focal_points(countries: dict) -> None:
    """The demo focal points' links to their countries (the accounts: `programme.demo`; they
    are illustrative people, linked from the programme's recorded start)."""
    for username, _first, _last, _role, _acronym, focal_countries in USERS:
        user = User.objects.get(username=username)
        for iso3 in focal_countries:
            FocalPoint.objects.get_or_create(
                user=user, country=countries[iso3], defaults={"since": DEMO_STEPS_FROM}
            )
