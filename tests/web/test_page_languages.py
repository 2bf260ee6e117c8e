"""Every page, as every role that may open it, read in French and in Spanish: no interface
string may be left in English.

Each page of the web permission tables (tests/web/routes_<app>.py) is opened as each role it
answers 200 for, and searched for the catalogue's English (devtools/page_text.py says how and
why). One shared world for the module (tests/matrix.py).
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from devtools.page_text import english_on
from programme.models import User
from tests.web.matrix import ROLES, table_modules, union

LANGUAGES = ("fr", "es")
ROWS = union(table_modules())
PAGES = [
    (row, role)
    for row, statuses in ROWS.items()
    if row.method == "get"
    for role, status in zip(ROLES, statuses, strict=True)
    if status == 200
]
# Data of the shared world (tests/factories.py, the tables' OBJECTS) that happens to read like
# an interface string: a record's name is the data's language, not the interface's. Taken out
# of the page text before it is searched.
WORLD_DATA = ("Feedback for the country.", "Guidebook", "Minutes", "Fund")
# Pages written in their one reader's language whoever opens them: an outside expert's
# personal link speaks the expert's language (the world's expert reads French). They are read
# in the language their page declares, which must be one of the site's.
RECIPIENT_LANGUAGE_PAGES = frozenset({"roadmaps:expert-review"})
HTML_LANG = re.compile(r'<html lang="([a-z-]+)"')


def _english_on(html: str, language: str) -> set[str]:
    return english_on(html, language, WORLD_DATA)


def test_the_check_finds_english_it_is_meant_to_find():
    """The matcher itself: a translated label left in English is found; the same words inside
    another language's element, or in a longer name, are not."""
    page = (
        '<html lang="fr"><body><label>Reviewer</label><p>Insufficient information</p>'
        '<span lang="en">Reviewer</span><p>The Reviewer Association</p>'
        '<button title="Due on">x</button></body></html>'
    )
    found = _english_on(page, "fr")
    assert {"Reviewer", "Insufficient information", "Due on"} <= found
    assert _english_on('<html lang="fr"><p>The Reviewer Association</p></html>', "fr") == set()


@pytest.mark.slow  # crawls every page of the shared world in the language
@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_interface_english(web, language):
    # Each role's account asks for the language (signed-in people's choice wins over the
    # browser's); anonymous readers choose it with the language cookie.
    User.objects.filter(pk__in=[u.pk for u in web.users.values()]).update(language=language)
    findings: dict[str, set[str]] = {}
    pages = 0
    for row, role in PAGES:
        client = web.client(role)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(row.url(web.objects), headers={"accept-language": language})
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        html = response.content.decode()
        read_in = language
        if row.name in RECIPIENT_LANGUAGE_PAGES:
            read_in = HTML_LANG.search(html).group(1)
            assert read_in in LANGUAGES, f"{row} is in {read_in}"
        english = _english_on(html, read_in)
        for msgid in english:
            findings.setdefault(msgid, set()).add(f"{row} as {role}")
    assert pages > 100, f"only {pages} pages were read"
    report = "\n".join(
        f"{msgid!r}: {', '.join(sorted(where)[:3])}{' ...' if len(where) > 3 else ''}"
        for msgid, where in sorted(findings.items())
    )
    assert not findings, f"{len(findings)} English strings on {language} pages:\n{report}"
