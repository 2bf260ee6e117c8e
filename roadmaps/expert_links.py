"""The personal link in an outside expert's invitation: a signed token naming one assignment
and its current nonce, with its own salt (a token made for anything else never opens it). It
works for a limited time, and sending the link again changes the nonce, so every earlier link
stops working. Whoever holds it answers and reviews for that one assignment and nothing more:
it is not a sign-in."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core import signing

from roadmaps.models import ReviewAssignment

EXPERT_LINK_SALT = "roadmaps.expert.review"
# How long a link works after it is sent (sending it again gives a fresh one).
EXPERT_LINK_MAX_AGE = dt.timedelta(days=60)


def expert_link_nonce() -> str:
    """A fresh nonce for an assignment's link."""
    return secrets.token_urlsafe(16)


def expert_link_token(assignment: ReviewAssignment) -> str:
    """The token in the expert's personal link (it names the assignment and its nonce)."""
    return signing.dumps(
        {"a": assignment.pk, "n": assignment.link_nonce}, salt=EXPERT_LINK_SALT, compress=True
    )


def _read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=EXPERT_LINK_SALT, max_age=EXPERT_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not data.get("n"):
        return None
    return data.get("a"), data["n"]


def expert_link_names(token: str, assignment: ReviewAssignment) -> bool:
    """Whether `token` is a valid, current link for this expert's assignment."""
    read = _read(token) if token else None
    return (
        read is not None
        and assignment.expert_id is not None
        and read == (assignment.pk, assignment.link_nonce)
    )


def expert_link_assignment(token: str) -> ReviewAssignment | None:
    """The expert's assignment a token names, or None if it is forged, expired, for another
    kind of link, or replaced by a newer link."""
    read = _read(token)
    if read is None:
        return None
    pk, nonce = read
    return (
        ReviewAssignment.objects.select_related(
            "expert", "version__roadmap__country", "milestone", "review__rubric"
        )
        .filter(pk=pk, link_nonce=nonce, expert__isnull=False)
        .first()
    )
