"""The cache backend: Django's Redis cache, with an unreachable Redis read as an empty cache.

The cache only ever holds copies (computed reads, generation tokens, throttle counters), never
the only copy of anything, so a Redis outage must not turn a write or a page into a 500: while
Redis does not answer, a read is a miss and a write is skipped (and logged). A generation bump
that could not be written would leave the reads stored before the outage looking current once
Redis answers again, so the backend remembers that writes were lost (`writes_lost`) and
`base.cache` replaces every generation at its first read that reaches Redis again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# What each call answers while Redis does not (made afresh each time): nothing found, nothing
# stored.
_READS = {"get": None, "get_many": dict, "has_key": False}
_WRITES = {
    "set": None, "set_many": list, "add": False, "touch": False, "delete": False,
    "delete_many": None, "clear": None,
}  # fmt: skip


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client holder, keeping one `redis.Redis` per connection pool.

    Django makes a new `redis.Redis` for every cache call; building one fills its table of
    some 170 reply handlers, which costs about as much processor time as the round trip
    itself, at several calls a request (generations, the cached answer, the rate counts).
    A `redis.Redis` holds no connection of its own (it borrows one from the pool per
    command), so one per pool serves every call; each thread has its own cache backend
    instance, and so its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's `RedisCache`, for which an unreachable Redis is an empty cache."""

    # Process-wide: every thread has its own backend instance, and any of them may have lost
    # a write that the next read must make up for.
    writes_lost = False

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _call(self, name: str, default, *args, **kwargs):
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except UNREACHABLE as exc:
            if name in _WRITES:
                type(self).writes_lost = True
            logger.warning("Cache unreachable (%s skipped): %s", name, exc)
            if name == "get":
                return kwargs.get("default", args[1] if len(args) > 1 else None)
            return default() if callable(default) else default

    def set_many_in_order(self, batches: Sequence[tuple[dict, int | None]]) -> None:
        """Store each (mapping, timeout in seconds or None for no expiry) of `batches`, in
        order and in one round trip (a MULTI/EXEC transaction: all or none). `set_many` takes
        a round trip per timeout; a generation bump inside a transaction needs two timeouts
        (the pending marks and the new tokens) at every write."""
        try:
            pipeline = self._cache.get_client(write=True).pipeline(transaction=True)
            for mapping, timeout in batches:
                seconds = self.get_backend_timeout(timeout)
                for key, value in mapping.items():
                    key = self.make_and_validate_key(key)
                    if seconds == 0:  # as `set`: a timeout of 0 keeps nothing
                        pipeline.delete(key)
                    else:
                        pipeline.set(key, self._cache._serializer.dumps(value), ex=seconds)
            pipeline.execute()
        except UNREACHABLE as exc:
            type(self).writes_lost = True
            logger.warning("Cache unreachable (set_many_in_order skipped): %s", exc)

    def count_in_windows(
        self, windows: Sequence[tuple[str, int]], now: float
    ) -> list[tuple[int, int, float]] | None:
        """Count one event in each of `windows` ((name, seconds)), in one round trip.

        Each window is cut into fixed spans of its length; this adds one to the current span's
        count (kept for two spans) and reads the previous span's. Returns, per window, the
        previous span's count, the current one's (this event included) and how far into the
        current span `now` is (0 to 1): a rate limit weighs the previous span by the part of it
        still inside the sliding window. Constant cost whatever the rate, where a log of every
        event's time grows with it. None while Redis does not answer."""
        spans = [(name, seconds, int(now // seconds)) for name, seconds in windows]
        try:
            pipeline = self._cache.get_client(write=True).pipeline(transaction=False)
            for name, seconds, span in spans:
                current = self.make_and_validate_key(f"{name}:{span}")
                pipeline.incr(current)
                pipeline.expire(current, 2 * seconds)
                pipeline.get(self.make_and_validate_key(f"{name}:{span - 1}"))
            replies = pipeline.execute()
        except UNREACHABLE as exc:
            logger.warning("Cache unreachable (rate counts skipped): %s", exc)
            return None
        return [
            (int(replies[3 * i + 2] or 0), int(replies[3 * i]), (now - span * seconds) / seconds)
            for i, (_name, seconds, span) in enumerate(spans)
        ]

    def uncount_in_windows(self, windows: Sequence[tuple[str, int]], now: float) -> None:
        """Take back the event `count_in_windows` counted at `now` (a refused request)."""
        try:
            pipeline = self._cache.get_client(write=True).pipeline(transaction=False)
            for name, seconds in windows:
                pipeline.decr(self.make_and_validate_key(f"{name}:{int(now // seconds)}"))
            pipeline.execute()
        except UNREACHABLE as exc:
            logger.warning("Cache unreachable (rate counts skipped): %s", exc)


def _delegate(name: str, default):
    def method(self, *args, **kwargs):
        return self._call(name, default, *args, **kwargs)

    method.__name__ = name
    return method


for _name, _default in {**_READS, **_WRITES}.items():
    setattr(ResilientRedisCache, _name, _delegate(_name, _default))
