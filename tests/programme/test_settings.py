"""Settings and the embedded services: start-up refusals and the no-install path."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

import config.settings as project_settings
from config import embedded

BASE_DIR = Path(__file__).resolve().parents[2]


def _run_django(args, env_overrides, timeout=180):
    env = {**os.environ, **env_overrides}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_debug_off_with_the_default_secret_key_refuses_to_start():
    env = {"DEBUG": "0", "SECRET_KEY": project_settings.DEFAULT_SECRET_KEY}
    result = _run_django(["check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_debug_off_with_a_real_secret_key_starts():
    env = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "roadmaps.example.org"}
    result = _run_django(["check", "--deploy", "--fail-level", "ERROR"], env)
    assert result.returncode == 0, result.stderr


def test_a_non_postgresql_database_url_is_refused():
    result = _run_django(["check"], {"DATABASE_URL": "sqlite:///tmp/nope.sqlite3"})
    assert result.returncode != 0
    assert "PostgreSQL only" in result.stderr


def test_passwords_are_hashed_with_argon2_in_production_settings():
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("s3cret-enough", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("s3cret-enough", encoded)
    assert not hasher.verify("wrong", encoded)


def test_celery_speaks_unix_socket_redis():
    url = project_settings._celery_url("unix:///srv/redis/redis.sock?db=2")
    assert url == "redis+socket:///srv/redis/redis.sock?virtual_host=2"
    assert project_settings._celery_url("redis://h:6379/1") == "redis://h:6379/1"


@pytest.mark.slow
def test_embedded_postgresql_and_redis_start_and_the_project_migrates(tmp_path):
    """No DATABASE_URL, no REDIS_URL, nothing installed but Python, and the settings asked to
    start the embedded servers themselves (EMBEDDED_SERVICES=1)."""
    data_dir = tmp_path / "local"
    env = {
        "EMBEDDED_DATA_DIR": str(data_dir),
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "EMBEDDED_SERVICES": "1",
    }
    try:
        result = _run_django(["migrate", "--noinput"], env)
        assert result.returncode == 0, result.stderr[-2000:]
        assert (data_dir / "postgres" / "PG_VERSION").read_text().strip() == "16"
        shown = _run_django(["showmigrations", "pilots"], env)
        assert "[X] 0001_initial" in shown.stdout
        # The same process type reuses the running servers rather than starting new ones.
        pid_before = (data_dir / "postgres" / "postmaster.pid").read_text().split()[0]
        again = _run_django(["migrate", "--noinput", "--check"], env)
        assert again.returncode == 0, again.stderr[-2000:]
        assert (data_dir / "postgres" / "postmaster.pid").read_text().split()[0] == pid_before
        # A running server is reused without pgserver's machine-wide lock, so a process stuck
        # holding that lock (seen with a Celery beat hung at exit) cannot block start-up.
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys, time, warnings; warnings.simplefilter('ignore');"
                "from pgserver.postgres_server import PostgresServer as P;"
                "P._lock.acquire(); print('held', flush=True); time.sleep(120)",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout.readline().strip() == "held"
            reused = _run_django(["migrate", "--noinput", "--check"], env, timeout=60)
            assert reused.returncode == 0, reused.stderr[-2000:]
        finally:
            holder.kill()
            holder.wait()
        import redis

        client = redis.Redis.from_url(embedded.redis_url(data_dir))
        assert client.ping()
        client.set("embedded-check", "ok")
        assert client.get("embedded-check") == b"ok"
    finally:
        embedded.stop(data_dir)


def test_production_static_files_collect_from_the_installed_packages(tmp_path):
    """With DEBUG off, collectstatic hashes and compresses every asset, the vendored ones
    (Bootstrap, Swagger UI) included: a broken reference would fail the deployment."""
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "roadmaps.example.org",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = _run_django(["collectstatic", "--noinput"], env)
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/bootstrap/css/bootstrap.min.css" in manifest
    assert "css/app.css" in manifest
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css" in manifest
