"""Django's {# ... #} comments end on their line: one left open prints itself on the page."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_no_template_leaves_a_one_line_comment_open():
    templates = [
        path
        for path in ROOT.rglob("*.html")
        if "templates" in path.parts and not {".venv", ".local", "staticfiles"} & set(path.parts)
    ]
    assert len(templates) > 50
    open_comments = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if line.count("{#") > line.count("#}")
    ]
    assert open_comments == []
