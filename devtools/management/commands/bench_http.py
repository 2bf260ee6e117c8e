"""Measure the busiest pages and API reads as users meet them (`make bench`).

A real server (gunicorn, 2 sync workers, DEBUG off, the bench settings) on a free loopback port,
a real load generator (wrk) with 4 concurrent clients, signed in with a session cookie (pages)
or an API token (partners' reads). Each page's throughput is given as a share of the floor: a
no-database endpoint on the same server, measured at the start and the end of the same run.
One extra request per page, counted by the bench middleware, gives its queries, SQL and wall
time and its size. The streamed exports (all assessments; monitoring's updates and indicators) are
timed end to end.

Run through `make bench`, which sets the bench settings, DEBUG=0 and a bench-only SECRET_KEY.
Numbers are printed and written to `.local/bench/results.md`; nothing is asserted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from monitoring.choices import UpdateStatus
from monitoring.models import CountryUpdate, ResultsFramework
from monitoring.selectors import public_progress_roadmaps
from programme.models import User
from programme.services import api_token_create, api_token_revoke
from roadmaps.choices import AssessmentStatus, VersionStatus
from roadmaps.models import Assessment, ConsolidatedScore, Roadmap, RoadmapVersion

HOST = "127.0.0.1"
CLIENTS = 4


@dataclass
class Endpoint:
    label: str
    path: str
    auth: str  # "secretariat" (session cookie) or "partner" (API token)


@dataclass
class Result:
    endpoint: Endpoint
    status: int
    rps: float
    p50: float
    p99: float
    queries: str
    sql_ms: str
    wall_ms: str
    cpu_ms: str
    cold: str
    size: int
    errors: int


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


class Command(BaseCommand):
    help = "Benchmark pages and API reads on a real server with wrk (run by `make bench`)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=6, help="Load per endpoint.")
        parser.add_argument("--only", default="", help="Only endpoints whose label has this.")
        parser.add_argument(
            "--out", default=str(settings.BASE_DIR / ".local" / "bench" / "results.md")
        )

    def handle(self, *args, seconds: int, only: str, out: str, **options):
        if settings.DEBUG:
            raise CommandError("Run with DEBUG=0 and the bench settings: use `make bench`.")
        if "devtools.bench.QueryCountMiddleware" not in settings.MIDDLEWARE:
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=devtools.settings_bench.")
        wrk = shutil.which("wrk")
        if not wrk:
            raise CommandError("wrk is missing: `apt-get install -y wrk` (make bench does it).")
        call_command("collectstatic", "--noinput", verbosity=0)
        secretariat = User.objects.get(username="secretariat")
        partner = User.objects.get(username="partner")
        token, key = api_token_create(actor=secretariat, user=partner, name="make bench")
        self.headers = {
            "secretariat": {
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={self._session(secretariat)}"
            },
            "partner": {"Authorization": f"Token {key}"},
        }
        endpoints = self._endpoints()
        if only:
            endpoints = [e for e in endpoints if only in e.label]
        port = _free_port()
        self.base = f"http://{HOST}:{port}"
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi",
                "--workers=2",
                "--worker-class=sync",
                f"--bind={HOST}:{port}",
                "--log-level=warning",
            ],
            env={**os.environ},
            start_new_session=True,
        )
        try:
            self._wait_until_up()
            floor_before = self._load(wrk, Endpoint("floor", "/_bench/floor/", "none"), seconds)
            results = []
            for endpoint in endpoints:
                results.append(self._load(wrk, endpoint, seconds))
                r = results[-1]
                self.stderr.write(f"  {r.endpoint.label}: {r.rps:.1f} req/s, p99 {r.p99:.0f} ms")
            floor_after = self._load(wrk, Endpoint("floor", "/_bench/floor/", "none"), seconds)
            export = self._export() if not only or "export" in only else None
            streamed = [
                (label, rows, self._timed(endpoint))
                for label, endpoint, rows in self._monitoring_exports()
                if not only or only in label
            ]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            api_token_revoke(actor=secretariat, token=token)
        report = self._report(floor_before, floor_after, results, export, seconds, streamed)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(report)
        self.stdout.write(report)
        self.stdout.write(f"Written to {out}")

    # --- Set-up --------------------------------------------------------------------------

    def _session(self, user) -> str:
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        # The backend that signs people in and reads them back (axes' backend only guards
        # the sign-in form and cannot load a user from a session).
        store[BACKEND_SESSION_KEY] = next(
            path for path in settings.AUTHENTICATION_BACKENDS if "axes" not in path
        )
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    def _endpoints(self) -> list[Endpoint]:
        # The busiest synthetic country: its pilot page and its latest published scorecard.
        roadmap = Roadmap.objects.filter(versions__number=20).order_by("pk").first()
        if roadmap is None:
            raise CommandError("No data at programme scale: run `manage.py seed_scale` first.")
        version = (
            RoadmapVersion.objects.filter(
                roadmap=roadmap,
                status=VersionStatus.PUBLISHED,
                assessment__status=AssessmentStatus.FINALISED,
            )
            .order_by("-number")
            .first()
        )
        pilot = roadmap.country.pilot
        return [
            Endpoint("dashboard", "/", "secretariat"),
            Endpoint("pilot list", "/pilots/", "secretariat"),
            Endpoint("pilot detail", f"/pilots/{pilot.pk}/", "secretariat"),
            Endpoint("roadmap list", "/roadmaps/", "secretariat"),
            Endpoint("milestone list", "/milestones/", "secretariat"),
            Endpoint("scorecard", f"/roadmaps/versions/{version.pk}/scorecard/", "secretariat"),
            Endpoint("heatmap", "/roadmaps/assessments/heatmap/", "secretariat"),
            Endpoint("API roadmaps, 50 a page", "/api/v1/roadmaps/", "partner"),
            Endpoint("API pilots, 50 a page", "/api/v1/pilots/", "partner"),
            Endpoint("API pilots, 500 a page", "/api/v1/pilots/?page_size=500", "partner"),
            Endpoint("API assessments, 50 a page", "/api/v1/assessments/", "partner"),
            Endpoint(
                "API assessments, 500 a page", "/api/v1/assessments/?page_size=500", "partner"
            ),
            *self._monitoring_endpoints(roadmap),
        ]

    def _monitoring_endpoints(self, roadmap) -> list[Endpoint]:
        # The same country's results page, its updates (the approved one with the most
        # values, and the submitted one the secretariat reviews), its framework's editor, the
        # programme view, the public progress pages, the IATI results export and the
        # monitoring exports. Labels start "monitoring" so `--only monitoring` runs them all.
        framework = ResultsFramework.objects.filter(roadmap=roadmap).order_by("-pk").first()
        if framework is None:
            return []
        updates = CountryUpdate.objects.filter(period__roadmap=roadmap).order_by("-pk")
        approved = updates.filter(status=UpdateStatus.APPROVED).first()
        submitted = updates.filter(status=UpdateStatus.SUBMITTED).first()
        public = public_progress_roadmaps().filter(pk=roadmap.pk).first()
        m, sec = "monitoring", "secretariat"
        endpoints = [
            Endpoint(f"{m}: programme view", "/monitoring/", sec),
            Endpoint(f"{m}: results page", f"/monitoring/roadmaps/{roadmap.pk}/", sec),
            Endpoint(f"{m}: framework editor", f"/monitoring/frameworks/{framework.pk}/", sec),
        ]
        for label, update in (("approved", approved), ("submitted", submitted)):
            if update is not None:
                endpoints.append(
                    Endpoint(f"{m}: {label} update", f"/monitoring/updates/{update.pk}/", sec)
                )
        endpoints.append(Endpoint(f"{m}: public progress list", "/public/progress/", "none"))
        if public is not None:
            endpoints.append(
                Endpoint(f"{m}: public progress page", f"/public/progress/{public.pk}/", "none")
            )
        iati = f"/api/v1/results-frameworks/{framework.pk}/iati/"
        return [
            *endpoints,
            Endpoint(f"{m}: API IATI results export, JSON", iati, "partner"),
            Endpoint(f"{m}: API IATI results export, XML", f"{iati}?format=xml", "partner"),
            Endpoint(f"{m}: API country updates, 50 a page", "/api/v1/country-updates/", "partner"),
        ]

    def _monitoring_exports(self) -> list[tuple[str, Endpoint, int]]:
        """The partners' streamed CSV exports of monitoring, with how many rows each holds
        (timed end to end like the assessments' export: wrk and the per-request counts stop
        where the streaming starts)."""
        from monitoring.models import Indicator

        return [
            (
                "monitoring: API country updates export, CSV",
                Endpoint("", "/api/v1/country-updates/export/?format=csv", "partner"),
                CountryUpdate.objects.filter(status=UpdateStatus.APPROVED).count(),
            ),
            (
                "monitoring: API indicators export, CSV",
                Endpoint("", "/api/v1/results-indicators/export/?format=csv", "partner"),
                Indicator.objects.count(),
            ),
        ]

    def _wait_until_up(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/_bench/floor/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.3)
        raise CommandError("The bench server did not start.")

    # --- Measuring -----------------------------------------------------------------------

    def _get(self, endpoint: Endpoint, extra: dict | None = None):
        request = urllib.request.Request(
            self.base + endpoint.path,
            headers={**self.headers.get(endpoint.auth, {}), **(extra or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    def _load(self, wrk: str, endpoint: Endpoint, seconds: int) -> Result:
        for _ in range(4):  # warm both workers (templates, caches) as users' first visits do
            self._get(endpoint)
        status, headers, body = self._get(endpoint, {"X-Bench-Count": "1"})
        command = [wrk, "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--latency", "--timeout=30s"]
        for name, value in self.headers.get(endpoint.auth, {}).items():
            command += ["-H", f"{name}: {value}"]
        output = subprocess.run(
            [*command, self.base + endpoint.path], capture_output=True, text=True, check=True
        ).stdout
        _status, cold, _body = self._get(endpoint, {"X-Bench-Count": "1", "X-Bench-Cold": "1"})
        self._get(endpoint)  # leave the cache warm again
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))
        p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
        socket_errors = re.search(r"Socket errors: (.*)", output)
        errors = int(bad.group(1)) if bad else 0
        if socket_errors:
            self.stderr.write(f"  {endpoint.label}: socket errors {socket_errors.group(1)}")
        return Result(
            endpoint=endpoint,
            status=status,
            rps=rps,
            p50=p50,
            p99=p99,
            queries=headers.get("X-Bench-Queries", "?"),
            sql_ms=headers.get("X-Bench-Sql-Ms", "?"),
            wall_ms=headers.get("X-Bench-Wall-Ms", "?"),
            cpu_ms=headers.get("X-Bench-Cpu-Ms", "?"),
            cold=f"{cold.get('X-Bench-Queries', '?')} q, {cold.get('X-Bench-Sql-Ms', '?')} / "
            f"{cold.get('X-Bench-Wall-Ms', '?')} / {cold.get('X-Bench-Cpu-Ms', '?')}",
            size=len(body),
            errors=errors,
        )

    def _timed(self, endpoint: Endpoint) -> dict:
        """Three full downloads of a streamed export: best and worst time, size, status."""
        times, size, status = [], 0, 0
        for _ in range(3):
            started = time.perf_counter()
            status, _headers, body = self._get(endpoint)
            times.append(time.perf_counter() - started)
            size = len(body)
        return {"status": status, "best": min(times), "worst": max(times), "size": size}

    def _export(self) -> dict:
        endpoint = Endpoint("export", "/api/v1/assessments/export/?format=csv", "secretariat")
        times, size, status = [], 0, 0
        for _ in range(3):
            started = time.perf_counter()
            status, _headers, body = self._get(endpoint)
            times.append(time.perf_counter() - started)
            size = len(body)
        rows = Assessment.objects.count()
        return {
            "status": status,
            "best": min(times),
            "worst": max(times),
            "size": size,
            "rows": rows,
        }

    # --- Report --------------------------------------------------------------------------

    def _report(self, floor_before, floor_after, results, export, seconds, streamed=()) -> str:
        floor = (floor_before.rps + floor_after.rps) / 2
        when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        lines = [
            f"# Benchmark {when} (commit {commit or '?'})",
            "",
            f"gunicorn 2 sync workers, DEBUG=0, wrk {CLIENTS} clients x {seconds} s per row. "
            f"Data: {RoadmapVersion.objects.count():,} versions, "
            f"{Assessment.objects.count():,} assessments, "
            f"{ConsolidatedScore.objects.count():,} consolidated scores, "
            f"{CountryUpdate.objects.count():,} country updates. "
            f"Floor (no database, fixed JSON): {floor_before.rps:,.0f} req/s before, "
            f"{floor_after.rps:,.0f} after; ratios use the mean, {floor:,.0f}. "
            f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.",
            "",
            "| page / endpoint | status | req/s | % of floor | p50 ms | p99 ms | queries "
            "| SQL ms / wall ms / CPU ms (one request) | uncached: queries, SQL / wall / CPU ms "
            "| bytes |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in results:
            status = str(r.status) + (f" ({r.errors} non-2xx)" if r.errors else "")
            lines.append(
                f"| {r.endpoint.label} | {status} | {r.rps:,.1f} | {100 * r.rps / floor:.2f} "
                f"| {r.p50:,.0f} | {r.p99:,.0f} | {r.queries} "
                f"| {r.sql_ms} / {r.wall_ms} / {r.cpu_ms} | {r.cold} "
                f"| {r.size:,} |"
            )
        if export:
            lines += [
                "",
                f"Export of all assessments (secretariat, CSV, {export['rows']:,} rows, "
                f"{export['size'] / 1e6:.1f} MB, status {export['status']}): "
                f"best {export['best']:.2f} s, worst {export['worst']:.2f} s of 3.",
            ]
        for label, rows, timed in streamed:
            lines += [
                "",
                f"{label[0].upper()}{label[1:]} (partner, {rows:,} rows, "
                f"{timed['size'] / 1e6:.2f} MB, status {timed['status']}): "
                f"best {timed['best']:.2f} s, worst {timed['worst']:.2f} s of 3.",
            ]
        return "\n".join(lines) + "\n"
