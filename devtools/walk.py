"""The site walk: every page a demo role can reach from the home page, in a real browser.

Each role signs in (or stays anonymous) and follows every same-site link from the home page,
in each language and at each width, and each page is asked what a person would trip over:
- an offered link that answers 403, 404 or 5xx, or sends a signed-in person back to sign in;
- a page wider than the screen (it scrolls sideways);
- axe-core's violations (every impact, not only the serious ones);
- the catalogue's English on a page in another language (devtools/page_text.py);
- raw codes: constraint names, `snake_case` status codes, stored file names, ISO timestamps
  with microseconds, `---------` placeholders.

Pages are deduplicated by URL pattern and object (the resolved view and its arguments, with the
query string) and capped per pattern, so the walk finishes in minutes. Forms are never sent:
links are followed with GET, and nothing that signs out is opened. Used by `walk_site` and by
tests/browser/test_site_walk.py.
"""

from __future__ import annotations

import functools
import re
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve

from devtools.page_text import english_on

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ANONYMOUS = "anonymous"
BAD_STATUS = {403, 404}
# Paths whose pages are not this project's to fix (Django's admin) or are not pages (files):
# their links are checked, their pages are not walked.
NOT_WALKED = ("/admin/", "/static/", "/media/")
# Never opened: signing out ends the walk's session.
NEVER_OPENED = ("logout",)
TIMEOUT_MS = 60_000
RESIZE_SETTLE_MS = 300

# Raw codes a person should never read. Text inside code, pre, kbd and samp is shown as code on
# purpose (an API token, a request), so it is not searched.
SNAKE_CODE = re.compile(r"(?<![\w./@:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/@-]|\.\w)")
STORED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{8,}\.\w{2,5}\b")
MICROSECONDS = re.compile(r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}\.\d{3,6}")
DASHES = re.compile(r"-{5,}")

# The text people read on the page: text nodes (also hidden ones: a closed disclosure opens)
# and the attributes read aloud, without scripts, styles, code and text being edited.
READ_TEXT_JS = """() => {
  const skip = 'script,style,noscript,template,textarea,code,pre,kbd,samp,[data-walk-skip]';
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.trim();
    if (text && !n.parentElement.closest(skip)) out.push(text);
  }
  for (const el of document.body.querySelectorAll('[title],[aria-label],[placeholder],[alt]')) {
    if (el.closest(skip)) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
      const v = el.getAttribute(a);
      if (v && v.trim()) out.push(v.trim());
    }
  }
  return out;
}"""
LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"
OVERFLOW_JS = "() => document.scrollingElement.scrollWidth - window.innerWidth"


@dataclass
class Page:
    """One page as one role saw it in one language."""

    role: str
    language: str
    url: str
    status: int | None = None
    findings: list[tuple[str, str]] = field(default_factory=list)

    def add(self, kind: str, detail: str) -> None:
        self.findings.append((kind, detail))


@dataclass
class Walk:
    """Everything one walk saw."""

    pages: list[Page] = field(default_factory=list)
    links_checked: int = 0

    @property
    def findings(self) -> list[tuple[Page, str, str]]:
        return [(p, kind, detail) for p in self.pages for kind, detail in p.findings]

    def totals(self) -> Counter:
        return Counter(kind for _p, kind, _d in self.findings)


@functools.cache
def constraint_names() -> frozenset[str]:
    """The names of the project's database constraints (a refusal must not quote them)."""
    return frozenset(
        constraint.name
        for model in apps.get_models()
        for constraint in model._meta.constraints
        if getattr(constraint, "name", None)
    )


def record_text() -> str:
    """Every record's free text (titles, names, descriptions) in one string.

    The demo's records are written in English whatever the reader's language; a page quoting
    them is not showing interface English. Choice fields are left out: their labels are the
    interface's."""
    from django.db import models

    root = str(settings.BASE_DIR)
    texts = []
    for model in apps.get_models():
        path = apps.get_app_config(model._meta.app_label).path
        if not path.startswith(root) or "site-packages" in path:
            continue
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if names:
            for row in model._default_manager.values_list(*names):
                texts += [" ".join(v.split()) for v in row if v and len(v) > 2]
    return "\x00".join(texts)


def raw_codes(texts: list[str]) -> set[str]:
    """The raw codes in the text people read, each with what kind of code it is."""
    found = set()
    names = constraint_names()
    for text in texts:
        for word in SNAKE_CODE.findall(text):
            kind = "constraint name" if word in names else "code"
            found.add(f"{kind}: {word}")
        found.update(f"file name: {m}" for m in STORED_FILE.findall(text))
        found.update(f"timestamp: {m}" for m in MICROSECONDS.findall(text))
        if DASHES.search(text):
            found.add("placeholder: ---------")
    return found


def page_key(url: str) -> tuple[str, tuple] | None:
    """(URL pattern, the object and query it shows), or None for a path no view answers."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.view_name or match.route, (tuple(sorted(match.kwargs.items())), parts.query)


def _local(url: str, origin: str) -> str | None:
    """The link without its fragment when it stays on the site, else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def _sign_in(page, origin: str, username: str) -> None:
    from programme.demo import DEMO_PASSWORD

    page.goto(f"{origin}{resolve_url(settings.LOGIN_URL)}", timeout=TIMEOUT_MS)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation(timeout=TIMEOUT_MS):
        page.click("main button[type=submit]")
    if urlsplit(page.url).path == resolve_url(settings.LOGIN_URL):
        raise RuntimeError(f"{username} could not sign in (is the demo seeded?)")


def _cookie_header(context) -> str:
    """The browser context's cookies (its session, its language) as a Cookie header."""
    return "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())


def _fetch(url: str, *, cookie: str, language: str) -> tuple[int, str, str]:
    """GET `url` as the browser context would, following redirects (with the same cookies
    and language): (status, the URL it ended at, content type). Asked of the server directly
    rather than through Playwright's request API, whose round trip through its driver took
    as long again as the page itself, at every link of every page."""
    request = urllib.request.Request(url, headers={"Cookie": cookie, "Accept-Language": language})
    try:
        answer = urllib.request.urlopen(request, timeout=TIMEOUT_MS / 1000)
        status = answer.status
    except urllib.error.HTTPError as error:  # 4xx, 5xx, and a redirect that loops
        answer, status = error, error.code
    with answer:
        return status, answer.geturl(), (answer.headers.get("Content-Type") or "").split(";")[0]


def _axe(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(", ".join(map(str, n["target"])) for n in v["nodes"][:3])
        for v in results.response["violations"]
    ]


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "_", text).strip("_")[:80] or "home"


def walk_role(
    browser,
    origin: str,
    role: str,
    language: str,
    *,
    widths: tuple[int, ...] = (DESKTOP["width"], PHONE["width"]),
    per_pattern: int = 1,
    max_pages: int = 200,
    depth: int | None = None,
    link_status: dict[str, tuple[int, str, str]] | None = None,
    records: str = "",
    not_walked: tuple[str, ...] = NOT_WALKED,
    screenshots: Path | None = None,
    log=None,
) -> list[Page]:
    """Walk the site as one role (a demo username or ANONYMOUS) in one language.

    `link_status` caches each link's (status, final URL, content type) across calls for the
    same role, so a link is fetched once however many pages and languages offer it."""
    link_status = {} if link_status is None else link_status
    context = browser.new_context(
        viewport={"width": widths[0], "height": DESKTOP["height"]},
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    host = urlsplit(origin).hostname
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "domain": host, "path": "/"}]
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    if role != ANONYMOUS:
        _sign_in(page, origin, role)
    login_path = resolve_url(settings.LOGIN_URL)
    pages: list[Page] = []
    seen: set[tuple] = set()
    per: Counter = Counter()
    queue: list[tuple[str, int]] = [(f"{origin}/", 0)]
    while queue and len(pages) < max_pages:
        url, level = queue.pop(0)
        key = page_key(url)
        if key is None or key in seen or per[key[0]] >= per_pattern:
            continue
        seen.add(key)
        per[key[0]] += 1
        response = page.goto(url, wait_until="load")
        record = Page(role, language, url, response.status if response else None)
        kind = (response.headers.get("content-type", "") if response else "").split(";")[0]
        if record.status != 200 or kind != "text/html":
            continue
        # A redirect lands on another page: that page is the one walked.
        landed = _local(page.url, origin)
        if landed and landed != url:
            landed_key = page_key(landed)
            if landed_key in seen or landed_key is None:
                continue
            seen.add(landed_key)
            record.url = landed
        pages.append(record)
        if log:
            log(f"{role} {language} {record.url}")

        links = sorted({u for u in map(lambda h: _local(h, origin), page.evaluate(LINKS_JS)) if u})
        cookie = _cookie_header(context)
        for link in links:
            path = urlsplit(link).path
            if any(word in path for word in NEVER_OPENED):
                continue
            if link not in link_status:
                link_status[link] = _fetch(link, cookie=cookie, language=language)
            status, final, link_kind = link_status[link]
            if status in BAD_STATUS or status >= 500:
                record.add("link status", f"{status}: {link}")
            elif role != ANONYMOUS and urlsplit(final).path == login_path:
                record.add("link status", f"sends to sign in: {link}")
            elif (
                status == 200
                and link_kind == "text/html"
                and (depth is None or level < depth)
                and not any(path.startswith(p) for p in not_walked)
            ):
                queue.append((link, level + 1))

        for code in sorted(raw_codes(page.evaluate(READ_TEXT_JS))):
            record.add("raw code", code)
        if language != settings.LANGUAGE_CODE:
            for msgid in sorted(english_on(page.content(), language, records=records)):
                record.add("English", msgid)
        for width in widths:
            if width != page.viewport_size["width"]:
                page.set_viewport_size({"width": width, "height": DESKTOP["height"]})
                # The page's script marks tables that scroll 100 ms after a resize (app.js).
                page.wait_for_timeout(RESIZE_SETTLE_MS)
            overflow = page.evaluate(OVERFLOW_JS)
            if overflow > 0:
                record.add("too wide", f"scrolls {overflow}px sideways at {width}px")
            for violation in _axe(page):
                record.add("axe", f"{width}px: {violation}")
            if screenshots:
                screenshots.mkdir(parents=True, exist_ok=True)
                parts = urlsplit(record.url)
                name = f"{role}-{language}-{width}-{_slug(parts.path)}"
                name += f"-{_slug(parts.query)}" if parts.query else ""
                page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
        page.set_viewport_size({"width": widths[0], "height": DESKTOP["height"]})
    context.close()
    return pages


def walk(browser, origin: str, roles, languages, log=None, **options) -> Walk:
    """Walk the site as each role in each language (`records`: record_text(), read before
    Playwright starts, since its event loop keeps this thread from the database)."""
    result = Walk()
    for role in roles:
        link_status: dict[str, tuple[int, str, str]] = {}
        for language in languages:
            result.pages += walk_role(
                browser, origin, role, language, link_status=link_status, log=log, **options
            )
        result.links_checked += len(link_status)
    return result


def report(result: Walk, origin: str) -> str:
    """The walk as markdown: totals, then each page with what was found on it."""
    totals = result.totals()
    lines = [
        f"# Site walk of {origin}",
        "",
        f"{len(result.pages)} pages walked, {result.links_checked} distinct links checked, "
        f"{sum(totals.values())} findings on "
        f"{sum(1 for p in result.pages if p.findings)} pages.",
        "",
        "| finding | count |",
        "| --- | ---: |",
        *(f"| {kind} | {count} |" for kind, count in sorted(totals.items())),
        "",
    ]
    by_detail = Counter((kind, detail) for _p, kind, detail in result.findings)
    if by_detail:
        lines += ["## Each finding, with how many pages show it", ""]
        lines += [f"- {n} pages: {kind}: {detail}" for (kind, detail), n in by_detail.most_common()]
        lines.append("")
    lines += ["## Pages", ""]
    for page in result.pages:
        mark = f"{len(page.findings)} findings" if page.findings else "clean"
        lines.append(f"- {page.role} · {page.language} · {page.url} — {mark}")
        lines += [f"  - {kind}: {detail}" for kind, detail in page.findings]
    return "\n".join(lines) + "\n"
