"""Cached reads are kept per release: a deploy never serves what the code before it cached."""

from __future__ import annotations

from pathlib import Path

from base.cache import read_key
from base.release import source_digest
from pilots.models import Country


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_the_digest_follows_what_makes_a_page_and_nothing_else(tmp_path):
    page = {"app/templates/page.html": "<p>{{ a }}</p>", "app/views.py": "x = 1"}
    one = source_digest(_tree(tmp_path / "one", page))
    assert one == source_digest(_tree(tmp_path / "same", page))
    changed = {**page, "app/templates/page.html": "<p>{{ b }}</p>"}
    assert source_digest(_tree(tmp_path / "changed", changed)) != one
    translated = {**page, "locale/fr/LC_MESSAGES/django.po": 'msgid "a"\nmsgstr "b"'}
    assert source_digest(_tree(tmp_path / "translated", translated)) != one
    moved = {"app/templates/other.html": "<p>{{ a }}</p>", "app/views.py": "x = 1"}
    assert source_digest(_tree(tmp_path / "moved", moved)) != one
    beside = {
        **page,
        "tests/test_page.py": "assert True",
        ".venv/lib/site.py": "y = 2",
        "docs/notes.md": "notes",
        "app/__pycache__/views.cpython-311.pyc": "bytes",
    }
    assert source_digest(_tree(tmp_path / "beside", beside)) == one


def test_a_read_key_differs_between_releases_and_nothing_else(settings, db):
    settings.RELEASE = "2026.11"
    before = read_key("page", None, [Country], "/p/")
    assert read_key("page", None, [Country], "/p/") == before
    settings.RELEASE = "2026.12"
    after = read_key("page", None, [Country], "/p/")
    assert after != before and after.latest != before.latest
