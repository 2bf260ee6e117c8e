"""The directory's and the plan's demo data: organisations, the work programme's components,
the demo accounts and their roles, and the 2018 work programme's milestones with owners so the
demo's reminders have someone to go to. Called from `seed_demo`; idempotent.

Source: /work/shared/reference/000_2cfb5180f8429451.txt (the IATT's 2018 presentation of its
work programme). It gives no dates for these four, so none is set ("to be confirmed"): they
are listed on the timeline's table and never reminded until the secretariat sets a date.
"""

from __future__ import annotations

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
    ("MEXT", "Ministry of Education, Culture, Sports, Science and Technology of Japan", OrganisationKind.GOVERNMENT, False, "JPN"),
]  # fmt: skip

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
# invitation to the 10-Member Group yet.
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

# Past-date milestones of the main demo that nothing records as done: on today's date they
# have slipped (and are overdue, so their owner is reminded every 7 days).
SLIPPED_2019 = {
    "Draft Guidebook and background note before the 2019 HLPF": (
        "The draft Guidebook and its background note were expected before the 2019 HLPF. "
        "No completion is recorded here."
    ),
    "2-3 pilot countries draft national roadmaps": (
        "In the first half of 2019, 2-3 pilot countries were expected to prepare their draft "
        "national STI roadmaps; the due date is the end of that half-year (the text gives "
        "the half-year only). No completion is recorded here."
    ),
}


def seed_milestones_demo(*, owner_username: str = "secretariat") -> None:
    """The 2018 work programme's missing milestones, statuses that fit today, and the demo
    secretariat account as owner of the programme-wide ones (so reminders have a recipient)."""
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
    for milestone in Milestone.objects.filter(title__in=SLIPPED_2019):
        milestone.status = MilestoneStatus.SLIPPED
        milestone.description = SOURCE + SLIPPED_2019[milestone.title]
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


def seed_components(orgs: dict) -> None:
    """The work programme's four components, led by UN DESA and the World Bank."""
    components = [
        ("Peer learning", "Countries learn from each other's roadmap processes."),
        ("Joint support for pilot countries", "IATT members support pilots together."),
        ("Donor coordination", "Aligning funders behind national roadmaps."),
        ("Knowledge and advocacy", "The Guidebook, background papers and outreach."),
    ]
    for order, (name, description) in enumerate(components, start=1):
        component = upsert(
            WorkProgrammeComponent,
            {"name": name},
            slug=name.lower().replace(" ", "-"),
            description=description,
            order=order,
        )
        component.lead_organisations.set([orgs["UN DESA"], orgs["WB"]])


def seed_plan_milestones() -> None:
    """The dated, public milestones of the 2018 work programme."""
    items = [
        ("Terms of reference for the Guidebook", MilestoneKind.GUIDEBOOK, D(2018, 5, 9), MilestoneStatus.DONE),
        ("Draft Guidebook and background note before the 2019 HLPF", MilestoneKind.GUIDEBOOK, D(2019, 7, 9), MilestoneStatus.PLANNED),
        ("2-3 pilot countries draft national roadmaps", MilestoneKind.PILOT, D(2019, 6, 30), MilestoneStatus.PLANNED),
    ]  # fmt: skip
    for title, kind, due, status in items:
        upsert(
            Milestone,
            {"title": title},
            kind=kind,
            due_on=due,
            status=status,
            completed_on=due if status == MilestoneStatus.DONE else None,
            is_public=True,
        )


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
