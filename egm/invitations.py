"""The personal link in a meeting invitation: a signed token naming one participant, with its
own salt (a token made for anything else never opens it), that works until the meeting is
over. Whoever holds the link answers for that participant and nothing more: it is not a
sign-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from email.utils import parseaddr

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from egm.models import Participant
from programme.models import User

ANSWER_SALT = "egm.participant.answer"
# A meeting with no dates yet: the link works this long after it is sent.
UNDATED_MAX_AGE = dt.timedelta(days=180)
# The link keeps working this long after the meeting's last day (to say one took part).
AFTER_MEETING = dt.timedelta(days=1)


def answer_token(participant: Participant) -> str:
    """The token in one participant's personal link (it names the row and its meeting)."""
    return signing.dumps(
        {"p": participant.pk, "m": participant.meeting_id}, salt=ANSWER_SALT, compress=True
    )


def answer_token_participant(token: str) -> Participant | None:
    """The participant a token names, or None if it is forged, for another row, older than
    the undated limit, or its meeting is over."""
    try:
        data = signing.loads(token, salt=ANSWER_SALT, max_age=UNDATED_MAX_AGE)
    except signing.BadSignature:
        return None
    participant = (
        Participant.objects.select_related("meeting", "user")
        .filter(pk=data.get("p"), meeting_id=data.get("m"))
        .first()
    )
    if participant is None or not answer_token_open(participant):
        return None
    return participant


def answer_token_open(participant: Participant) -> bool:
    """Whether the personal link still works: until the day after the meeting ends."""
    end = participant.meeting.end_date
    return end is None or timezone.localdate() <= end + AFTER_MEETING


def invitable_users() -> QuerySet[User]:
    """The accounts a meeting invitation may name: active, with an address to write to."""
    return User.objects.filter(is_active=True).exclude(email="")


def invitation_addresses(lines: str | Iterable[str]) -> list[tuple[str, str]]:
    """People invited by address, as (name, address) pairs: each line (or item) is
    "Name <address>" or the address alone; blank lines are skipped. The invitation form and
    the API read addresses with this."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    people = []
    for line in lines:
        line = (line or "").strip()
        if not line:
            continue
        name, address = parseaddr(line)
        if "@" not in address:
            raise ValidationError(_("“%(line)s” is not an email address.") % {"line": line})
        people.append((name, address))
    return people
