"""Writes for meetings. Views, API, admin and tasks call these."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from egm.models import Meeting
from programme.models import User
from programme.services import record_create, record_update


@transaction.atomic
def meeting_create(*, actor: User, **fields: Any) -> Meeting:
    """Put a meeting (EGM, regional, supplementary, Forum session) on the programme's calendar."""
    return record_create(Meeting, actor=actor, fields=fields)


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, **fields: Any) -> Meeting:
    """Reschedule or update a meeting."""
    return record_update(meeting, actor=actor, fields=fields)
