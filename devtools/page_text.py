"""The interface English a page in another language must not show, found from the catalogue.

A catalogue that is complete is not enough: a string built before the language is known (a
label formatted when a module loads), a string never marked, or a label Django makes from a
field's name all reach the page in English with every catalogue entry translated. So a page's
text (and the attributes people read: titles, labels, placeholders) is searched for the English
of any catalogue entry whose translation differs: the catalogue's own msgids are the list of
interface English. Used by the language crawl (tests/web/test_page_languages.py) and the site
walk (`walk_site`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

# Attributes whose text people read or hear.
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdf]|%[sd]|\{[a-z_]+\}")
# Literal text a pattern with placeholders needs before it can mean anything on its own
# ("v%(n)s" would match any "v", "%(n)s roadmaps" any title ending so): three words, or two
# with ten letters between them.
MIN_LITERAL_WORDS = 3
MIN_LITERAL_LETTERS = 10
# Where a node joins a record's text to the interface's (or to another record's).
RECORD_SEPARATORS = re.compile(r"\s[·\u2014\u2013|]\s|[()“”]|\s?:\s|;\s")


# Elements with no end tag: skipping one of them skips nothing after it.
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


class PageText(HTMLParser):
    """The text nodes of a page and the attribute values people read, without scripts,
    styles, text being edited (textareas) and anything marked as another language (`lang` on
    an element)."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.nodes: list[str] = []
        # The element being skipped and how deep its own kind nests inside it: a `<div
        # lang="en">` ends at the `</div>` that closes it, not at the first inner `</div>`.
        # Only its own kind is counted, since other elements may close implicitly (`<li>`).
        self._skip_tag: str | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if self._skip_tag:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        attrs = dict(attrs)
        other_language = attrs.get("lang") and not attrs["lang"].startswith(self.language)
        # A textarea holds the record being edited (the rubric's English, say): data.
        if tag in ("script", "style", "textarea") or (other_language and tag != "html"):
            if tag not in VOID_ELEMENTS:
                self._skip_tag, self._skip_depth = tag, 1
            return
        for name, value in attrs.items():
            if value and (
                name in READ_ATTRIBUTES
                or (name == "value" and attrs.get("type") in ("submit", "button"))
            ):
                self.nodes.append(value)

    def handle_endtag(self, tag):
        if self._skip_tag == tag:
            self._skip_depth -= 1
            if not self._skip_depth:
                self._skip_tag = None

    def handle_data(self, data):
        if not self._skip_tag and data.strip():
            self.nodes.append(data)


def squash(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def catalogue_english(language: str) -> tuple[tuple[str, re.Pattern, str], ...]:
    """(msgid, pattern, needle) for every entry of the language's catalogue translated
    otherwise. The needle is literal text every match of the pattern contains (the msgid, or
    its longest part between placeholders): a page without it anywhere cannot match, and most
    entries are ruled out by one substring search instead of a search in every node."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    found: dict[str, tuple[re.Pattern, str]] = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            plural = entry.msgstr_plural
            pairs = [(entry.msgid, plural.get(0, "")), (entry.msgid_plural, plural.get(1, ""))]
        for msgid, msgstr in pairs:
            msgid, msgstr = squash(msgid), squash(msgstr)
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
                found[msgid] = (pattern, max(parts, key=len))
                continue
            if len(msgid.split()) >= 3:
                # A phrase: English wherever it stands in a node.
                pattern = re.compile(re.escape(msgid))
            else:
                # A word or two: English when it is the whole node (a label, a button), not
                # when it is part of a name in the data.
                pattern = re.compile(rf"\A\W*{re.escape(msgid)}\W*\Z")
            found[msgid] = (pattern, msgid)
    return tuple((msgid, pattern, needle) for msgid, (pattern, needle) in found.items())


@functools.cache
def _language_names() -> frozenset[str]:
    """Each language's name in itself ("English" on the switcher of a French page)."""
    from django.utils.translation import get_language_info

    return frozenset(get_language_info(code)["name_local"] for code, _n in settings.LANGUAGES)


def english_on(html: str, language: str, data: Iterable[str] = (), records: str = "") -> set[str]:
    """The catalogue's English found on a page meant to be in `language`.

    `data`: record text that happens to read like an interface string (a record's name is the
    data's language, not the interface's), taken out of the page text before it is searched.
    `records`: the records' text in one string; a node, or a part of a node between separators
    ("title · series", "source (link)"), found inside it (a title, a description cut short with
    an ellipsis) is the records' language and is not searched."""
    parser = PageText(language)
    parser.feed(html)
    nodes = []
    for node in parser.nodes:
        node = squash(node)
        if node in _language_names():
            continue
        if records:
            node = " · ".join(
                part
                for part in RECORD_SEPARATORS.split(node)
                if part.strip(" ,;:.…") and part.strip(" ,;:.…") not in records
            )
        for text in data:
            node = node.replace(text, "")
        nodes.append(node)
    found = set()
    # A match contains its entry's needle: an entry whose needle is on no node is ruled out
    # by one search of all the nodes joined, and the pattern is tried only on the nodes that
    # hold it.
    text = "\x00".join(nodes)
    for msgid, pattern, needle in catalogue_english(language):
        if needle not in text:
            continue
        for node in nodes:
            match = needle in node and pattern.search(node)
            if match and not _inside_record(match.group(0), node, records):
                found.add(msgid)
    return found


def _inside_record(text: str, node: str, records: str) -> bool:
    """Whether the English found is part of a record's text quoted in the node ("Edit <the
    meeting's title>")."""
    if not records:
        return False
    return any(
        value in node and text in value
        for value in records.split("\x00")
        if len(value) >= len(text)
    )
