"""Without DATABASE_URL / REDIS_URL the settings refuse to start (a deployment must never serve
from a private, empty embedded database), and importing them starts no server: only the
commands that need one (the Makefile's targets, through `config.embedded env`) do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import embedded

BASE_DIR = Path(__file__).resolve().parents[2]


def _run(args, env_overrides, timeout=120):
    env = {**os.environ, **env_overrides}
    for name, value in env_overrides.items():
        if value is None:
            env.pop(name, None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def no_urls(tmp_path):
    """No URL in the environment, and any embedded server that would start kept in tmp_path
    (and stopped afterwards) rather than the developer's .local/."""
    data_dir = tmp_path / "local"
    yield (
        data_dir,
        {
            "DATABASE_URL": None,
            "REDIS_URL": None,
            "EMBEDDED_SERVICES": None,
            "EMBEDDED_DATA_DIR": str(data_dir),
        },
    )
    embedded.stop(data_dir)


def test_debug_off_without_a_database_url_refuses_to_start(no_urls):
    data_dir, env = no_urls
    env |= {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "roadmaps.example.org"}
    result = _run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DATABASE_URL is not set" in result.stderr
    assert not (data_dir / "postgres").exists()  # no private database was made


def test_a_missing_redis_url_is_refused_too(no_urls):
    data_dir, env = no_urls
    env |= {"DEBUG": "1", "DATABASE_URL": os.environ["DATABASE_URL"]}
    result = _run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "REDIS_URL is not set" in result.stderr
    assert not (data_dir / "redis").exists()


def test_manage_py_help_starts_no_server(no_urls):
    data_dir, env = no_urls
    env |= {"DEBUG": "1"}
    result = _run(["manage.py", "help"], env)
    assert "migrate" in result.stdout  # the commands are listed all the same
    assert not data_dir.exists()  # neither PostgreSQL nor Redis was started


def test_embedded_env_prints_nothing_when_both_urls_are_given(tmp_path):
    env = {
        "DATABASE_URL": "postgres://db.example.org/sti",
        "REDIS_URL": "redis://cache.example.org/0",
        "EMBEDDED_DATA_DIR": str(tmp_path / "local"),
    }
    try:
        result = _run(["-m", "config.embedded", "env"], env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == ""
        assert not (tmp_path / "local").exists()
    finally:
        embedded.stop(tmp_path / "local")


@pytest.mark.slow
def test_the_makefile_path_starts_the_embedded_servers_and_the_project_runs(no_urls):
    """What `make run` / `make test` do with no URL: `config.embedded env` starts (or reuses)
    the servers and prints the exports, and manage.py runs with them."""
    data_dir, env = no_urls
    exports = _run(["-m", "config.embedded", "env"], env, timeout=180)
    assert exports.returncode == 0, exports.stderr[-2000:]
    lines = exports.stdout.strip().splitlines()
    assert [line.split("=", 1)[0] for line in lines] == [
        "export DATABASE_URL",
        "export REDIS_URL",
    ]
    shell = f'eval "$({sys.executable} -m config.embedded env)" && {sys.executable} manage.py check'
    result = subprocess.run(
        ["bash", "-c", shell],
        cwd=BASE_DIR,
        env={k: v for k, v in {**os.environ, **env, "DEBUG": "1"}.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (data_dir / "postgres" / "PG_VERSION").exists()
