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
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from base.cache import PENDING_SECONDS
from devtools.bench_endpoints import (
    BAR,
    BAR_HIGH,
    P99_LIMIT_MS,
    Endpoint,
    bench_endpoints,
    focal_user,
)
from devtools.management.commands.seed_scale import VERSIONS_PER_ROADMAP
from monitoring.choices import UpdateStatus
from monitoring.models import CountryUpdate
from programme.models import User
from programme.rules import two_factor_required
from programme.services import api_token_create, api_token_revoke
from roadmaps.models import Assessment, ConsolidatedScore, Roadmap, RoadmapVersion

HOST = "127.0.0.1"
CLIENTS = 4
# What every browser and HTTP library (requests, R's httr, curl --compressed) sends with each
# request: a timed row meets the page as its readers' programs ask for it. The size column is
# the answer unpacked.
CLIENT_HEADERS = {"Accept-Encoding": "gzip, deflate"}


SOAK_CLIENTS = 50
SOAK_SECONDS = 30


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


class _Unfollowed(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_NO_REDIRECTS = urllib.request.build_opener(_Unfollowed)


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
        # The set-up's own writes below (the partner's token, a second-factor device) leave a
        # "pending" mark on their models for PENDING_SECONDS (base.cache): reads built from
        # those models are not kept meanwhile. The first rows would otherwise be timed as if
        # right after every write, not as people meet the pages: the bench waits it out.
        settled_at = time.monotonic() + PENDING_SECONDS + 1
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
        for auth, user in (
            ("focal", focal_user()),
            ("reviewer", User.objects.filter(username="reviewer").first()),
        ):
            if user is not None:
                self.headers[auth] = {
                    "Cookie": f"{settings.SESSION_COOKIE_NAME}={self._session(user)}"
                }
            else:
                endpoints = [e for e in endpoints if e.auth != auth]
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
            time.sleep(max(0.0, settled_at - time.monotonic()))
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
        if two_factor_required(user):
            # Signed in with the second factor the site asks of the secretariat, as its people
            # are; otherwise every page would be the two-factor set-up page.
            device, _made = TOTPDevice.objects.get_or_create(
                user=user, name="make bench", defaults={"confirmed": True}
            )
            store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        # The backend that signs people in and reads them back (axes' backend only guards
        # the sign-in form and cannot load a user from a session).
        store[BACKEND_SESSION_KEY] = next(
            path for path in settings.AUTHENTICATION_BACKENDS if "axes" not in path
        )
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    def _endpoints(self) -> list[Endpoint]:
        if not Roadmap.objects.filter(versions__number=VERSIONS_PER_ROADMAP).exists():
            raise CommandError("No data at programme scale: run `manage.py seed_scale` first.")
        return bench_endpoints()

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
            # A redirect is an answer of its own (a page that sends its reader elsewhere is
            # not the page): it is not followed, and the row shows its status.
            with _NO_REDIRECTS.open(request, timeout=120) as response:
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
        for name, value in {**CLIENT_HEADERS, **self.headers.get(endpoint.auth, {})}.items():
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
