"""Print the demo sign-ins, so `make run` can end with them in view."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from programme.choices import Role
from programme.demo import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = "Print the address of the app and the demo sign-ins that `seed_demo` creates."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=settings.SITE_URL, help="Where the app answers.")

    def handle(self, *args, url: str, **options):
        self.stdout.write(self.style.SUCCESS(f"STI Roadmaps is running at {url}/"))
        self.stdout.write(f"Sign in at {url}/accounts/login/ with password {DEMO_PASSWORD!r} as:")
        for username, _first, _last, role, _org, _countries in USERS:
            self.stdout.write(f"  {username:<14} {Role(role).label}")
        self.stdout.write(f"  {'admin':<14} Superuser (Django admin)")
