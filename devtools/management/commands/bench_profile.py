"""Where one page's time goes: a pyinstrument profile of a few requests, in process.

    manage.py bench_profile /roadmaps/assessments/heatmap/ --as secretariat

`--as partner` reads the API with a token as the demo partner. Needs pyinstrument (dev group).
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client

from base.cache import generation_bump_all
from programme.models import ApiToken, User
from programme.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Profile one URL with pyinstrument (benchmark tooling; reads only)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--as", dest="username", default="secretariat")
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument(
            "--all", dest="all_frames", action="store_true", help="Library frames too."
        )
        parser.add_argument(
            "--cold", action="store_true", help="Invalidate cached reads before each request."
        )

    def handle(
        self, *args, path: str, username: str, repeat: int, all_frames: bool, cold: bool, **options
    ):
        self.show_all = all_frames
        from pyinstrument import Profiler

        user = User.objects.get(username=username)
        client, headers, token = Client(), {}, None
        if user.is_partner_only:
            secretariat = User.objects.get(username="secretariat")
            token, key = api_token_create(actor=secretariat, user=user, name="bench_profile")
            headers["HTTP_AUTHORIZATION"] = f"Token {key}"
        else:
            # Signed in as `bench_http` signs in (with the second factor the secretariat is
            # asked for), so the page profiled is the page, not the two-factor set-up.
            from devtools.management.commands.bench_http import Command as BenchHttp

            client.cookies[settings.SESSION_COOKIE_NAME] = BenchHttp()._session(user)
        try:
            response = client.get(path, **headers)  # warm-up
            self.stderr.write(f"{response.status_code} {path}")
            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(repeat):
                    if cold:
                        generation_bump_all()
                    response = client.get(path, **headers)
                    if getattr(response, "streaming", False):
                        b"".join(response.streaming_content)
        finally:
            if isinstance(token, ApiToken):
                api_token_revoke(actor=User.objects.get(username="secretariat"), token=token)
        self.stdout.write(profiler.output_text(unicode=True, color=False, show_all=self.show_all))
