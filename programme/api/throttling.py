"""Fair-use rate limits, counted per token (or per signed-in user for browser sessions).

Rates come from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` and are read on every request, so a
deployment (or a test) can change them in settings. Counters live in the default cache (Redis),
shared by every web process.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from programme.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """A rate limit keyed by the caller's token id (or user id, or address when anonymous)."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view) -> str:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"addr-{self.get_ident(request)}"
        return f"throttle-{self.scope}-{ident}"


class BurstRateThrottle(TokenRateThrottle):
    """Short-window limit that stops a runaway loop."""

    scope = "burst"


class SustainedRateThrottle(TokenRateThrottle):
    """Hourly limit for fair use between partners."""

    scope = "sustained"
