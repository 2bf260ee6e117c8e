"""Pilots, cohorts and milestones kept on the web by the secretariat: a country's expression
of interest with its source, the status path checked by the service, cohorts, and a
milestone's own page that the timeline and reminder emails lead to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from base.errors import IllegalTransition, NotPermitted
from pilots.choices import PilotStatus
from pilots.models import Cohort, Country, FocalPoint, Pilot, PilotStatusChange
from pilots.services import (
    cohort_create,
    cohort_update,
    pilot_create,
    pilot_transition,
    pilot_update,
)
from programme.choices import Role
from programme.models import Milestone, ReminderDelivery
from programme.notify import reminder_email
from tests.factories import MilestoneFactory, PilotFactory, UserFactory
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db

EXPRESSED = dt.date(2019, 3, 1)


def _norway():
    return Country.objects.get(iso3="NOR")


def test_a_country_expressing_interest_becomes_an_interested_pilot(
    secretariat_user, reference_data
):
    pilot = pilot_create(
        actor=secretariat_user,
        country=_norway(),
        interest_expressed_on=EXPRESSED,
        interest_source_url="https://example.org/letter",
        reason="Letter to the IATT",
    )
    assert pilot.status == PilotStatus.INTERESTED
    [change] = PilotStatusChange.objects.filter(pilot=pilot)
    assert (change.from_status, change.to_status, change.actor) == (
        "",
        PilotStatus.INTERESTED,
        secretariat_user,
    )


@pytest.mark.parametrize(
    ("source", "date", "field"),
    [
        ({}, EXPRESSED, "interest_source_url"),
        ({"interest_source_reference": "Note verbale 12/2019"}, None, "interest_expressed_on"),
        (
            {"interest_source_reference": "Note"},
            dt.date.today() + dt.timedelta(days=3),
            "interest_expressed_on",
        ),
    ],
)
def test_an_expression_of_interest_needs_its_source_and_a_past_date(
    secretariat_user, reference_data, source, date, field
):
    with pytest.raises(ValidationError) as refused:
        pilot_create(
            actor=secretariat_user, country=_norway(), interest_expressed_on=date, **source
        )
    assert field in refused.value.message_dict
    assert not Pilot.objects.filter(country__iso3="NOR").exists()


def test_a_country_is_a_pilot_once(secretariat_user, ghana):
    PilotFactory(country=ghana)
    with pytest.raises(ValidationError) as twice:
        pilot_create(
            actor=secretariat_user,
            country=ghana,
            interest_expressed_on=EXPRESSED,
            interest_source_reference="x",
        )
    assert "country" in twice.value.message_dict


def test_only_the_secretariat_adds_and_edits_pilots_and_cohorts(focal_point_user, ghana):
    pilot = PilotFactory(country=ghana)
    with pytest.raises(NotPermitted):
        pilot_create(
            actor=focal_point_user,
            country=ghana,
            interest_expressed_on=EXPRESSED,
            interest_source_reference="x",
        )
    with pytest.raises(NotPermitted):
        pilot_update(actor=focal_point_user, pilot=pilot, phase="Phase 2")
    with pytest.raises(NotPermitted):
        cohort_create(actor=focal_point_user, name="C", started_on=EXPRESSED)


def test_the_new_pilot_moves_only_along_the_status_path(secretariat_user, reference_data):
    pilot = pilot_create(
        actor=secretariat_user,
        country=_norway(),
        interest_expressed_on=EXPRESSED,
        interest_source_reference="Letter",
    )
    with pytest.raises(IllegalTransition):
        pilot_transition(actor=secretariat_user, pilot=pilot, to_status=PilotStatus.ACTIVE)
    pilot_transition(actor=secretariat_user, pilot=pilot, to_status=PilotStatus.ACCEPTED)
    assert Pilot.objects.get(pk=pilot.pk).status == PilotStatus.ACCEPTED


def test_the_record_form_cannot_move_the_status(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    with pytest.raises(ValidationError) as refused:
        pilot_update(actor=secretariat_user, pilot=pilot, status=PilotStatus.IMPLEMENTING)
    assert "status" in refused.value.message_dict
    assert Pilot.objects.get(pk=pilot.pk).status == PilotStatus.ACTIVE


def test_a_pilot_record_keeps_its_source_whole(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana)
    with pytest.raises(ValidationError):
        pilot_update(actor=secretariat_user, pilot=pilot, interest_source_reference="Letter")
    pilot_update(
        actor=secretariat_user,
        pilot=pilot,
        interest_source_reference="Letter",
        interest_expressed_on=EXPRESSED,
        phase="Phase 1",
    )
    pilot.refresh_from_db()
    assert (pilot.phase, pilot.interest_expressed_on) == ("Phase 1", EXPRESSED)


def test_cohorts_are_added_and_corrected(secretariat_user):
    cohort = cohort_create(actor=secretariat_user, name="First cohort", started_on=EXPRESSED)
    cohort_update(actor=secretariat_user, cohort=cohort, name="2019 cohort")
    assert Cohort.objects.get(pk=cohort.pk).name == "2019 cohort"
    with pytest.raises(ValidationError):
        cohort_create(actor=secretariat_user, name="2019 cohort", started_on=EXPRESSED)


def test_the_pilot_form_page_answers_400_with_the_error_on_its_field(staff_client, ghana):
    page = staff_client.post(
        reverse("pilots:pilot-create"),
        {"country": ghana.pk, "interest_expressed_on": "2019-03-01"},
    )
    assert page.status_code == 400
    assert page.context["form"].errors["interest_source_url"]


def test_the_cohort_list_reads_the_same_queries_for_few_and_many(staff_client):
    url = reverse("pilots:cohort-list")
    staff_client.get(url)

    def count(n):
        for i in range(n):
            Cohort.objects.create(name=f"Cohort {n}-{i}", started_on=EXPRESSED)
        with queries_counted() as ctx:
            assert staff_client.get(url).status_code == 200
        return len(ctx)

    assert count(2) == count(12)


# --- Milestones ------------------------------------------------------------------------------


def test_the_secretariat_sets_a_milestones_dates_owners_status_and_reminders(
    staff_client, reviewer_user
):
    response = staff_client.post(
        reverse("programme:milestone-create"),
        {
            "title": "Guidebook consultation closes",
            "kind": "programme",
            "status": "planned",
            "due_on": "2027-02-01",
            "owners": [reviewer_user.pk],
            "reminder_days_before": "7, 1, 0",
            "reminder_overdue_every_days": "3",
        },
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get(title="Guidebook consultation closes")
    assert response["Location"] == reverse("programme:milestone-detail", args=[milestone.pk])
    assert list(milestone.owners.all()) == [reviewer_user]
    assert milestone.reminder_days_before == [7, 1, 0]
    page = staff_client.get(response["Location"]).content.decode()
    assert "7, 1, 0 days before" in page and "every 3 days" in page
    done = staff_client.post(
        reverse("programme:milestone-update", args=[milestone.pk]),
        {"title": milestone.title, "kind": "programme", "status": "done"},
    )
    assert done.status_code == 400  # done needs its date
    assert Milestone.objects.get(pk=milestone.pk).status == "planned"


def test_a_milestone_owned_by_someone_opens_for_them(reviewer_client, reviewer_user):
    mine = MilestoneFactory(owners=[reviewer_user])
    other = MilestoneFactory()
    assert (
        reviewer_client.get(reverse("programme:milestone-detail", args=[mine.pk])).status_code
        == 200
    )
    assert (
        reviewer_client.get(reverse("programme:milestone-detail", args=[other.pk])).status_code
        == 404
    )


def test_the_timeline_rows_and_the_reminder_email_lead_to_the_milestone_page(
    staff_client, secretariat_user
):
    milestone = MilestoneFactory(owners=[secretariat_user], is_public=True)
    detail = reverse("programme:milestone-detail", args=[milestone.pk])
    assert f'href="{detail}"' in staff_client.get(reverse("programme:timeline")).content.decode()
    delivery = ReminderDelivery.objects.create(
        milestone=Milestone.objects.with_subjects().get(pk=milestone.pk),
        recipient=secretariat_user,
        days_before=7,
        due_on=milestone.due_on,
    )
    message = reminder_email(delivery, today=milestone.due_on - dt.timedelta(days=7))
    assert detail in message.body and detail in message.alternatives[0][0]


def test_only_the_secretariat_opens_the_milestone_forms(focal_point_client, advisory_client):
    milestone = MilestoneFactory(is_public=True)
    for client in (focal_point_client, advisory_client):
        assert client.get(reverse("programme:milestone-create")).status_code == 403
        edit = reverse("programme:milestone-update", args=[milestone.pk])
        assert client.post(edit, {"title": "x"}).status_code == 403
    assert Milestone.objects.get(pk=milestone.pk).title == milestone.title


def test_people_list_reads_the_same_queries_for_few_and_many(staff_client, ghana):
    url = reverse("people:person-list")
    staff_client.get(url)

    def count(n):
        for _ in range(n):
            person = UserFactory(roles=[Role.FOCAL_POINT])
            FocalPoint.objects.create(user=person, country=ghana, since=EXPRESSED)
        with queries_counted() as ctx:
            assert staff_client.get(url).status_code == 200
        return len(ctx)

    assert count(2) == count(12)
