"""The pilots' demo data: the first cohort's pilots (from the public record) with illustrative
progress through the six steps, their lead institutions and co-leads, the international
partners, and the demo focal points' countries. Called from `seed_demo`; idempotent."""

from __future__ import annotations

import datetime as dt

from base.demo import D, upsert
from pilots.choices import PilotKind, PilotStatus, RoadmapStep, StepStatus, SupportRole
from pilots.models import Cohort, FocalPoint, Pilot, PilotStep, PilotSupport
from programme.choices import OrganisationKind
from programme.demo import USERS
from programme.models import Organisation, User

# Pilot countries: ISO3, cohort key, status, lead institution (acronym, name).
PILOTS = [
    ("ETH", "2019", PilotStatus.ACTIVE, ("MInT", "Ministry of Innovation and Technology, Ethiopia")),
    ("GHA", "2019", PilotStatus.ACTIVE, ("MESTI", "Ministry of Environment, Science, Technology and Innovation, Ghana")),
    ("IND", "2019", PilotStatus.ACTIVE, ("PSA", "Office of the Principal Scientific Adviser to the Government of India")),
    ("KEN", "2019", PilotStatus.ACTIVE, ("NACOSTI", "National Commission for Science, Technology and Innovation, Kenya")),
    ("SRB", "2019", PilotStatus.ACTIVE, ("MESTD", "Ministry of Education, Science and Technological Development, Serbia")),
    ("UKR", "2021", PilotStatus.ACCEPTED, ("MESU", "Ministry of Education and Science of Ukraine")),
]  # fmt: skip

# Illustrative progress through the six steps, so the portal has something to show.
DEMO_STEPS_DONE = {"GHA": 3, "KEN": 2, "ETH": 2, "IND": 1, "SRB": 1, "UKR": 0}


def seed_lead_institutions(orgs: dict, countries: dict) -> None:
    """The national institutions that lead the pilots' roadmap processes, added to `orgs`."""
    for iso3, _cohort, _status, (acronym, name) in PILOTS:
        orgs[acronym] = upsert(
            Organisation,
            {"acronym": acronym},
            name=name,
            slug=acronym.lower(),
            kind=OrganisationKind.GOVERNMENT,
            country=countries[iso3],
        )


def seed_pilots(orgs: dict, countries: dict) -> None:
    """Cohorts, the first pilots with their progress through the six steps and their co-leads,
    and the international partners of the Global Pilot Programme."""
    cohorts = {
        "2019": upsert(
            Cohort,
            {"name": "First cohort (2019)"},
            started_on=D(2019, 7, 9),
            description="Announced at the HLPF, July 2019.",
        ),
        "2021": upsert(
            Cohort,
            {"name": "2021 joiners"},
            started_on=D(2021, 2, 1),
            description="Ukraine joined in February 2021.",
        ),
    }
    for iso3, cohort, status, (acronym, _name) in PILOTS:
        pilot = upsert(
            Pilot,
            {"country": countries[iso3]},
            kind=PilotKind.NATIONAL,
            status=status,
            cohort=cohorts[cohort],
            joined_on=cohorts[cohort].started_on,
            lead_institution=orgs[acronym],
        )
        done = DEMO_STEPS_DONE[iso3]
        for step in RoadmapStep:
            if step <= done:
                values = {
                    "status": StepStatus.DONE,
                    "started_on": pilot.joined_on,
                    "completed_on": pilot.joined_on + dt.timedelta(days=120 * step),
                }
            elif step == done + 1:
                values = {
                    "status": StepStatus.IN_PROGRESS,
                    "started_on": pilot.joined_on + dt.timedelta(days=120 * done),
                    "completed_on": None,
                }
            else:
                values = {
                    "status": StepStatus.NOT_STARTED,
                    "started_on": None,
                    "completed_on": None,
                }
            upsert(PilotStep, {"pilot": pilot, "step": step}, **values)
        for org, role in [
            (orgs["UN DESA"], SupportRole.CO_LEAD),
            (orgs["WB"], SupportRole.CO_LEAD),
        ]:
            upsert(
                PilotSupport,
                {"pilot": pilot, "organisation": org, "role": role},
                start_on=pilot.joined_on,
            )
    # International partners of the Global Pilot Programme.
    upsert(
        Pilot,
        {"country": countries["JPN"]},
        kind=PilotKind.INTERNATIONAL_PARTNER,
        status=PilotStatus.ACTIVE,
        cohort=cohorts["2019"],
        joined_on=D(2019, 7, 9),
    )
    upsert(Pilot, {"organisation": orgs["EU"]}, kind=PilotKind.INTERNATIONAL_PARTNER, status=PilotStatus.ACTIVE, cohort=cohorts["2019"], joined_on=D(2019, 7, 9))  # fmt: skip


def seed_focal_points(countries: dict) -> None:
    """The demo focal points' links to their countries (the accounts: `programme.demo`)."""
    for username, _first, _last, _role, _acronym, focal_countries in USERS:
        user = User.objects.get(username=username)
        for iso3 in focal_countries:
            FocalPoint.objects.get_or_create(
                user=user, country=countries[iso3], defaults={"since": D(2019, 7, 9)}
            )
