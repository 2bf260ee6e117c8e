"""Markdown that people write in the programme (Guidebook chapters, its documents), made safe.

Two rules, both here:
- `markdown_check(text)` refuses what must never be stored: raw HTML (a `<script>`, an
  `<img onerror=...>`, any tag at all) and links or images whose address is not http(s), mailto
  or a relative one (`javascript:`, `data:`, `vbscript:`...). Models call it from `clean()`, so
  every door (form, service, API, admin) gives the same clear error and saves nothing.
- `markdown_render(text)` turns Markdown into HTML and passes the result through nh3 (the
  Ammonia sanitiser) with a short allow-list, so even text stored before a rule existed can
  never put script into a page. Templates use it as `{% load markdown %}{{ text|markdown }}`.

Headings get stable ids, so a comment can point at a section (`markdown_sections`).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import markdown as markdown_lib
import nh3
from django import template
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

register = template.Library()

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "toc"]
EXTENSION_CONFIGS = {"toc": {"permalink": False, "toc_depth": "1-4"}}

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "img", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody",
        "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
# Control characters and whitespace browsers ignore inside a URL scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


def _unsafe_url(url: str) -> bool:
    """Whether a link or image address would run or embed something rather than point at it."""
    decoded = _IGNORED_IN_SCHEME.sub("", html.unescape(url or ""))
    scheme = urlsplit(decoded).scheme.lower() if ":" in decoded else ""
    if not scheme:
        # Relative addresses and in-page anchors are fine; "//host" is an http(s) address.
        return False
    return scheme not in SAFE_SCHEMES


class _Collector(Treeprocessor):
    """Notes every link and image address in the parsed document."""

    def run(self, root):
        found = []
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None:
                    found.append(value)
        self.md.guidebook_urls = found


class _CollectUrls(Extension):
    def extendMarkdown(self, md):  # Python-Markdown names it so
        # After the inline patterns (priority 20) have made the links, before serialising.
        md.treeprocessors.register(_Collector(md), "collect_urls", 5)


def _converter() -> markdown_lib.Markdown:
    return markdown_lib.Markdown(
        extensions=[*EXTENSIONS, _CollectUrls()], extension_configs=EXTENSION_CONFIGS
    )


def _parse(text: str) -> tuple[str, markdown_lib.Markdown]:
    md = _converter()
    md.guidebook_urls = []
    out = md.convert(text or "")
    return out, md


def markdown_check(text: str) -> None:
    """Refuse Markdown holding raw HTML or unsafe link/image addresses (ValidationError)."""
    _out, md = _parse(text)
    errors = []
    # Python-Markdown sets raw HTML (blocks and inline tags) aside in its stash; entities such
    # as &amp; go there too, but only HTML starts with "<".
    raw = [str(chunk).strip() for chunk in md.htmlStash.rawHtmlBlocks]
    tags = [chunk for chunk in raw if chunk.startswith("<")]
    if tags:
        sample = tags[0][:40]
        errors.append(
            ValidationError(
                _("Raw HTML is not allowed; use Markdown formatting instead (found “%(tag)s”)."),
                code="raw_html",
                params={"tag": sample},
            )
        )
    bad = [url for url in md.guidebook_urls if _unsafe_url(url)]
    if bad:
        errors.append(
            ValidationError(
                _(
                    "Links and images may only use http, https or mailto addresses "
                    "(refused “%(url)s”)."
                ),
                code="unsafe_url",
                params={"url": bad[0][:40]},
            )
        )
    if errors:
        raise ValidationError(errors)


def markdown_render(text: str) -> SafeString:
    """Markdown to HTML, sanitised by nh3: safe to put in a page whatever `text` holds."""
    out, _md = _parse(text)
    cleaned = nh3.clean(
        out,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # sanitised by nh3 just above


def markdown_sections(text: str) -> list[tuple[str, str]]:
    """The headings of a text as (anchor id, heading text), in order, for section comments."""
    _out, md = _parse(text)
    sections: list[tuple[str, str]] = []

    def walk(tokens):
        for token in tokens:
            sections.append((token["id"], html.unescape(token["name"])))
            walk(token.get("children", []))

    walk(getattr(md, "toc_tokens", []))
    return sections


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """`{{ text|markdown }}`: rendered and sanitised Markdown."""
    return markdown_render(text)
