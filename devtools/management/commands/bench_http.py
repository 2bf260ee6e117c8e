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


# The bar each row must reach (share of the floor, %) and the p99 every row must stay under.
BAR = 3.0
BAR_HIGH = 10.0  # anonymous pages and feeds; the dashboard, pilot list, scorecard, API lists
P99_LIMIT_MS = 250.0
SOAK_CLIENTS = 50
SOAK_SECONDS = 30


@dataclass
class Endpoint:
    label: str
    path: str
    auth: str  # "secretariat"/"focal" (session cookie), "partner" (API token), "none"
    bar: float = 0.0  # 0: by kind (anonymous and busiest pages BAR_HIGH, others BAR)

    def __post_init__(self):
        if not self.bar:
            busiest = self.label in {"dashboard", "pilot list", "scorecard"} or (
                self.label.startswith("API") and "a page" in self.label
            )
            self.bar = BAR_HIGH if self.auth == "none" or busiest else BAR


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
        parser.add_argument(
            "--only",
            default="",
            help="Only endpoints whose label has this (several: separated by commas).",
        )
        parser.add_argument(
            "--soak-seconds",
            type=int,
            default=SOAK_SECONDS,
            help="How long the soak runs (0: none; `--only` skips it unless it names 'soak').",
        )
        parser.add_argument(
            "--out", default=str(settings.BASE_DIR / ".local" / "bench" / "results.md")
        )

    def handle(self, *args, seconds: int, only: str, out: str, soak_seconds: int, **options):
        self.load_start = os.getloadavg()[0]
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
        anonymous = [e for e in endpoints if e.auth == "none" and e.bar == BAR_HIGH]
        focal = self._focal_user()
        if focal is not None:
            self.headers["focal"] = {
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={self._session(focal)}"
            }
        else:
            endpoints = [e for e in endpoints if e.auth != "focal"]
        wanted = [part.strip() for part in only.split(",") if part.strip()]
        run_soak = soak_seconds > 0 and (not wanted or "soak" in wanted)
        if wanted:
            endpoints = [e for e in endpoints if any(w in e.label for w in wanted)]
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
            soak = self._soak(wrk, anonymous, soak_seconds) if run_soak else []
            floor_after = self._load(wrk, Endpoint("floor", "/_bench/floor/", "none"), seconds)
            export = self._export() if not wanted or "export" in wanted else None
            streamed = [
                (label, rows, self._timed(endpoint))
                for label, endpoint, rows in self._monitoring_exports()
                if not wanted or any(w in label for w in wanted)
            ]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            api_token_revoke(actor=secretariat, token=token)
        report = self._report(floor_before, floor_after, results, export, seconds, streamed, soak)
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
            Endpoint("pilot detail, focal point", f"/pilots/{pilot.pk}/", "focal"),
            Endpoint("version page", f"/roadmaps/versions/{version.pk}/", "secretariat"),
            *self._public_endpoints(),
            *self._programme_endpoints(pilot),
            *self._monitoring_endpoints(roadmap),
            *self._api_endpoints(),
        ]

    def _focal_user(self):
        """A focal point of the busiest synthetic country (its pilot page as its own people
        see it), else the demo's Ghana focal point."""
        from pilots.models import FocalPoint

        roadmap = Roadmap.objects.filter(versions__number=20).order_by("pk").first()
        link = (
            FocalPoint.objects.filter(country=roadmap.country, until__isnull=True)
            .select_related("user")
            .first()
            if roadmap
            else None
        )
        return link.user if link else User.objects.filter(username="focal.ghana").first()

    def _public_endpoints(self) -> list[Endpoint]:
        """What anyone on the internet may ask for: the public site and the calendar feeds."""
        from portal.workprogramme.selectors import public_pilot_list, public_version_list
        from programme.services import calendar_token_reset

        p = "public"
        endpoints = [
            Endpoint(f"{p}: home", "/public/", "none"),
            Endpoint(f"{p}: open data", "/public/data/", "none"),
            Endpoint(f"{p}: open data, pilots CSV", "/public/data/pilots.csv", "none"),
            Endpoint(f"{p}: open data, roadmaps JSON", "/public/data/roadmaps.json", "none"),
            Endpoint(f"{p}: calendar feed", "/calendar/public.ics", "none"),
            Endpoint(
                f"{p}: calendar feed, ten years back",
                "/calendar/public.ics?years_back=10&years_ahead=2",
                "none",
            ),
        ]
        pilot = public_pilot_list().order_by("pk").first()
        if pilot is not None:
            endpoints.append(Endpoint(f"{p}: pilot page", f"/public/pilots/{pilot.pk}/", "none"))
        version = public_version_list().first()
        if version is not None:
            endpoints.append(
                Endpoint(f"{p}: roadmap page", f"/public/roadmaps/{version.pk}/", "none")
            )
        secretariat = User.objects.get(username="secretariat")
        token = secretariat.calendar_token or calendar_token_reset(actor=secretariat)
        endpoints.append(
            Endpoint("private calendar feed (secretariat)", f"/calendar/{token}.ics", "none", BAR)
        )
        return endpoints

    def _programme_endpoints(self, pilot) -> list[Endpoint]:
        """The work programme, meetings and the Guidebook as the secretariat meets them."""
        from egm.models import Meeting
        from guidebook.models import Chapter, GuidebookEdition

        sec = "secretariat"
        endpoints = [
            Endpoint("work programme", "/work-programme/", sec),
            Endpoint("trust fund", "/work-programme/trust-fund/", sec),
            Endpoint("support landscape", "/work-programme/landscape/", sec),
            Endpoint("peer learning", f"/work-programme/peers/{pilot.pk}/", sec),
            Endpoint("support outputs", "/work-programme/outputs/", sec),
            Endpoint("timeline", "/timeline/", sec),
            Endpoint("meeting list", "/meetings/", sec),
            Endpoint("advisory group", "/meetings/advisory-group/", sec),
            Endpoint("Guidebook editions", "/guidebook/", sec),
            Endpoint("Guidebook papers", "/guidebook/papers/", sec),
        ]
        meeting = Meeting.objects.order_by("-start_date", "pk").first()
        if meeting is not None:
            endpoints.append(Endpoint("meeting page", f"/meetings/{meeting.pk}/", sec))
        edition = GuidebookEdition.objects.order_by("-pk").first()
        if edition is not None:
            endpoints += [
                Endpoint("Guidebook edition", f"/guidebook/editions/{edition.pk}/", sec),
                Endpoint(
                    "Guidebook chapter board", f"/guidebook/editions/{edition.pk}/board/", sec
                ),
            ]
        chapter = Chapter.objects.order_by("-pk").first()
        if chapter is not None:
            endpoints.append(
                Endpoint("Guidebook chapter", f"/guidebook/chapters/{chapter.pk}/", sec)
            )
        return endpoints

    def _api_endpoints(self) -> list[Endpoint]:
        """The partners' other list reads, 50 a page."""
        return [
            Endpoint(f"API {name}, 50 a page", f"/api/v1/{path}/", "partner")
            for name, path in (
                ("meetings", "meetings"),
                ("milestones", "milestones"),
                ("support landscape", "support-landscape"),
                ("organisations", "organisations"),
                ("countries", "countries"),
                ("roadmap versions", "roadmap-versions"),
                ("Guidebook chapters", "guidebook-chapters"),
                ("trust fund totals", "trust-fund-totals"),
            )
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
        except OSError:
            # No answer in time (a server swamped by a slow page): status 0, and the run goes on.
            return 0, {}, b""

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

    def _soak(self, wrk: str, anonymous: list[Endpoint], seconds: int) -> list[str]:
        """The anonymous pages and feeds in turn with SOAK_CLIENTS concurrent clients for
        `seconds`, while one signed-in client keeps reading the dashboard: errors and p99 of
        both (a site that answers the crowd but not its own people fails)."""
        import tempfile

        paths = ", ".join(f'"{e.path}"' for e in anonymous)
        script = (
            f"local paths = {{{paths}}}\n"
            "local i = 0\n"
            "request = function()\n"
            "  i = i + 1\n"
            '  return wrk.format("GET", paths[(i % #paths) + 1])\n'
            "end\n"
        )
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            handle.write(script)
        for endpoint in anonymous:  # warm, as the timed rows do
            self._get(endpoint)
        crowd_cmd = [wrk, "-t2", f"-c{SOAK_CLIENTS}", f"-d{seconds}s", "--latency"]
        crowd_cmd += ["--timeout=10s", "-s", handle.name, self.base + "/"]
        member_cmd = [wrk, "-t1", "-c1", f"-d{seconds}s", "--latency", "--timeout=10s"]
        for name, value in self.headers["secretariat"].items():
            member_cmd += ["-H", f"{name}: {value}"]
        member_cmd.append(self.base + "/")
        load_before = os.getloadavg()[0]
        crowd = subprocess.Popen(crowd_cmd, stdout=subprocess.PIPE, text=True)
        member = subprocess.Popen(member_cmd, stdout=subprocess.PIPE, text=True)
        crowd_out, _ = crowd.communicate(timeout=seconds + 60)
        member_out, _ = member.communicate(timeout=seconds + 60)
        Path(handle.name).unlink()
        lines = [
            f"Soak ({seconds} s; load average {load_before:.1f} before, "
            f"{os.getloadavg()[0]:.1f} after):",
            "",
            "| who | clients | req/s | p50 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for who, clients, output in (
            (
                f"anonymous, {len(anonymous)} public pages and feeds in turn",
                SOAK_CLIENTS,
                crowd_out,
            ),
            ("signed in (secretariat, dashboard) meanwhile", 1, member_out),
        ):
            lines.append(f"| {who} | {clients} | {self._soak_row(output)} |")
        return lines

    @staticmethod
    def _soak_row(output: str) -> str:
        rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
        p50 = re.search(r"\s50%\s+(\S+)", output)
        p99 = re.search(r"\s99%\s+(\S+)", output)
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
        socket_errors = re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
        )
        errors = int(bad.group(1)) if bad else 0
        if socket_errors:
            errors += sum(int(n) for n in socket_errors.groups())
        if not (rps and p50 and p99):
            return "no answer | | | " + str(errors)
        return (
            f"{float(rps.group(1)):,.1f} | {_ms(p50.group(1)):,.0f} | {_ms(p99.group(1)):,.0f} "
            f"| {errors}"
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

    def _report(
        self, floor_before, floor_after, results, export, seconds, streamed=(), soak=()
    ) -> str:
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
            f"Load average (1 min) at the start: {self.load_start:.1f}, at the end: "
            f"{os.getloadavg()[0]:.1f}, on {os.cpu_count()} CPUs (the machine is shared: "
            f"a higher load lowers every number).",
            "",
            "| page / endpoint | bar | status | req/s | % of floor | p50 ms | p99 ms | queries "
            "| SQL ms / wall ms / CPU ms (one request) | uncached: queries, SQL / wall / CPU ms "
            "| bytes |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        short = []
        for r in results:
            status = str(r.status) + (f" ({r.errors} non-2xx)" if r.errors else "")
            share = 100 * r.rps / floor
            meets = (
                share >= r.endpoint.bar
                and r.p99 < P99_LIMIT_MS
                and r.status == 200
                and not r.errors
            )
            if not meets:
                short.append(r.endpoint.label)
            verdict = f"{'meets' if meets else '**SHORT**'} (>= {r.endpoint.bar:g}%)"
            lines.append(
                f"| {r.endpoint.label} | {verdict} | {status} | {r.rps:,.1f} | {share:.2f} "
                f"| {r.p50:,.0f} | {r.p99:,.0f} | {r.queries} "
                f"| {r.sql_ms} / {r.wall_ms} / {r.cpu_ms} | {r.cold} "
                f"| {r.size:,} |"
            )
        lines += [
            "",
            f"Bar: every row >= {BAR:g}% of the floor with p99 < {P99_LIMIT_MS:g} ms and no "
            f"error; anonymous pages and feeds, the dashboard, pilot list, scorecard and API "
            f"lists >= {BAR_HIGH:g}%. "
            + (
                f"Short of the bar: {len(short)} of {len(results)} ({', '.join(short)})."
                if short
                else f"All {len(results)} rows meet it."
            ),
        ]
        if soak:
            lines += ["", *soak]
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
