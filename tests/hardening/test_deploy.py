"""Production settings: `check --deploy` is clean, and every HTML page carries a
Content-Security-Policy that allows no inline script or style (and no template needs one)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.factories import MeetingFactory, PilotFactory, RoadmapFactory, RoadmapVersionFactory

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "p" * 20 + "-production-only-" + "k" * 20,
    "ALLOWED_HOSTS": "roadmaps.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://roadmaps.example.org",
}


def _manage(args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_come_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    secure = _manage(["shell", "-c", code], PRODUCTION_ENV)
    assert secure.stdout.split()[-6:] == ["True", "31536000", "True", "True", "True", "True"]
    lowered = _manage(
        ["shell", "-c", code],
        {**PRODUCTION_ENV, "SECURE_HSTS_SECONDS": "3600", "SECURE_HSTS_PRELOAD": "0"},
    )
    assert lowered.stdout.split()[-6:] == ["True", "3600", "True", "False", "True", "True"]
    warned = _manage(["check", "--deploy"], {**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": "0"})
    assert "security.W008" in warned.stdout + warned.stderr


def _assert_strict_csp(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']} has no Content-Security-Policy"
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in header.split(";") if part.strip()
    )
    for name in ("default-src", "script-src", "style-src"):
        assert directives[name] == "'self'", header
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>")
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle=\"|\son[a-z]+=\"")


def _assert_no_inline(html: str, where: str):
    assert not INLINE_SCRIPT.search(html), f"inline <script> in {where}"
    found = INLINE_STYLE.search(html)
    assert not found, f"inline style or event handler in {where}: {found.group(0)!r}"


@pytest.mark.django_db
def test_the_main_pages_send_the_policy_and_contain_nothing_inline(
    ghana, staff_client, client, secretariat_user
):
    pilot = PilotFactory(country=ghana)
    roadmap = RoadmapFactory(country=ghana)
    version = RoadmapVersionFactory(roadmap=roadmap, number=1)
    meeting = MeetingFactory()
    secretariat_user.is_staff = secretariat_user.is_superuser = True
    secretariat_user.save()
    pages = [
        (client, reverse("login")),
        (client, reverse("password_reset")),
        (client, "/api/v1/docs/"),
        (staff_client, reverse("programme:dashboard")),
        (staff_client, reverse("pilots:pilot-list")),
        (staff_client, reverse("pilots:pilot-detail", args=[pilot.pk])),
        (staff_client, reverse("roadmaps:roadmap-list")),
        (staff_client, reverse("roadmaps:roadmap-detail", args=[roadmap.pk])),
        (staff_client, reverse("roadmaps:version-detail", args=[version.pk])),
        (staff_client, reverse("roadmaps:assessment-heatmap")),
        (staff_client, reverse("egm:meeting-list")),
        (staff_client, reverse("egm:meeting-detail", args=[meeting.pk])),
        (staff_client, reverse("programme:milestone-list")),
        (staff_client, reverse("programme:api-token-list")),
        (staff_client, "/no-such-page/"),
    ]
    for who, url in pages:
        response = who.get(url)
        assert response.status_code in (200, 404), url
        _assert_strict_csp(response)
        _assert_no_inline(response.content.decode(), url)
    admin = staff_client.get("/admin/")
    assert admin.status_code == 200
    _assert_strict_csp(admin)


@pytest.mark.django_db
def test_swagger_ui_loads_its_start_up_script_as_a_file(client):
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    script = re.search(r'<script src="([^"]*\?[^"]*script=[^"]*)"', html)
    assert script, html
    init = client.get(script.group(1).replace("&amp;", "&"))
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in init.content.decode()
    assert "css/swagger-page.css" in html


def _template_dirs():
    dirs = [Path(d) for t in django_settings.TEMPLATES for d in t["DIRS"]]
    dirs += sorted(BASE_DIR.glob("*/templates"))
    return [d for d in dirs if ".venv" not in d.parts]


def test_no_project_template_has_inline_script_or_style():
    templates = [p for d in _template_dirs() for p in d.rglob("*.html")]
    assert len(templates) > 20
    offenders = []
    for path in templates:
        text = path.read_text()
        if INLINE_SCRIPT.search(text) or INLINE_STYLE.search(text):
            offenders.append(str(path.relative_to(BASE_DIR)))
    assert offenders == []
