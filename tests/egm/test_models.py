"""Meeting rules: dates, agenda sessions within them, one entry per participant, documents as
a file or a text."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from egm.models import AgendaSession, DocumentVersion, Participant
from egm.services import meeting_create, meeting_update, participant_add, session_add
from programme.choices import Role
from tests.factories import (
    MINIMAL_PDF,
    AgendaSessionFactory,
    MeetingFactory,
    ParticipantFactory,
    UserFactory,
    meeting_document,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.SECRETARIAT])


def test_a_meeting_cannot_end_before_it_starts(staff):
    with pytest.raises(ValidationError) as exc:
        meeting_create(
            actor=staff,
            kind="egm",
            title="Backwards",
            start_date=dt.date(2019, 2, 8),
            end_date=dt.date(2019, 2, 7),
        )
    assert "end_date" in exc.value.message_dict


def test_a_planned_meeting_needs_dates_but_one_to_be_confirmed_does_not(staff):
    with pytest.raises(ValidationError) as exc:
        meeting_create(actor=staff, kind="egm", title="Undated", status="planned")
    assert "start_date" in exc.value.message_dict
    meeting = meeting_create(actor=staff, kind="supplementary", title="Later", status="tbc")
    assert meeting.start_date is None


@pytest.mark.parametrize(
    ("day", "start", "end", "field"),
    [
        (dt.date(2019, 5, 13), dt.time(9), dt.time(10), "day"),  # the day before
        (dt.date(2019, 5, 16), dt.time(9), dt.time(10), "day"),  # the day after
        (dt.date(2019, 5, 14), dt.time(10), dt.time(9), "end_time"),  # ends before it starts
        (dt.date(2019, 5, 14), dt.time(10), dt.time(10), "end_time"),  # no length
    ],
)
def test_sessions_fall_within_the_meeting_and_end_after_they_start(staff, day, start, end, field):
    meeting = MeetingFactory(start_date=dt.date(2019, 5, 14), end_date=dt.date(2019, 5, 15))
    with pytest.raises(ValidationError) as exc:
        session_add(
            actor=staff, meeting=meeting, title="Panel", day=day, start_time=start, end_time=end
        )
    assert field in exc.value.message_dict
    assert not AgendaSession.objects.filter(meeting=meeting).exists()


def test_a_session_needs_its_meeting_dated(staff):
    meeting = meeting_create(actor=staff, kind="egm", title="Undated", status="tbc")
    with pytest.raises(ValidationError) as exc:
        session_add(
            actor=staff,
            meeting=meeting,
            title="Panel",
            day=dt.date(2019, 5, 14),
            start_time=dt.time(9),
            end_time=dt.time(10),
        )
    assert "day" in exc.value.message_dict


def test_moving_a_meeting_away_from_its_sessions_is_refused(staff):
    session = AgendaSessionFactory()
    meeting = session.meeting
    with pytest.raises(ValidationError):
        meeting_update(
            actor=staff,
            meeting=meeting,
            start_date=dt.date(2020, 1, 1),
            end_date=dt.date(2020, 1, 2),
        )
    meeting.refresh_from_db()
    assert meeting.start_date == dt.date(2019, 5, 14)


def test_a_person_is_on_a_meetings_list_once(staff):
    existing = ParticipantFactory(full_name="Ada Lovelace", email="ada@example.org")
    with pytest.raises(ValidationError):
        participant_add(
            actor=staff, meeting=existing.meeting, full_name="ada lovelace", level="expert"
        )
    with pytest.raises(ValidationError):
        participant_add(
            actor=staff,
            meeting=existing.meeting,
            full_name="Someone Else",
            email="ADA@example.org",
            level="expert",
        )
    assert Participant.objects.filter(meeting=existing.meeting).count() == 1
    # The same person may attend another meeting.
    participant_add(
        actor=staff,
        meeting=MeetingFactory(),
        full_name="Ada Lovelace",
        level="expert",
        status="attended",
    )


def test_a_document_version_is_a_file_or_a_text_never_both(staff):
    version = meeting_document(MeetingFactory())
    both = DocumentVersion(
        document=version.document,
        number=2,
        body="Text",
        file=ContentFile(MINIMAL_PDF, name="x.pdf"),
        created_by=staff,
    )
    with pytest.raises(ValidationError):
        both.full_clean()
    neither = DocumentVersion(document=version.document, number=2, created_by=staff)
    with pytest.raises(ValidationError):
        neither.full_clean()
