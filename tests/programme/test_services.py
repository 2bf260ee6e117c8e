"""Secretariat-kept records: every write service refuses other roles and saves nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from base.errors import NotPermitted
from egm.models import Meeting
from egm.services import meeting_create, meeting_update
from programme.models import Milestone, Organisation
from programme.services import (
    api_token_create,
    milestone_create,
    organisation_create,
    organisation_update,
)
from tests.factories import MeetingFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ORGANISATION = {"name": "Science Council", "acronym": "SC", "slug": "sc", "kind": "research"}
MILESTONE = {"title": "Draft roadmap", "kind": "pilot", "due_on": dt.date(2027, 6, 30)}
MEETING = {"kind": "egm", "title": "5th EGM", "sequence": 5, "status": "tbc"}


@pytest.mark.parametrize(
    "actor_name", ["reviewer_user", "focal_point_user", "advisory_user", "partner_user"]
)
def test_only_the_secretariat_keeps_the_programmes_records(request, actor_name):
    actor = request.getfixturevalue(actor_name)
    for create, fields in [
        (organisation_create, ORGANISATION),
        (milestone_create, MILESTONE),
        (meeting_create, MEETING),
    ]:
        with pytest.raises(NotPermitted):
            create(actor=actor, **fields)
    with pytest.raises(NotPermitted):
        api_token_create(actor=actor, user=actor, name="mine")
    organisation = OrganisationFactory(name="Old name")
    with pytest.raises(NotPermitted):
        organisation_update(actor=actor, organisation=organisation, name="New name")
    organisation.refresh_from_db()
    assert organisation.name == "Old name"
    assert not Milestone.objects.exists() and not Meeting.objects.exists()
    assert Organisation.objects.count() == 1


def test_the_secretariat_creates_and_updates_with_the_models_rules(secretariat_user):
    organisation = organisation_create(actor=secretariat_user, **ORGANISATION)
    assert organisation.pk and organisation.acronym == "SC"
    milestone = milestone_create(actor=secretariat_user, **MILESTONE)
    assert milestone.status == "planned"
    meeting = meeting_create(actor=secretariat_user, **MEETING)
    with pytest.raises(ValidationError) as exc:
        meeting_update(
            actor=secretariat_user,
            meeting=meeting,
            status="held",  # a held meeting needs its dates
        )
    assert "start_date" in exc.value.message_dict
    meeting.refresh_from_db()
    assert meeting.status == "tbc"
    with pytest.raises(ValidationError) as exc:
        organisation_update(actor=secretariat_user, organisation=organisation, colour="blue")
    assert exc.value.message_dict == {"colour": ["No such field."]}


def test_meeting_dates_in_the_wrong_order_are_refused(secretariat_user):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as exc:
        meeting_update(
            actor=secretariat_user,
            meeting=meeting,
            start_date=dt.date(2019, 5, 15),
            end_date=dt.date(2019, 5, 14),
        )
    assert "end_date" in exc.value.message_dict
