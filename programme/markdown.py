"""Safe Markdown: the one place that turns text people type into HTML a page may show.

`validate_safe_markdown` refuses text that asks for anything beyond plain Markdown (raw HTML,
event handlers, `javascript:` and other non-web links), so the writer gets a clear error;
`render_markdown` renders and then sanitises with nh3 (Ammonia) all the same, so text stored by
any other door still cannot run in a reader's browser. The `markdown` template filter
(`programme.templatetags.ui`) calls `render_markdown`.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown as md
import nh3
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
EXTENSIONS = ["tables", "sane_lists"]


def _to_html(text: str) -> str:
    return md.markdown(text or "", extensions=EXTENSIONS, output_format="html")


class _Inspector(HTMLParser):
    """Collects what rendered Markdown asks for beyond the allowed tags, attributes and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(
                str(_("HTML tags such as <%(tag)s> are not allowed.") % {"tag": tag})
            )
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(
                    str(_("Event handlers (%(name)s) are not allowed.") % {"name": name})
                )
            elif name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                self.problems.append(
                    str(_("The attribute %(name)s is not allowed.") % {"name": name})
                )
            elif name == "href" and not _safe_url(value or ""):
                self.problems.append(
                    str(
                        _("Links must be http, https or mailto addresses, not “%(url)s”.")
                        % {"url": value}
                    )
                )

    handle_startendtag = handle_starttag


def _safe_url(url: str) -> bool:
    # Browsers ignore control characters and spaces in a scheme ("java\tscript:"): strip them.
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    scheme = urlsplit(cleaned).scheme.lower()
    return scheme == "" or scheme in URL_SCHEMES


def markdown_problems(text: str) -> list[str]:
    """Why `text` is not plain, safe Markdown (empty when it is)."""
    inspector = _Inspector()
    inspector.feed(_to_html(text))
    inspector.close()
    return list(dict.fromkeys(inspector.problems))


def validate_safe_markdown(text: str) -> None:
    """Refuse Markdown with raw HTML, event handlers or non-web links, saying why."""
    problems = markdown_problems(text)
    if problems:
        raise ValidationError([ValidationError(p, code="unsafe_markdown") for p in problems])


def render_markdown(text: str) -> SafeString:
    """Markdown as sanitised HTML, safe to put in a page whatever the text holds."""
    cleaned = nh3.clean(
        _to_html(text),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)
