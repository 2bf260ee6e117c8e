"""Walk a running server as each demo role, in each language and width, and report what a
person would trip over (devtools/walk.py says what is looked for).

    manage.py walk_site --url http://127.0.0.1:8000

Needs the demo (`seed_demo`) on the server's database and Chromium (`/usr/bin/chromium`, or
STI_CHROMIUM). Writes `.local/walk/report.md` (and screenshots with --screenshots); exits
non-zero when anything was found, so a script can wait for a clean walk.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.walk import ANONYMOUS, record_text, report, walk
from programme.demo import USERS


class Command(BaseCommand):
    help = "Walk the running site as every demo role and report broken links, overflow, axe "
    help += "violations, English on translated pages and raw codes."

    def add_arguments(self, parser):
        roles = [username for username, *_ in USERS] + [ANONYMOUS]
        parser.add_argument("--url", default=settings.SITE_URL, help="Where the app answers.")
        parser.add_argument("--roles", default=",".join(roles), help="Comma-separated.")
        parser.add_argument("--languages", default="en,fr", help="Comma-separated.")
        parser.add_argument("--widths", default="1280,390", help="Viewport widths in px.")
        parser.add_argument("--per-pattern", type=int, default=1, help="Pages per URL pattern.")
        parser.add_argument("--max-pages", type=int, default=200, help="Per role and language.")
        parser.add_argument("--depth", type=int, default=None, help="Links from the home page.")
        parser.add_argument("--out", default=".local/walk", help="Folder for the report.")
        parser.add_argument("--screenshots", action="store_true", help="Save each page's PNG.")

    def handle(self, *args, **options):
        from playwright.sync_api import sync_playwright

        chromium = os.environ.get("STI_CHROMIUM") or "/usr/bin/chromium"
        if not Path(chromium).is_file():
            raise CommandError(f"no Chromium at {chromium} (set STI_CHROMIUM)")
        origin = options["url"].rstrip("/")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        # Playwright's sync API runs an event loop in this thread, which keeps it from the
        # database: the records' text is read first.
        records = record_text()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium,
                headless=True,
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            try:
                result = walk(
                    browser,
                    origin,
                    roles=options["roles"].split(","),
                    languages=options["languages"].split(","),
                    widths=tuple(int(w) for w in options["widths"].split(",")),
                    per_pattern=options["per_pattern"],
                    max_pages=options["max_pages"],
                    depth=options["depth"],
                    records=records,
                    screenshots=out / "screenshots" if options["screenshots"] else None,
                    log=self.stdout.write if options["verbosity"] > 1 else None,
                )
            finally:
                browser.close()
        (out / "report.md").write_text(report(result, origin))
        totals = result.totals()
        summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(totals.items())) or "clean"
        self.stdout.write(
            f"{len(result.pages)} pages, {result.links_checked} links, "
            f"{time.monotonic() - started:.0f}s; {summary}. Report: {out / 'report.md'}"
        )
        if totals:
            raise CommandError(f"{sum(totals.values())} findings")
