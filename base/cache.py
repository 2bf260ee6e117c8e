"""Caching of reads that change rarely, with invalidation on write.

Every model of the programme has a *generation*: a random token in the cache, replaced whenever
a row of that model is saved or deleted (signals, connected in `programme.apps`), and by the
services that write in bulk (`generation_bump`). A cached read names the models it is built
from; its key holds their current generations, so the first read after any write to one of
them finds nothing under the new key and computes afresh. Old entries are never read again and
expire. A lost token (eviction) is replaced by a new random one, so it can never bring back an
old entry.

The token is replaced at once, so reads later in the same transaction see the write. While
the writing transaction may still be open, another request would read the old rows: a write
inside a transaction also leaves a *pending* mark on its models for PENDING_SECONDS, and a read
built from a marked model is computed but not stored (`ReadKey.storable` is False).

A read that is missing (the first after a write) is computed by one request at a time
(`read_through`): the first takes a short lock in the cache and computes it; the others wait
for its copy instead of each computing the same thing, or, for answers that are the same for
everyone (`stale_ok`), are answered at once with the copy made before the write.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import models, transaction
from django.utils import translation

from base.release import release

# The apps whose rows make up the programme's reads (audit: the records' histories, which
# the history panels show; otp_totp: who signs in with a second factor, on the People pages).
PROGRAMME_APPS = frozenset(
    {
        "programme",
        "pilots",
        "roadmaps",
        "egm",
        "guidebook",
        "monitoring",
        "portal",
        "auth",
        "audit",
        "otp_totp",
    }
)
# How long a computed read stays cached (a safety net: writes invalidate it long before).
READ_TTL = 60 * 60
# How long after a write inside a transaction reads of its models are not stored: longer than
# any of the programme's write transactions lasts.
PENDING_SECONDS = 30
# How long the one request computing a missing read holds the right to: longer than the
# slowest read takes at programme scale, short enough that a request killed mid-way (a worker
# timeout) holds up the others for no more than this.
BUILD_LOCK_SECONDS = 30
# How long the others wait for its copy before computing the read themselves.
BUILD_WAIT_SECONDS = 10
BUILD_POLL_SECONDS = 0.05

T = TypeVar("T")


class ReadKey(str):
    """A cache key for one read; `storable` is False while a write to one of its models may be
    uncommitted (store nothing then: compute, answer, forget)."""

    storable: bool = True
    # The key of the latest copy of the same read whatever the generations (same name,
    # scope, language and parts): what `read_through(stale_ok=True)` may answer meanwhile.
    latest: str = ""

    def part(self, name: str) -> ReadKey:
        """The key of another part of the same read (a page's second kept part): the same
        name, reader, language, parts and generations, so it goes stale with this one."""
        key = ReadKey(f"{self}:{name}")
        key.storable = self.storable
        key.latest = f"{self.latest}:{name}" if self.latest else ""
        return key

    @property
    def ttl(self) -> int:
        """How long to keep what is read under this key (0: not at all)."""
        return READ_TTL if self.storable else 0


def _key(model: type[models.Model]) -> str:
    return f"generation:{model._meta.label_lower}"


def _token() -> str:
    return uuid.uuid4().hex[:16]


def generations(model_list: Iterable[type[models.Model]]) -> tuple[str, bool]:
    """The current generations of `model_list` as one string for a cache key, and whether a
    read built from them may be stored (no write to them may be pending)."""
    _make_up_for_lost_writes()
    keys = [_key(m) for m in model_list]
    found = cache.get_many([*keys, *(f"{k}:pending" for k in keys)])
    storable = not any(f"{k}:pending" in found for k in keys)
    missing = {k: _token() for k in keys if k not in found}
    for key, token in missing.items():
        # Another process may have set it meanwhile: theirs wins, so both compute one key.
        if not cache.add(key, token, timeout=None):
            found[key] = cache.get(key) or token
    return ".".join(found.get(k) or missing[k] for k in keys), storable


def _make_up_for_lost_writes() -> None:
    """After a Redis outage in which this process lost writes (generation bumps among them),
    replace every generation once Redis answers again, so no read stored before the outage is
    served as current (`base.cache_backend`). Still unreachable: the bumps are lost again
    and this runs at the next read."""
    backend = type(caches["default"])
    if getattr(backend, "writes_lost", False):
        backend.writes_lost = False
        generation_bump_all()


def generation_bump(*model_list: type[models.Model]) -> None:
    """Invalidate every cached read built from these models."""
    keys = [_key(m) for m in model_list]
    tokens = {k: _token() for k in keys}
    if not transaction.get_connection().in_atomic_block:
        cache.set_many(tokens, timeout=None)
        return
    # Marked first: whoever sees a new token also sees that it may be uncommitted. Both in
    # one round trip at every write (`ResilientRedisCache.set_many_in_order`).
    pending = {f"{k}:pending": 1 for k in keys}
    cache.set_many_in_order([(pending, PENDING_SECONDS), (tokens, None)])


def generation_bump_all(*, settled: bool = False) -> None:
    """Invalidate every cached read (after bulk loads such as the scale data). `settled`: the
    caller knows every earlier write has committed (a loader that was the only writer), so
    the pending marks go too."""
    model_list = [m for m in apps.get_models() if m._meta.app_label in PROGRAMME_APPS]
    generation_bump(*model_list)
    if settled and not transaction.get_connection().in_atomic_block:
        cache.delete_many([f"{_key(m)}:pending" for m in model_list])


def scope_key(user) -> str:
    """What decides the rows `user` may read: who they are, their roles and countries."""
    if user is None or not user.is_authenticated:
        return "anonymous"
    return ":".join(
        [
            str(user.pk),
            "su" if user.is_superuser else "",
            "active" if user.is_active else "inactive",
            ",".join(sorted(user.roles)),
            ",".join(str(c) for c in sorted(user.country_ids)),
        ]
    )


def read_key(name: str, user, model_list: Iterable[type[models.Model]], *parts: str) -> ReadKey:
    """A cache key for one read: its name, the serving release, the reader's scope and
    language, the models' generations."""
    tokens, storable = generations(model_list)
    # The active language is part of what the reader sees (labels, statuses, dates), so a
    # copy made in one language is never served in another.
    language = translation.get_language() or settings.LANGUAGE_CODE
    # So is the release: a copy made by the code before a deploy is never served after it.
    identity = "|".join([name, release(), scope_key(user), language, *parts])
    raw = f"{identity}|{tokens}"
    key = ReadKey(f"read:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}")
    key.storable = storable
    key.latest = f"read:{name}:latest:{hashlib.sha256(identity.encode()).hexdigest()[:32]}"
    return key


def read_through(
    key: ReadKey,
    build: Callable[[], T],
    *,
    keep: Callable[[T], bool] = lambda value: True,
    stale_ok: bool = False,
) -> T:
    """What is kept under `key`, else `build()`, computed by one request at a time.

    The first request to miss takes the key's build lock and stores what it built (when
    `keep(value)` and the key is storable). A request that misses while another builds waits
    up to BUILD_WAIT_SECONDS for that copy; with `stale_ok` (answers the same for every
    reader, which a proxy may keep for minutes anyway) it is answered at once with the latest
    copy made under earlier generations, if there is one. A builder that fails or stores
    nothing releases the lock, and a waiter that sees that computes the read itself."""
    value = cache.get(key)
    if value is not None:
        return value
    if not key.storable:
        # A write to these models may be uncommitted: compute, answer, forget.
        return build()
    lock = f"{key}:building"
    token = _token()
    if cache.add(lock, token, timeout=BUILD_LOCK_SECONDS):
        try:
            value = build()
            if keep(value):
                cache.set_many({key: value, key.latest: value}, timeout=key.ttl)
        finally:
            if cache.get(lock) == token:
                cache.delete(lock)
        return value
    if stale_ok:
        value = cache.get(key.latest)
        if value is not None:
            return value
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(BUILD_POLL_SECONDS)
        found = cache.get_many([key, lock])
        if key in found:
            return found[key]
        if lock not in found:
            break  # the builder failed or kept nothing
    return build()


def page_read_key(
    request, name: str, model_list: Iterable[type[models.Model]], *parts: str
) -> ReadKey:
    """The key of a page's cached part: its URL with the query, the reader's scope and
    language, the day (for "current" and "upcoming" rows), the generations of the models
    it shows, and any `parts` that change it with no write (such as something expiring)."""
    from django.utils import timezone

    return read_key(
        f"page:{name}",
        request.user,
        model_list,
        request.get_full_path(),
        timezone.localdate().isoformat(),
        *parts,
    )


def _on_write(sender, **kwargs):
    if sender._meta.app_label in PROGRAMME_APPS:
        generation_bump(sender)


def _on_m2m(sender, instance, model, **kwargs):
    if kwargs.get("action", "").startswith("post_"):
        generation_bump(sender, type(instance), model)


def connect_signals() -> None:
    models.signals.post_save.connect(_on_write, dispatch_uid="programme-cache-save")
    models.signals.post_delete.connect(_on_write, dispatch_uid="programme-cache-delete")
    models.signals.m2m_changed.connect(_on_m2m, dispatch_uid="programme-cache-m2m")
