"""The project's own error pages: one layout and title pattern, DEBUG off by default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

BASE_DIR = Path(__file__).resolve().parents[2]
SUFFIX = " · STI for SDGs Roadmaps</title>"


def _env_file_sets_debug() -> bool:
    env_file = BASE_DIR / ".env"
    return env_file.exists() and any(
        line.strip().startswith("DEBUG") for line in env_file.read_text().splitlines()
    )


def test_debug_is_off_unless_the_environment_turns_it_on():
    if _env_file_sets_debug():
        pytest.skip(".env sets DEBUG on this machine")
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env["SECRET_KEY"] = "x" * 50
    code = "import config.settings as s; print(s.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "False"


def test_404_is_the_project_page_for_a_signed_in_user(staff_client):
    response = staff_client.get("/roadmaps/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found" + SUFFIX in html
    assert 'aria-label="Main navigation"' in html
    assert reverse("roadmaps:roadmap-list") in html
    assert "URLconf" not in html


def test_400_is_the_project_page(db):
    response = Client().get("/", headers={"host": "not-a-known-host.example"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Bad request" + SUFFIX in html
    assert 'aria-label="Main navigation"' in html


def test_403_for_a_missing_csrf_token_is_the_project_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "<title>Form expired" + SUFFIX in response.content.decode()


def test_500_renders_without_a_request_context_or_the_database():
    """server_error renders with no context processors, often because the database is down:
    this test has no database access, so any query on the page would fail it."""
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<title>Something went wrong" + SUFFIX in html
    assert 'aria-label="Main navigation"' in html
    for name in (
        "programme:dashboard",
        "roadmaps:roadmap-list",
        "egm:meeting-list",
        "guidebook:edition-list",
    ):
        assert f'href="{reverse(name)}"' in html
    assert "css/app.css" in html
