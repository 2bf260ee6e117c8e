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

from django.core.cache.backends.redis import RedisCache
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


class ResilientRedisCache(RedisCache):
    """Django's `RedisCache`, for which an unreachable Redis is an empty cache."""

    # Process-wide: every thread has its own backend instance, and any of them may have lost
    # a write that the next read must make up for.
    writes_lost = False

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


def _delegate(name: str, default):
    def method(self, *args, **kwargs):
        return self._call(name, default, *args, **kwargs)

    method.__name__ = name
    return method


for _name, _default in {**_READS, **_WRITES}.items():
    setattr(ResilientRedisCache, _name, _delegate(_name, _default))
