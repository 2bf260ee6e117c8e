"""Writes for meetings. Views, API, admin and tasks call these."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from egm.models import Meeting
from programme.models import User
from programme.services import model_fields_apply


@transaction.atomic
def meeting_create(*, actor: User, **fields: Any) -> Meeting:
    """Put a meeting (EGM, regional, supplementary, Forum session) on the programme's calendar."""
    meeting = Meeting()
    model_fields_apply(meeting, fields)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, **fields: Any) -> Meeting:
    """Reschedule or update a meeting; the row is locked so two edits do not mix."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    model_fields_apply(meeting, fields)
    meeting.full_clean()
    meeting.save()
    return meeting
