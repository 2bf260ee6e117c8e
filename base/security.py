"""Who is knocking: the client address that login lockouts count by."""

from __future__ import annotations

from http import HTTPStatus
from math import ceil

from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str:
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies it is the entry those proxies
    added to X-Forwarded-For (counted from the right, so a client cannot forge it); with no
    proxy it is the socket's address. Counting by the proxy's own address would lock out
    everyone at once."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    return forwarded[-hops]


def locked_out_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (django-axes' AXES_LOCKOUT_CALLABLE): what happened
    and how long to wait, with 429 so scripts see it too."""
    minutes = max(1, ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_minutes": minutes},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )
