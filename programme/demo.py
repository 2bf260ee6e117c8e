"""The directory's and the plan's demo data: organisations, the work programme's components,
the demo accounts and their roles, and the 2018 work programme's milestones with owners so the
demo's reminders have someone to go to. Called from `seed_demo`; idempotent.

Source: /work/shared/reference/000_2cfb5180f8429451.txt (the IATT's 2018 presentation of its
work programme). It gives no dates for these four, so none is set ("to be confirmed"): they
are listed on the timeline's table and never reminded until the secretariat sets a date.
"""

from __future__ import annotations

import contextlib

from django.db.models import ProtectedError

from base.dates import DatePrecision
from base.demo import D, upsert
from programme.choices import MilestoneKind, MilestoneStatus, OrganisationKind, Role
from programme.models import Milestone, Organisation, User, WorkProgrammeComponent
from programme.roles import grant_role

DEMO_PASSWORD = "roadmaps-demo-2018"

# (acronym, name, kind, IATT member, seat country ISO3)
ORGANISATIONS = [
    ("UN DESA", "United Nations Department of Economic and Social Affairs", OrganisationKind.UN_ENTITY, True, None),
    ("WB", "World Bank", OrganisationKind.FUNDER, True, None),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization", OrganisationKind.UN_ENTITY, True, "FRA"),
    ("UNCTAD", "United Nations Conference on Trade and Development", OrganisationKind.UN_ENTITY, True, "CHE"),
    ("UNIDO", "United Nations Industrial Development Organization", OrganisationKind.UN_ENTITY, True, "AUT"),
    ("UNDP", "United Nations Development Programme", OrganisationKind.UN_ENTITY, True, None),
    ("ITU", "International Telecommunication Union", OrganisationKind.UN_ENTITY, True, "CHE"),
    ("UNEP", "United Nations Environment Programme", OrganisationKind.UN_ENTITY, True, "KEN"),
    ("ESCAP", "Economic and Social Commission for Asia and the Pacific", OrganisationKind.UN_ENTITY, True, "THA"),
    ("ECA", "Economic Commission for Africa", OrganisationKind.UN_ENTITY, True, "ETH"),
    ("OECD", "Organisation for Economic Co-operation and Development", OrganisationKind.INTERNATIONAL, False, "FRA"),
    ("EU", "European Union", OrganisationKind.REGIONAL, False, None),
    ("EC", "European Commission", OrganisationKind.REGIONAL, False, "BEL"),
    ("JRC", "Joint Research Centre of the European Commission", OrganisationKind.RESEARCH, False, None),
    ("G-STIC", "Global Sustainable Technology and Innovation Conference", OrganisationKind.OTHER, False, "BEL"),
    ("INGSA", "International Network for Government Science Advice", OrganisationKind.CIVIL_SOCIETY, False, None),
    ("ASEAN", "Association of Southeast Asian Nations", OrganisationKind.REGIONAL, False, "IDN"),
    ("AsDB", "Asian Development Bank", OrganisationKind.FUNDER, False, "PHL"),
    ("AfDB", "African Development Bank", OrganisationKind.FUNDER, False, "CIV"),
    ("TICAD", "Tokyo International Conference on African Development (organisers)", OrganisationKind.INTERNATIONAL, False, "JPN"),
    ("Miraikan", "National Museum of Emerging Science and Innovation", OrganisationKind.RESEARCH, False, "JPN"),
    # Named by the public record as supporting pilots (RECORD P5, P7, P8).
    ("Sida", "Swedish International Development Cooperation Agency", OrganisationKind.FUNDER, False, "SWE"),
    ("RIS", "Research and Information System for Developing Countries", OrganisationKind.RESEARCH, False, "IND"),
    ("CAO Japan", "Cabinet Office, Government of Japan", OrganisationKind.GOVERNMENT, False, "JPN"),
    ("CSIR-STEPRI", "CSIR Science and Technology Policy Research Institute", OrganisationKind.RESEARCH, False, "GHA"),
    ("NDPC", "National Development Planning Commission, Ghana", OrganisationKind.GOVERNMENT, False, "GHA"),
    ("Ghana NatCom UNESCO", "Ghana National Commission for UNESCO", OrganisationKind.GOVERNMENT, False, "GHA"),
]  # fmt: skip

# Demo organisations an earlier demo recorded that no record names in the programme: removed
# when nothing refers to them any more.
RETIRED_ORGANISATIONS = ["MEXT", "MInT", "MESTD", "MESU"]

# The public record (/work/shared/reference/public-record.md), source by source, as pages show
# them beside the facts they support.
RECORD = {
    "P1": "SDG Partnership Platform, “Global Pilot Programme on STI for SDGs Roadmaps” (sustainabledevelopment.un.org/partnership/?p=33852)",
    "P2": "UNESCO Nairobi Office news, 13 June 2019",
    "P3": "sdgs.un.org, “Work Stream 9” page (September 2021)",
    "P4": "sdgs.un.org, high-level side event page, 3 May 2021",
    "P5": "JRC Smart Specialisation Platform pages on Serbia",
    "P6": "Education Diary (UNESCO/India) on the Guidebook",
    "P7": "Ghana News Agency, 17 June 2020; UNESCO (roadmap finalised April 2021)",
    "P8": "psa.gov.in and ris.org.in",
    "P9": "JRC publication records (EUR 30606 EN; EUR 30570 EN)",
    "P10": "hlpf.un.org 2019: the fourth annual STI Forum",
    # The record lists UNESCO as Kenya's supporter without naming the page it comes from.
    "KEN": "the programme's public record (UNESCO's support to Kenya; no single page named)",
}
RECORD_URLS = {
    "P1": "https://sustainabledevelopment.un.org/partnership/?p=33852",
    "P10": "https://hlpf.un.org/2019",
}
WP2018 = "The IATT's 2018 work-programme presentation"


def sources(*keys: str) -> str:
    """The sources named by their keys, joined as pages print them."""
    return "; ".join(WP2018 if key == "WP2018" else RECORD[key] for key in keys)


USERS = [
    # username, first, last, role, organisation acronym, focal-point countries
    ("secretariat", "Sam", "Secretariat", Role.SECRETARIAT, "UN DESA", []),
    ("reviewer", "Rita", "Reviewer", Role.REVIEWER, "UNCTAD", []),
    ("focal.ghana", "Gifty", "Mensah", Role.FOCAL_POINT, "MESTI", ["GHA"]),
    ("focal.kenya", "Kamau", "Otieno", Role.FOCAL_POINT, "NACOSTI", ["KEN"]),
    ("adviser", "Ada", "Adviser", Role.ADVISORY_GROUP, "WB", []),
    ("partner", "Pat", "Partner", Role.PARTNER, "UNESCO", []),
]

# The file name above is for whoever maintains this demo; pages, feeds and exports name the
# source as readers know it.
SOURCE = "Source: the IATT's 2018 work-programme presentation on STI for SDGs roadmaps. "

# title, kind, component name (or None), status, description. Statuses as of the demo's
# records: the advisory group and the two regional tracks are on record in this demo (with
# members and partners), so they are under way; nothing records the trust fund or the
# invitation to the 10-Member Group (the record shows none).
MILESTONES_2018 = [
    (
        "Advisory Group set up",
        MilestoneKind.PROGRAMME,
        None,
        MilestoneStatus.IN_PROGRESS,
        "Establishment of an Advisory Group to guide the planning of EGMs, the Guidebook and "
        "other activities; the World Bank and UN DESA in it, responsible for overall "
        "coordination and facilitation. The text gives no date: to be confirmed.",
    ),
    (
        "Trust fund set up",
        MilestoneKind.PROGRAMME,
        "Trust fund",
        MilestoneStatus.PLANNED,
        "Establishment of a trust fund to fully support the work of STI for the SDGs "
        "roadmaps. The text gives no date: to be confirmed.",
    ),
    (
        "10-Member Group invited to contribute to the Guidebook",
        MilestoneKind.GUIDEBOOK,
        "Knowledge and advocacy",
        MilestoneStatus.PLANNED,
        "The 10-Member Group for the TFM to be informed and invited to contribute to the work "
        "of the Guidebook. The text gives no date: to be confirmed.",
    ),
    (
        "Regional tracks launched",
        MilestoneKind.PROGRAMME,
        "Peer learning",
        MilestoneStatus.IN_PROGRESS,
        "Regional tracks organised with the regional commissions: Asia with ESCAP (and possibly "
        "ASEAN and AsDB), Africa with ECA (and possibly the TICAD organisers and AfDB). "
        "The text gives no date: to be confirmed.",
    ),
]

# What happened to the dated milestones of the 2018 text, as far as the record shows (statuses,
# completion dates no more precise than the record, and the source).
RECORD_2019 = {
    "Terms of reference for the Guidebook": (
        MilestoneStatus.DONE,
        D(2019, 4, 1),
        "“Preparation of a ToR” was the Guidebook's first step. The record gives no date; a "
        "draft Guidebook existed by the Nairobi EGM (1-3 April 2019), so its terms of reference "
        "were done by then. Sources: the IATT's 2018 work-programme presentation; "
        "UNESCO Nairobi Office news, 13 June 2019.",
    ),
    "Draft Guidebook and background note before the 2019 HLPF": (
        MilestoneStatus.DONE,
        D(2019, 4, 1),
        "The draft Guidebook and its background note were expected before the 2019 HLPF. A draft "
        "existed by the Nairobi EGM, 1-3 April 2019, which made recommendations for its "
        "finalisation; the day it was completed is not recorded. Source: UNESCO Nairobi Office "
        "news, 13 June 2019.",
    ),
    "2-3 pilot countries draft national roadmaps": (
        MilestoneStatus.SLIPPED,
        None,
        "In the first half of 2019, 2-3 pilot countries were expected to prepare their draft "
        "national STI roadmaps; the due date is the end of that half-year (the text gives "
        "the half-year only). The record shows no draft national roadmap then: the first "
        "pilots were announced at the HLPF in July 2019, Ghana's roadmap was finalised in "
        "April 2021 and Serbia's adopted by May 2021. Sources: SDG Partnership Platform record; "
        "Ghana News Agency and UNESCO; JRC Smart Specialisation Platform.",
    ),
}


def seed_milestones_demo(*, owner_username: str = "secretariat") -> None:
    """The 2018 work programme's undated milestones, what the record shows of the dated ones,
    and the demo secretariat account as owner of them all (so reminders have a recipient)."""
    owner = User.objects.get(username=owner_username)
    components = {c.name: c for c in WorkProgrammeComponent.objects.all()}
    for title, kind, component, status, description in MILESTONES_2018:
        milestone = Milestone.objects.filter(title=title).first() or Milestone(title=title)
        milestone.kind = kind
        milestone.component = components.get(component) if component else None
        milestone.status = status
        milestone.due_on = None
        milestone.description = SOURCE + description
        milestone.is_public = True
        milestone.full_clean()
        milestone.save()
        milestone.owners.set([owner])
    for milestone in Milestone.objects.filter(title__in=RECORD_2019):
        status, completed_on, description = RECORD_2019[milestone.title]
        milestone.status = status
        milestone.completed_on = completed_on
        # "By April 2019": the record bounds the date, it does not give it.
        milestone.completed_precision = DatePrecision.BY_MONTH
        milestone.description = description
        milestone.full_clean()
        milestone.save()
        milestone.owners.set([owner])


def seed_organisations(countries: dict) -> dict:
    """The programme's organisations by acronym (IATT members, partners, funders)."""
    orgs = {}
    for acronym, name, kind, iatt, iso3 in ORGANISATIONS:
        orgs[acronym] = upsert(
            Organisation,
            {"acronym": acronym},
            name=name,
            slug=acronym.lower().replace(" ", "-"),
            kind=kind,
            is_iatt_member=iatt,
            country=countries.get(iso3),
        )
    return orgs


# The four components of the 2018 text's part B, with their French and Spanish (ours).
COMPONENTS = [
    ("Peer learning", "Countries learn from each other's roadmap processes.", {
        "fr": {"name": "Apprentissage entre pairs", "description": "Les pays apprennent des processus de feuille de route des autres."},
        "es": {"name": "Aprendizaje entre pares", "description": "Los países aprenden de los procesos de hoja de ruta de los demás."},
    }),
    ("Joint support for pilot countries", "IATT members support pilots together.", {
        "fr": {"name": "Appui conjoint aux pays pilotes", "description": "Les membres de l'IATT appuient ensemble les pays pilotes."},
        "es": {"name": "Apoyo conjunto a los países piloto", "description": "Los miembros del IATT apoyan juntos a los países piloto."},
    }),
    ("Donor coordination", "Aligning funders behind national roadmaps.", {
        "fr": {"name": "Coordination des donateurs", "description": "Aligner les bailleurs de fonds sur les feuilles de route nationales."},
        "es": {"name": "Coordinación de donantes", "description": "Alinear a los financiadores con las hojas de ruta nacionales."},
    }),
    ("Knowledge and advocacy", "The Guidebook, background papers and outreach.", {
        "fr": {"name": "Connaissances et plaidoyer", "description": "Le Guide, les documents de référence et la sensibilisation."},
        "es": {"name": "Conocimiento y promoción", "description": "La Guía, los documentos de antecedentes y la difusión."},
    }),
]  # fmt: skip


def retire_organisations() -> None:
    """Remove the organisations an earlier demo made up a role for, once nothing refers to
    them (called last, after the pilots' records no longer name them)."""
    for acronym in RETIRED_ORGANISATIONS:
        # Someone may have recorded something with one since: then it stays.
        with contextlib.suppress(ProtectedError):
            Organisation.objects.filter(acronym=acronym).delete()


def seed_components(orgs: dict) -> None:
    """The work programme's four components. The 2018 text names no lead for any of them (the
    sub-working group's co-leads are the programme's, not a component's), so none is set."""
    for order, (name, description, translations) in enumerate(COMPONENTS, start=1):
        component = upsert(
            WorkProgrammeComponent,
            {"name": name},
            slug=name.lower().replace(" ", "-"),
            description=description,
            order=order,
            translations=translations,
        )
        component.lead_organisations.set([])


def seed_plan_milestones() -> None:
    """The dated, public milestones of the 2018 work programme."""
    items = [
        # The 2018 text gives the ToR no date.
        ("Terms of reference for the Guidebook", MilestoneKind.GUIDEBOOK, None, MilestoneStatus.PLANNED),
        # "Before the 2019 HLPF", which met in July 2019: due by the end of June.
        ("Draft Guidebook and background note before the 2019 HLPF", MilestoneKind.GUIDEBOOK, D(2019, 6, 30), MilestoneStatus.PLANNED),
        ("2-3 pilot countries draft national roadmaps", MilestoneKind.PILOT, D(2019, 6, 30), MilestoneStatus.PLANNED),
    ]  # fmt: skip
    for title, kind, due, status in items:
        milestone = Milestone.objects.filter(title=title).first()
        # What the record shows (seed_milestones_demo) is not undone on a second run.
        recorded = {} if milestone else {"status": status, "completed_on": None}
        upsert(Milestone, {"title": title}, kind=kind, due_on=due, is_public=True, **recorded)


def seed_users(orgs: dict) -> list[tuple[str, str]]:
    """The demo accounts with their roles (focal points' countries: `pilots.demo`), and the
    admin; returns (username, role) of each demo account."""
    made = []
    for username, first, last, role, acronym, _focal_countries in USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@sti-roadmaps.test"
        user.organisation = orgs[acronym]
        user.is_staff = role == Role.SECRETARIAT
        user.set_password(DEMO_PASSWORD)
        user.save()
        grant_role(user, role)
        made.append((username, Role(role).label))
    admin = User.objects.filter(username="admin").first() or User(username="admin")
    admin.email = "admin@sti-roadmaps.test"
    admin.is_staff = admin.is_superuser = True
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    return made
