"""Demo data: the programme as the IATT's 2018 work programme describes it, plus demo users.

Sources of the facts below: the IATT sub-working group on STI roadmaps' 2018 work programme
(EGM dates, hosts, regional tracks, milestones, components), the announcement of the first
pilot countries at the HLPF in July 2019, and Ukraine joining the Global Pilot Programme in
February 2021. Anything illustrative (demo users, step progress) is said to be so.
Idempotent: running it again updates the same rows and creates nothing twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from egm import demo as egm_demo
from guidebook.demo import seed_guidebook
from monitoring.demo import seed_monitoring
from pilots.choices import PilotKind, PilotStatus, RoadmapStep, StepStatus, SupportRole
from pilots.models import Cohort, Country, FocalPoint, Pilot, PilotStep, PilotSupport
from portal.workprogramme.demo import seed_work_programme
from programme.choices import MilestoneKind, MilestoneStatus, OrganisationKind, Role
from programme.demo import seed_milestones_demo
from programme.models import Milestone, Organisation, User, WorkProgrammeComponent
from programme.roles import ensure_role_groups, grant_role
from roadmaps.choices import AssessmentStatus, Priority, ReviewStatus, RoadmapKind, VersionStatus
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Goal,
    Review,
    ReviewAssignment,
    ReviewScore,
    Roadmap,
    RoadmapGoal,
    RoadmapVersion,
)
from roadmaps.selectors import rubric_newest_published
from roadmaps.services import roadmap_version_transition, roadmap_version_upload

DEMO_PASSWORD = "roadmaps-demo-2018"

D = dt.date

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

# Primary SDGs per national roadmap (illustrative).
DEMO_SDGS = {
    "ETH": [2, 9],
    "GHA": [7, 9, 13],
    "IND": [3, 6, 9],
    "KEN": [2, 9],
    "SRB": [4, 9],
    "UKR": [9],
}

# ILLUSTRATIVE assessments, invented so the scorecard and the heatmap have something to show:
# no real country's draft was scored like this. (country, version, version status, consolidated
# scores for criteria 1-10, None meaning insufficient information, summary).
DEMO_ASSESSMENTS = [
    ("GHA", 1, VersionStatus.RETURNED, [2, 1, 2, 1, 1, 2, 1, 2, None, 1], "A promising first draft: strengthen the diagnosis, the policy mix and the costing."),
    ("GHA", 2, VersionStatus.ACCEPTED, [3, 2, 3, 2, 2, 2, 2, 3, 2, 1], "Clear progress on diagnostics and SDG deep dives; resources remain thin."),
    ("KEN", 1, VersionStatus.RETURNED, [3, 2, 2, 2, 1, 3, 2, 2, 1, None], "Good foresight work; say who is left behind and how the roadmap will be financed."),
    ("ETH", 1, VersionStatus.RETURNED, [2, 2, 3, 2, 2, 1, 2, 1, 1, 1], "A sound start on agriculture and industry; governance and learning need detail."),
    ("IND", 1, VersionStatus.PUBLISHED, [4, 3, 3, 3, 2, 3, 3, 3, 2, 2], "A thorough, well-evidenced roadmap."),
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


def upsert(model, lookup: dict, **values):
    """get-or-create by `lookup`, then bring `values` up to date and validate."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


def demo_pdf(title: str) -> bytes:
    """A small, well-formed one-page PDF with a title, so demo drafts open in a viewer."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# Illustrative drafts: (country, [(change summary, moves after upload as (status, comment))]).
DEMO_VERSIONS = [
    ("GHA", [
        ("First full draft after the national stakeholder workshop.", [
            (VersionStatus.SUBMITTED, ""),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.RETURNED, "Please add baselines for the SDG 9 targets and say who funds the pathways in chapter 4."),
        ]),
        ("Adds SDG 9 baselines and a financing section for the pathways.", [
            (VersionStatus.SUBMITTED, "Answers the secretariat's comments on version 1."),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.ACCEPTED, "Accepted; resources remain thin, see the scorecard."),
        ]),
        # Left as a draft, so Ghana's focal point has a submission that works.
        ("Final draft for adoption by the cabinet.", []),
    ]),
    ("KEN", [
        ("First draft: foresight and the current situation.", [
            (VersionStatus.SUBMITTED, ""),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.RETURNED, "Say who is left behind and how the roadmap will be financed."),
        ]),
        ("Working draft of the revised financing chapter.", []),
    ]),
    ("ETH", [
        ("First draft on agriculture and industry.", [
            (VersionStatus.SUBMITTED, ""),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.RETURNED, "Governance and learning need detail."),
        ]),
        # Uploaded and submitted by the secretariat on Ethiopia's behalf: the secretariat's
        # queue has a version waiting, and no focal point's own submission is blocked by it.
        ("Revised draft with governance and learning chapters.", [
            (VersionStatus.SUBMITTED, ""),
        ]),
    ]),
    ("IND", [
        ("National roadmap draft.", [
            (VersionStatus.SUBMITTED, ""),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.ACCEPTED, ""),
            (VersionStatus.PUBLISHED, "Published with the government's agreement."),
        ]),
    ]),
]  # fmt: skip


class Command(BaseCommand):
    help = "Load the demo programme (2018 work programme, first pilots) and demo users. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        if not Country.objects.exists():
            call_command("load_reference_data", stdout=self.stdout)
        ensure_role_groups()
        countries = {c.iso3: c for c in Country.objects.all()}
        orgs = self._organisations(countries)
        self._components(orgs)
        egm_demo.load(orgs=orgs, countries=countries)
        self._milestones()
        self._pilots(orgs, countries)
        seed_guidebook()
        users = self._users(orgs, countries)
        # Drafts first, through the real upload and workflow services; then the illustrative
        # assessments of the ones that have been decided.
        self._versions(countries)
        self._assessments(countries)
        seed_work_programme()
        seed_milestones_demo()
        # Ghana's illustrative results framework, periods and one approved update.
        seed_monitoring(actor=User.objects.get(username="secretariat"))
        self.stdout.write(self.style.SUCCESS(f"Demo data ready for {len(users)} demo users."))
        self.stdout.write("`manage.py demo_logins` lists their sign-ins.")

    def _organisations(self, countries):
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
        for iso3, _cohort, _status, (acronym, name) in PILOTS:
            orgs[acronym] = upsert(
                Organisation,
                {"acronym": acronym},
                name=name,
                slug=acronym.lower(),
                kind=OrganisationKind.GOVERNMENT,
                country=countries[iso3],
            )
        return orgs

    def _components(self, orgs):
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

    def _milestones(self):
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

    def _pilots(self, orgs, countries):
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
        goals = {g.number: g for g in Goal.objects.all()}
        for iso3, cohort, status, (acronym, _name) in PILOTS:
            country = countries[iso3]
            pilot = upsert(
                Pilot,
                {"country": country},
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
            roadmap = upsert(
                Roadmap,
                {"kind": RoadmapKind.NATIONAL, "country": country},
                title=f"{country.name} STI for SDGs roadmap",
                summary=f"The national science, technology and innovation for SDGs roadmap of {country.name}.",
            )
            for number in DEMO_SDGS[iso3]:
                upsert(
                    RoadmapGoal,
                    {"roadmap": roadmap, "goal": goals[number]},
                    priority=Priority.PRIMARY,
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

    def _versions(self, countries):
        """Demo drafts in different states, made through the same services as real uploads."""
        secretariat = User.objects.get(username="secretariat")
        for iso3, versions in DEMO_VERSIONS:
            roadmap = Roadmap.objects.get(kind=RoadmapKind.NATIONAL, country=countries[iso3])
            if roadmap.versions.exists():
                continue  # idempotent: drafts are only ever added, never rewritten
            # Countries without a demo focal point have their drafts uploaded by the
            # secretariat on their behalf, as happens in practice.
            focal = (
                User.objects.filter(username=f"focal.{countries[iso3].name.lower()}").first()
                or secretariat
            )
            for number, (summary, moves) in enumerate(versions, start=1):
                name = f"{countries[iso3].name} STI for SDGs roadmap v{number}.pdf"
                version = roadmap_version_upload(
                    actor=focal,
                    roadmap=roadmap,
                    file=ContentFile(demo_pdf(f"{roadmap.title}, draft {number}"), name=name),
                    filename=name,
                    change_summary=summary,
                )
                for status, comment in moves:
                    if status == VersionStatus.ACCEPTED:
                        # Acceptance rests on a finalised assessment (roadmaps.rules).
                        self._assess(countries, iso3, number)
                    actor = focal if status == VersionStatus.SUBMITTED else secretariat
                    roadmap_version_transition(
                        actor=actor, version=version, to_status=status, comment=comment
                    )

    def _users(self, orgs, countries):
        made = []
        for username, first, last, role, acronym, focal_countries in USERS:
            user = User.objects.filter(username=username).first() or User(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@sti-roadmaps.test"
            user.organisation = orgs[acronym]
            user.is_staff = role == Role.SECRETARIAT
            user.set_password(DEMO_PASSWORD)
            user.save()
            grant_role(user, role)
            for iso3 in focal_countries:
                FocalPoint.objects.get_or_create(
                    user=user, country=countries[iso3], defaults={"since": D(2019, 7, 9)}
                )
            made.append((username, Role(role).label))
        admin = User.objects.filter(username="admin").first() or User(username="admin")
        admin.email = "admin@sti-roadmaps.test"
        admin.is_staff = admin.is_superuser = True
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        return made

    def _assessments(self, countries):
        """ILLUSTRATIVE finalised assessments (see DEMO_ASSESSMENTS), one demo reviewer each."""
        for iso3, number, status, _scores, _summary in DEMO_ASSESSMENTS:
            roadmap = Roadmap.objects.get(kind=RoadmapKind.NATIONAL, country=countries[iso3])
            # The drafts come from _versions, through the real workflow; only decided ones
            # (returned or accepted) are assessed here.
            version = RoadmapVersion.objects.get(roadmap=roadmap, number=number)
            if version.status == status:
                self._assess(countries, iso3, number)

    def _assess(self, countries, iso3, number):
        """The ILLUSTRATIVE finalised assessment of one demo version, if DEMO_ASSESSMENTS has
        one (idempotent)."""
        entry = next((e for e in DEMO_ASSESSMENTS if e[:2] == (iso3, number)), None)
        if entry is None:
            return
        _iso3, _number, _status, scores, summary = entry
        rubric = rubric_newest_published()
        criteria = {c.number: c for c in rubric.criteria.all()}
        secretariat = User.objects.get(username="secretariat")
        reviewer = User.objects.get(username="reviewer")
        when = timezone.now()
        roadmap = Roadmap.objects.get(kind=RoadmapKind.NATIONAL, country=countries[iso3])
        version = RoadmapVersion.objects.get(roadmap=roadmap, number=number)
        assessment = upsert(
            Assessment,
            {"version": version},
            rubric=rubric,
            status=AssessmentStatus.FINALISED,
            finalised_at=when,
            finalised_by=secretariat,
            summary=summary,
        )
        milestone = upsert(
            Milestone,
            {"title": f"Review of {version}", "kind": MilestoneKind.REVIEW},
            due_on=D(2020, 3, 31),
            status=MilestoneStatus.DONE,
            completed_on=D(2020, 3, 15),
            country=countries[iso3],
        )
        milestone.owners.set([reviewer])
        assignment = upsert(
            ReviewAssignment,
            {"version": version, "reviewer": reviewer},
            assigned_by=secretariat,
            milestone=milestone,
        )
        review = upsert(
            Review,
            {"assignment": assignment},
            rubric=rubric,
            status=ReviewStatus.SUBMITTED,
            submitted_at=when,
        )
        for n, value in enumerate(scores, start=1):
            values = {
                "score": value,
                "insufficient_information": value is None,
            }
            upsert(
                ReviewScore,
                {"review": review, "criterion": criteria[n]},
                justification="Illustrative justification for the demo.",
                evidence=f"Section {n}",
                **values,
            )
            upsert(
                ConsolidatedScore,
                {"assessment": assessment, "criterion": criteria[n]},
                score=None if value is None else Decimal(value),
                comment="" if value is not None else "The draft does not yet cover this.",
                proposed_mean=None if value is None else Decimal(value),
                spread=None if value is None else 0,
                **{"insufficient_information": value is None},
            )
