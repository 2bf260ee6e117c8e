"""Whole answers that anyone may ask for, kept in the shared cache and by proxies.

The public site and the public calendar are the same for every visitor in one language, and
anyone on the internet can ask for them as often as they like; so each answer is computed once
per language, URL (with its query), day and generation of the data it shows (`base.cache`),
and served from the shared cache until one of those changes. Each answer carries:

- `ETag` (a digest of the body) and `Last-Modified` (when it was computed), so a client or a
  proxy that holds a copy asks again with `If-None-Match` / `If-Modified-Since` and gets 304;
- `Cache-Control: public, max-age=...` for visitors who are not signed in, so a proxy may keep
  it; signed-in readers get the same body with `private` (their requests carry a session);
- `Vary: Accept-Language, Cookie`: the language comes from the browser or the language cookie.

What may be kept here is only what is the same for everyone: a page that shows anything of the
reader (a signed-in menu, a CSRF token, messages) must not use it. `shared_response` refuses to
keep a body holding the CSRF token of the request as a guard against such a template.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from base.cache import read_key, read_through

# How long a proxy or a browser may keep a public answer without asking again. Writes
# invalidate the server's copy at once; a proxy's copy lags by up to this much.
PUBLIC_MAX_AGE = 5 * 60
# Headers of the computed answer that are kept with its body.
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Link", "Content-Language")


def shared_response(
    request: HttpRequest,
    *,
    name: str,
    model_list: Iterable[type[models.Model]],
    build: Callable[[], HttpResponse],
    max_age: int = PUBLIC_MAX_AGE,
) -> HttpResponse:
    """The answer `build()` gives, computed once per language, URL, day and generation of
    `model_list`, with validators and cache headers; 304 when the client holds it already.

    Only 200 answers are kept (a 404 or a 400 is built each time: they are cheap)."""
    key = read_key(
        f"shared:{name}",
        None,  # the same for every reader: nothing of the reader is in the answer
        model_list,
        request.get_full_path(),
        timezone.localdate().isoformat(),
    )

    def built() -> dict | HttpResponse:
        response = build()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code != 200 or response.streaming:
            return response
        body = response.content
        if _holds_csrf_token(request, body):
            # A template rendered a form with a token: never share it with another visitor.
            response["Cache-Control"] = "private, no-store"
            return response
        return {
            "key": str(key),
            "body": body,
            # Compressed once, here, for the clients that accept it (calendar programs and
            # browsers do): a long feed is a tenth of its size compressed.
            "gzip": gzip.compress(body, mtime=0) if len(body) >= GZIP_MIN_BYTES else None,
            "headers": {h: response[h] for h in _KEPT_HEADERS if h in response},
            "etag": f'"{hashlib.sha256(body).hexdigest()[:32]}"',
            "modified": time.time(),
        }

    entry = _LARGE.get(key)
    if entry is None:
        # One request builds a missing answer; meanwhile the others get the answer made
        # before the last write (it is the same for everyone, and proxies keep copies as old).
        entry = read_through(key, built, keep=lambda e: isinstance(e, dict), stale_ok=True)
        if not isinstance(entry, dict):
            return entry
        if entry["key"] == key and key.storable:
            _LARGE.put(key, entry)
    if entry["key"] != key:
        # An earlier copy, answered while the current one is built: a proxy asks again at
        # once (with its validators, so an unchanged answer is a 304).
        max_age = 0
    return _answer(request, entry, max_age)


class _LargeAnswers:
    """This process's own copies of the largest shared answers (a calendar feed ten years
    long weighs megabytes), under the same keys as in the shared cache: reading megabytes back
    from the cache on every request cost more than the rest of the answer. A key holds the
    generations of the data, so a write makes every copy unreachable (the oldest go first
    once LARGE_TOTAL_BYTES is reached); only what may be stored in the shared cache is kept.
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[str, dict] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        size = _size(entry)
        if size < LARGE_MIN_BYTES or size > LARGE_TOTAL_BYTES:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > LARGE_TOTAL_BYTES:
                _old, dropped = self._entries.popitem(last=False)
                self._bytes -= _size(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


def _size(entry: dict) -> int:
    return len(entry["body"]) + len(entry.get("gzip") or b"")


# Answers at least this large are also kept compressed, for clients that accept gzip.
GZIP_MIN_BYTES = 8 * 1024
# Answers at least this large are also kept in each process (`_LargeAnswers`), up to this
# much in all.
LARGE_MIN_BYTES = 256 * 1024
LARGE_TOTAL_BYTES = 64 * 1024 * 1024
_LARGE = _LargeAnswers()


def _holds_csrf_token(request: HttpRequest, body: bytes) -> bool:
    # Django marks a request whose token was asked for (a `{% csrf_token %}` rendered);
    # such a body is the reader's own.
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or b"csrfmiddlewaretoken" in body


def _answer(request: HttpRequest, entry: dict, max_age: int) -> HttpResponse:
    signed_in = request.user.is_authenticated
    compressed = entry.get("gzip")
    # The compressed copy is another representation: its own validator, and a proxy keeps the
    # two apart by the request's Accept-Encoding.
    zipped = compressed is not None and accepts_gzip(request)
    etag = f'{entry["etag"][:-1]}-gzip"' if zipped else entry["etag"]
    conditional = get_conditional_response(request, etag=etag, last_modified=int(entry["modified"]))
    body = compressed if zipped else entry["body"]
    response = conditional if conditional is not None else HttpResponse(body)
    if conditional is None:
        for header, value in entry["headers"].items():
            response[header] = value
        if zipped:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(entry["modified"])
    response["Cache-Control"] = f"{'private' if signed_in else 'public'}, max-age={max_age}"
    vary = ["Accept-Language", "Cookie"]
    if compressed is not None:
        vary.append("Accept-Encoding")
    patch_vary_headers(response, vary)
    return response


# Whether a request accepts a gzip-compressed answer (as Django's GZipMiddleware reads it).
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def app_models(*app_labels: str) -> tuple[type[models.Model], ...]:
    """Every model of these apps: what a page that reads across them is keyed by."""
    from django.apps import apps

    return tuple(m for label in app_labels for m in apps.get_app_config(label).get_models())


class SharedPageMixin:
    """A page view (GET) whose answer is the same for everyone in a language: served through
    `shared_response`, keyed by `shared_models()` (every model the page reads)."""

    def shared_models(self) -> Iterable[type[models.Model]]:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return shared_response(
            request,
            name=f"page:{type(self).__module__}.{type(self).__name__}",
            model_list=self.shared_models(),
            build=lambda: super(SharedPageMixin, self).get(request, *args, **kwargs),
        )


class PublicPageMixin(SharedPageMixin):
    """A page of the public site, whichever app draws it: shared by every visitor, and given
    what the public layout shows on every page (the open-data licence in its footer)."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["licence"] = settings.OPEN_DATA_LICENCE
        return ctx
