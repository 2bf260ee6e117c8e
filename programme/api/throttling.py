"""Fair-use rate limits, counted per token (or per signed-in user for browser sessions).

Rates come from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` ("burst" and "sustained") and are
read on every request, so a deployment (or a test) can change them in settings. Counts live in
the default cache (Redis), shared by every web process: every limit of a request is counted in
one round trip, at a cost that does not grow with the rate (`count_in_windows`).
"""

from __future__ import annotations

import math
import time

from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from programme.models import ApiToken


def parse_rate(rate: str) -> tuple[int, int]:
    """ "60/min" -> (60, 60): how many calls, over how many seconds (DRF's rate strings)."""
    number, period = rate.split("/")
    return int(number), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]


def sliding_count(previous: int, current: int, elapsed: float) -> float:
    """Events in the sliding window ending now: the current span's, and the previous span's
    weighted by the share of it still inside the window (events spread evenly over it)."""
    return previous * (1 - elapsed) + current


def seconds_until_allowed(
    previous: int, current: int, elapsed: float, seconds: int, limit: int
) -> float:
    """How long until one more event fits under `limit` (`current` not counting it)."""
    # Later in this span, as the previous span's weight falls.
    room = limit - current - 1
    if room >= 0 and previous > room:
        wait = seconds * (1 - room / previous) - elapsed * seconds
        if wait <= (1 - elapsed) * seconds:
            return max(wait, 0.0)
    elif room >= 0:
        return 0.0
    # Else in the next span, as this span's count weighs less and less.
    wait_next = seconds * (1 - (limit - 1) / current) if current and current > limit - 1 else 0.0
    return (1 - elapsed) * seconds + max(wait_next, 0.0)


class FairUseThrottle(BaseThrottle):
    """Both fair-use limits: a short one that stops a runaway loop ("burst") and an hourly
    one for fair use between partners ("sustained"), each over a sliding window.

    A refused call is not counted, so a client that waits as `Retry-After` says gets in."""

    scopes = ("burst", "sustained")
    timer = staticmethod(time.time)

    def allow_request(self, request, view) -> bool:
        self.refused_wait = None
        rates = api_settings.DEFAULT_THROTTLE_RATES
        limits = [(scope, *parse_rate(rates[scope])) for scope in self.scopes if rates.get(scope)]
        if not limits:
            return True
        ident = self.caller(request)
        windows = [(f"throttle-{scope}-{ident}", seconds) for scope, _n, seconds in limits]
        now = self.timer()
        counts = cache.count_in_windows(windows, now)
        if counts is None:
            return True  # Redis does not answer: no limit is worth refusing everyone
        waits = [
            seconds_until_allowed(previous, current - 1, elapsed, seconds, limit)
            for (_scope, limit, seconds), (previous, current, elapsed) in zip(
                limits, counts, strict=True
            )
            if sliding_count(previous, current, elapsed) > limit
        ]
        if not waits:
            return True
        cache.uncount_in_windows(windows, now)
        self.refused_wait = max(waits)
        return False

    def caller(self, request) -> str:
        """Whose allowance a call uses: its token's, else its user's, else its address's."""
        if isinstance(request.auth, ApiToken):
            return f"token-{request.auth.pk}"
        if request.user and request.user.is_authenticated:
            return f"user-{request.user.pk}"
        return f"addr-{self.get_ident(request)}"

    def wait(self) -> float | None:
        if self.refused_wait is None:
            return None
        # Whole seconds for Retry-After, not rounded up by a float's last digit.
        return max(1, math.ceil(round(self.refused_wait, 6)))
