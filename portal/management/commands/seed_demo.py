"""Demo data: the programme as the IATT's 2018 work programme planned it and as the public
record shows it ran, plus demo users.

Sources of the facts: the IATT sub-working group on STI roadmaps' 2018 work programme (the
plan: EGM dates, hosts, regional tracks, milestones, components) and the public record
(`programme.demo.RECORD`: the meetings held, the HLPF launch, the pilots, who supports whom,
the Guidebook), each named beside its facts; where the two differ, both are kept. Anything
illustrative (demo users, step progress, drafts, assessments, SDG focus) carries a flag that
pages, exports and the API show, and the public site leaves out.

Each app keeps its own demo data in its `demo.py`; this command only calls them, in the order
their records need one another. Idempotent: running it again updates the same rows and creates
nothing twice.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from egm import demo as egm_demo
from guidebook.demo import seed_guidebook, seed_guidebook_work
from monitoring.demo import seed_monitoring
from pilots import demo as pilots_demo
from pilots.models import Country
from portal.workprogramme.demo import seed_work_programme
from programme import demo as programme_demo
from programme.models import User
from programme.roles import ensure_role_groups
from roadmaps import demo as roadmaps_demo


class Command(BaseCommand):
    help = "Load the demo programme (2018 work programme, first pilots) and demo users. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        if not Country.objects.exists():
            call_command("load_reference_data", stdout=self.stdout)
        ensure_role_groups()
        countries = {c.iso3: c for c in Country.objects.all()}
        orgs = programme_demo.seed_organisations(countries)
        pilots_demo.seed_lead_institutions(orgs, countries)
        programme_demo.seed_components(orgs)
        egm_demo.load(orgs=orgs, countries=countries)
        programme_demo.seed_plan_milestones()
        pilots_demo.seed_pilots(orgs, countries)
        roadmaps_demo.seed_roadmaps(countries)
        seed_guidebook()
        users = programme_demo.seed_users(orgs)
        pilots_demo.seed_focal_points(countries)
        # The adviser's illustrative invitation to comment on the Guidebook's first chapter.
        seed_guidebook_work()
        # Drafts first, through the real upload and workflow services; then the illustrative
        # assessments of the ones that have been decided.
        roadmaps_demo.seed_versions(countries)
        roadmaps_demo.seed_assessments(countries)
        seed_work_programme()
        programme_demo.seed_milestones_demo()
        # Ghana's illustrative results framework, periods and one approved update.
        seed_monitoring(actor=User.objects.get(username="secretariat"))
        programme_demo.retire_organisations()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready for {len(users)} demo users."))
        self.stdout.write("`manage.py demo_logins` lists their sign-ins.")
