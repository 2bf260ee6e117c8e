"""Every page, as every role that may open it, read in French and in Spanish: no interface
string may be left in English.

A catalogue that is complete is not enough: a string built before the language is known (a
label formatted when a module loads), a string never marked, or a label Django makes from a
field's name all reach the page in English with every catalogue entry translated. So each page
of the web permission tables (tests/web/routes_<app>.py) is opened as each role it answers
200 for, and its text (and the attributes people read: titles, labels, placeholders) is
searched for the English of any catalogue entry whose translation differs: the catalogue's own
msgids are the list of interface English. One shared world for the module (tests/matrix.py).
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

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
# Attributes whose text people read or hear.
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdf]|%[sd]|\{[a-z_]+\}")
# Literal text a pattern with placeholders needs before it can mean anything on its own
# ("v%(n)s" would match any "v", "%(n)s roadmaps" any title ending so): three words, or two
# with ten letters between them.
MIN_LITERAL_WORDS = 3
MIN_LITERAL_LETTERS = 10
# Data of the shared world (tests/factories.py, the tables' OBJECTS) that happens to read like
# an interface string: a record's name is the data's language, not the interface's. Taken out
# of the page text before it is searched.
WORLD_DATA = ("Feedback for the country.", "Guidebook", "Minutes", "Fund")


class _Text(HTMLParser):
    """The text nodes of a page and the attribute values people read, without scripts,
    styles, text being edited (textareas) and anything marked as another language (`lang` on
    an element)."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.nodes: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other_language = attrs.get("lang") and not attrs["lang"].startswith(self.language)
        # A textarea holds the record being edited (the rubric's English, say): data.
        if tag in ("script", "style", "textarea") or (other_language and tag != "html"):
            if tag not in ("input", "img", "br", "meta", "link"):
                self._skip.append(tag)
            return
        if self._skip:
            return
        for name, value in attrs.items():
            if value and (
                name in READ_ATTRIBUTES
                or (name == "value" and attrs.get("type") in ("submit", "button"))
            ):
                self.nodes.append(value)

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.append(data)


def _squash(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def _english(language: str) -> tuple[tuple[str, re.Pattern], ...]:
    """(msgid, pattern) for every entry of the language's catalogue translated otherwise."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    found: dict[str, re.Pattern] = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            plural = entry.msgstr_plural
            pairs = [(entry.msgid, plural.get(0, "")), (entry.msgid_plural, plural.get(1, ""))]
        for msgid, msgstr in pairs:
            msgid, msgstr = _squash(msgid), _squash(msgstr)
            if not msgstr or msgid == msgstr or msgid in found:
                continue
            parts = PLACEHOLDER.split(msgid)
            if len(parts) > 1:
                literal = " ".join(parts).split()
                letters = sum(c.isalpha() for c in "".join(literal))
                if len(literal) < MIN_LITERAL_WORDS and (
                    len(literal) < 2 or letters < MIN_LITERAL_LETTERS
                ):
                    continue
                pattern = re.compile(".+?".join(re.escape(p) for p in parts))
            elif len(msgid.split()) >= 3:
                # A phrase: English wherever it stands in a node.
                pattern = re.compile(re.escape(msgid))
            else:
                # A word or two: English when it is the whole node (a label, a button), not
                # when it is part of a name in the data.
                pattern = re.compile(rf"\A\W*{re.escape(msgid)}\W*\Z")
            found[msgid] = pattern
    return tuple(found.items())


@functools.cache
def _language_names() -> frozenset[str]:
    """Each language's name in itself ("English" on the switcher of a French page)."""
    from django.utils.translation import get_language_info

    return frozenset(get_language_info(code)["name_local"] for code, _n in settings.LANGUAGES)


def _english_on(html: str, language: str) -> set[str]:
    parser = _Text(language)
    parser.feed(html)
    nodes = []
    for node in parser.nodes:
        node = _squash(node)
        if node in _language_names():
            continue
        for data in WORLD_DATA:
            node = node.replace(data, "")
        nodes.append(node)
    return {
        msgid for msgid, pattern in _english(language) for node in nodes if pattern.search(node)
    }


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
        english = _english_on(response.content.decode(), language)
        for msgid in english:
            findings.setdefault(msgid, set()).add(f"{row} as {role}")
    assert pages > 100, f"only {pages} pages were read"
    report = "\n".join(
        f"{msgid!r}: {', '.join(sorted(where)[:3])}{' ...' if len(where) > 3 else ''}"
        for msgid, where in sorted(findings.items())
    )
    assert not findings, f"{len(findings)} English strings on {language} pages:\n{report}"
