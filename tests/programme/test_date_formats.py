"""Short dates in every language: pages name the project's formats (config/formats), and no
two months look alike in them (French "M" made June and July both "Jui")."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from config.formats import NAMES

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MONTH_NAMES = [name for name in NAMES if name != "ABBR_DATE_FORMAT"] + ["ABBR_DATE_FORMAT"]
# A format spelt out in a template or in code with an abbreviated month ("M", "N", "b").
# A named format (DATE_FORMAT, ABBR_DATE_FORMAT) is upper case and underscores.
SPELT_OUT = re.compile(
    r"""(?:\|date:|date_format\([^\n]*?,\s*)["'](?![A-Z_]+["'])[^"']*[MNb][^"']*["']"""
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_defines_every_short_format(language):
    module = importlib.import_module(f"config.formats.{language}.formats")
    assert [name for name in NAMES if not getattr(module, name, "")] == []


@pytest.mark.parametrize("name", MONTH_NAMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_months_look_alike(language, name):
    with translation.override(language):
        shown = [date_format(dt.datetime(2026, month, 1, 9, 30), name) for month in range(1, 13)]
    assert len(set(shown)) == 12, shown


@pytest.mark.parametrize(
    ("language", "june", "july"),
    [
        ("en", "1 Jun 2026", "1 Jul 2026"),
        ("fr", "1 juin 2026", "1 juil. 2026"),
        ("es", "1 jun 2026", "1 jul 2026"),
    ],
)
def test_1_june_and_1_july_read_differently_on_a_page(language, june, july):
    template = Template('{{ june|date:"ABBR_DATE_FORMAT" }} · {{ july|date:"ABBR_DATE_FORMAT" }}')
    context = Context({"june": dt.date(2026, 6, 1), "july": dt.date(2026, 7, 1)})
    with translation.override(language):
        assert template.render(context) == f"{june} · {july}"


def test_no_template_or_module_spells_out_an_abbreviated_month():
    root = Path(settings.BASE_DIR)
    skip = {".venv", ".local", "staticfiles", "tests", "node_modules", "formats"}
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for pattern in ("*.html", "*.py", "*.txt")
        for path in root.rglob(pattern)
        if not skip & set(path.relative_to(root).parts)
        for match in SPELT_OUT.finditer(path.read_text(encoding="utf-8", errors="ignore"))
    ]
    assert found == []
