"""A country keeps its own record: the six steps and its task team's people (services, rules and
the pages that ask them). Who may open which page, for every role: tests/web/routes_pilots.py."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from base.errors import NotPermitted
from pilots import services
from pilots.choices import PilotKind, StepStatus, TaskTeamRole
from pilots.models import PilotStep, TaskTeamPerson
from pilots.rules import pilot_step_can_change, task_team_contact_visible
from programme.models import Organisation
from tests.factories import PilotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilot(ghana):
    return PilotFactory(country=ghana)


def test_focal_point_records_a_step_with_a_note_and_evidence(focal_point_user, pilot):
    row = services.pilot_step_update(
        actor=focal_point_user,
        pilot=pilot,
        step=2,
        status=StepStatus.DONE,
        started_on=dt.date(2020, 1, 6),
        completed_on=dt.date(2020, 6, 30),
        notes=" Validated by the task team. ",
        evidence_links=["https://example.org/report.pdf", "https://example.org/report.pdf", " "],
    )
    row.refresh_from_db()
    assert (row.status, row.notes) == (StepStatus.DONE, "Validated by the task team.")
    assert row.evidence_links == ["https://example.org/report.pdf"]
    # Kept in the history (who made it comes from the request: the page test below).
    assert row.history.count() == 1


def test_another_countrys_focal_point_may_not_record_a_step(other_focal_point_user, pilot):
    assert not pilot_step_can_change(other_focal_point_user, pilot)
    with pytest.raises(NotPermitted):
        services.pilot_step_update(
            actor=other_focal_point_user, pilot=pilot, step=1, status=StepStatus.IN_PROGRESS
        )
    assert not PilotStep.objects.exists()


def test_an_international_partners_record_is_the_secretariats(focal_point_user, reference_data):
    partner = PilotFactory(
        kind=PilotKind.INTERNATIONAL_PARTNER, country=None,
        organisation=Organisation.objects.create(name="European Union", slug="eu", kind="other"),
    )  # fmt: skip
    assert not pilot_step_can_change(focal_point_user, partner)


def test_a_bad_step_saves_nothing(focal_point_user, pilot):
    PilotStep.objects.create(pilot=pilot, step=3, status=StepStatus.IN_PROGRESS, notes="Before.")
    with pytest.raises(ValidationError) as caught:
        services.pilot_step_update(
            actor=focal_point_user,
            pilot=pilot,
            step=3,
            status=StepStatus.DONE,
            completed_on=dt.date(2021, 1, 1),
            notes="x" * 501,
            evidence_links=["not a link"],
        )
    assert {"notes", "evidence_links"} <= set(caught.value.message_dict)
    row = PilotStep.objects.get(pilot=pilot, step=3)
    assert (row.status, row.notes, row.evidence_links) == (StepStatus.IN_PROGRESS, "Before.", [])


def test_step_page_answers_400_with_the_form_and_saves_nothing(
    focal_point_client, focal_point_user, pilot
):
    url = reverse("pilots:step-edit", args=[pilot.pk, 1])
    response = focal_point_client.post(
        url, {"status": "done", "evidence_links": "ftp://example.org/x"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say when a finished step was completed." in page
    assert "pilot_step_done_has_date" not in page
    assert not PilotStep.objects.exists()
    saved = focal_point_client.post(url, {"status": "in_progress", "notes": "Kick-off held."})
    assert saved["Location"] == reverse("pilots:pilot-detail", args=[pilot.pk])
    row = PilotStep.objects.get(pilot=pilot, step=1)
    assert row.notes == "Kick-off held."
    assert row.history.latest().history_user == focal_point_user


def test_task_team_people_and_who_reads_their_contact(
    focal_point_user, other_focal_point_user, secretariat_user, advisory_user, pilot
):
    person = services.task_team_person_add(
        actor=focal_point_user, pilot=pilot, name="Ama Mensah", role=TaskTeamRole.CHAIR,
        organisation="Ministry of Environment, Science and Technology",
        contact="ama@example.org",
    )  # fmt: skip
    assert task_team_contact_visible(focal_point_user, pilot)
    assert task_team_contact_visible(secretariat_user, pilot)
    assert not task_team_contact_visible(other_focal_point_user, pilot)
    assert not task_team_contact_visible(advisory_user, pilot)
    # The same name twice (in any case) is a clear error, and nothing is added.
    with pytest.raises(ValidationError) as caught:
        services.task_team_person_add(
            actor=secretariat_user, pilot=pilot, name="AMA MENSAH", role=TaskTeamRole.MEMBER
        )
    assert caught.value.message_dict == {"name": ["This person is already on the task team."]}
    assert TaskTeamPerson.objects.count() == 1
    with pytest.raises(NotPermitted):
        services.task_team_person_remove(actor=other_focal_point_user, person=person)
    services.task_team_person_remove(actor=focal_point_user, person=person)
    assert not TaskTeamPerson.objects.exists()


def test_the_pilot_page_shows_contacts_only_to_the_country_and_the_secretariat(
    focal_point_client, other_focal_point_client, staff_client, pilot
):
    TaskTeamPerson.objects.create(pilot=pilot, name="Ama Mensah", contact="ama@example.org")
    url = reverse("pilots:pilot-detail", args=[pilot.pk])
    assert "ama@example.org" in focal_point_client.get(url).content.decode()
    assert "ama@example.org" in staff_client.get(url).content.decode()
    other = other_focal_point_client.get(url).content.decode()
    assert "Ama Mensah" in other
    assert "ama@example.org" not in other
    # No form of Ghana's, and no link to one, for Kenya's focal point.
    forms = ("pilots:team-person-add", "pilots:country-records-edit", "pilots:exchange-request")
    for name in forms:
        assert reverse(name, args=[pilot.pk]) not in other
    assert reverse("pilots:step-edit", args=[pilot.pk, 1]) not in other
    mine = focal_point_client.get(url).content.decode()
    assert reverse("pilots:team-person-add", args=[pilot.pk]) in mine
    assert reverse("pilots:step-edit", args=[pilot.pk, 1]) in mine


def test_the_country_reads_the_history_of_what_it_keeps_another_country_does_not(
    focal_point_client, other_focal_point_client, advisory_client, pilot
):
    focal_point_client.post(
        reverse("pilots:step-edit", args=[pilot.pk, 1]), {"status": "in_progress"}
    )
    url = reverse("pilots:pilot-detail", args=[pilot.pk])
    panel = 'id="audit-recent-pilots-pilotstep"'
    assert panel in focal_point_client.get(url).content.decode()
    assert panel not in other_focal_point_client.get(url).content.decode()
    assert panel not in advisory_client.get(url).content.decode()
    # The pilot's own record history stays the secretariat's.
    assert 'id="audit-history-heading"' not in focal_point_client.get(url).content.decode()


def test_the_history_of_a_steps_evidence_shows_on_the_page(focal_point_client, pilot):
    url = reverse("pilots:step-edit", args=[pilot.pk, 1])
    focal_point_client.post(url, {"status": "in_progress"})
    focal_point_client.post(
        url, {"status": "in_progress", "evidence_links": "https://example.org/scope.pdf"}
    )
    page = focal_point_client.get(reverse("pilots:pilot-detail", args=[pilot.pk]))
    assert page.status_code == 200
    assert "https://example.org/scope.pdf" in page.content.decode()
