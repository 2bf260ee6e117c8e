"""Pilot records: status moves, steps, supporting organisations, task team, focal points."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from base.errors import IllegalTransition, NotPermitted
from pilots.choices import PILOT_STATUS_MOVES, PilotStatus, StepStatus, SupportRole
from pilots.models import FocalPoint, Pilot, PilotStatusChange, PilotSupport, TaskTeamMember
from pilots.services import (
    focal_point_link,
    focal_point_unlink,
    pilot_step_update,
    pilot_support_create,
    pilot_support_end,
    pilot_transition,
    task_team_member_add,
    task_team_member_remove,
)
from portal.workprogramme.landscape import build_landscape
from tests.factories import OrganisationFactory, PilotFactory, UserFactory

pytestmark = pytest.mark.django_db

P = PilotStatus
LEGAL = [(a, b) for a in P.values for b in P.values if b in PILOT_STATUS_MOVES[a]]
ILLEGAL = [(a, b) for a in P.values for b in P.values if b not in PILOT_STATUS_MOVES[a]]


@pytest.mark.parametrize(("from_status", "to_status"), LEGAL)
def test_legal_pilot_moves_are_recorded(secretariat_user, ghana, from_status, to_status):
    pilot = PilotFactory(country=ghana, status=from_status)
    change = pilot_transition(
        actor=secretariat_user, pilot=pilot, to_status=to_status, reason="Decided by the IATT."
    )
    pilot.refresh_from_db()
    assert pilot.status == to_status
    assert (change.from_status, change.to_status, change.actor) == (
        from_status,
        to_status,
        secretariat_user,
    )
    assert change.reason == "Decided by the IATT."


@pytest.mark.parametrize(("from_status", "to_status"), ILLEGAL)
def test_illegal_pilot_moves_are_refused(secretariat_user, ghana, from_status, to_status):
    pilot = PilotFactory(country=ghana, status=from_status)
    with pytest.raises(IllegalTransition):
        pilot_transition(actor=secretariat_user, pilot=pilot, to_status=to_status)
    assert Pilot.objects.get(pk=pilot.pk).status == from_status
    assert not PilotStatusChange.objects.exists()


@pytest.mark.parametrize("actor", ["focal_point_user", "reviewer_user"])
def test_only_the_secretariat_moves_pilots(request, ghana, actor):
    pilot = PilotFactory(country=ghana, status=P.ACTIVE)
    with pytest.raises(NotPermitted):
        pilot_transition(actor=request.getfixturevalue(actor), pilot=pilot, to_status=P.WITHDRAWN)


def test_steps_record_progress_and_refuse_impossible_dates(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana)
    row = pilot_step_update(
        actor=secretariat_user, pilot=pilot, step=1, status=StepStatus.IN_PROGRESS
    )
    assert row.started_on is not None
    row = pilot_step_update(
        actor=secretariat_user,
        pilot=pilot,
        step=1,
        status=StepStatus.DONE,
        started_on=dt.date(2020, 1, 1),
        completed_on=dt.date(2020, 6, 1),
    )
    assert row.status == StepStatus.DONE and pilot.steps.count() == 1
    with pytest.raises(ValidationError):
        pilot_step_update(actor=secretariat_user, pilot=pilot, step=2, status=StepStatus.DONE)
    with pytest.raises(ValidationError):
        pilot_step_update(
            actor=secretariat_user,
            pilot=pilot,
            step=3,
            status=StepStatus.DONE,
            started_on=dt.date(2020, 6, 1),
            completed_on=dt.date(2020, 1, 1),
        )


def test_current_step_is_the_first_step_not_done(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana)
    assert Pilot.objects.with_progress().get(pk=pilot.pk).current_step == 1
    for step in (1, 2):
        pilot_step_update(
            actor=secretariat_user,
            pilot=pilot,
            step=step,
            status=StepStatus.DONE,
            completed_on=dt.date(2020, 1, step),
        )
    annotated = Pilot.objects.with_progress().get(pk=pilot.pk)
    assert (annotated.steps_done, annotated.current_step) == (2, 3)


def test_support_roles_change_over_time(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana)
    org = OrganisationFactory()
    support = pilot_support_create(
        actor=secretariat_user, pilot=pilot, organisation=org, role=SupportRole.SUPPORTER,
        start_on=dt.date(2020, 1, 1),
    )  # fmt: skip
    ended = pilot_support_end(actor=secretariat_user, support=support)
    assert ended.end_on is not None
    with pytest.raises(IllegalTransition):
        pilot_support_end(actor=secretariat_user, support=support)
    with pytest.raises(ValidationError):
        pilot_support_create(
            actor=secretariat_user, pilot=pilot, organisation=org, role=SupportRole.DONOR,
            start_on=dt.date(2021, 1, 1), end_on=dt.date(2020, 1, 1),
        )  # fmt: skip


def test_task_team_members_are_added_once_and_removed(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana)
    org = OrganisationFactory()
    member = task_team_member_add(
        actor=secretariat_user, pilot=pilot, organisation=org, role="chair"
    )
    with pytest.raises(ValidationError):
        task_team_member_add(actor=secretariat_user, pilot=pilot, organisation=org, role="member")
    task_team_member_remove(actor=secretariat_user, member=member)
    assert not TaskTeamMember.objects.exists()


def test_focal_point_link_scopes_and_unlink_ends_the_scope(secretariat_user, ghana):
    person = UserFactory()
    link = focal_point_link(actor=secretariat_user, user=person, country=ghana)
    person = type(person).objects.get(pk=person.pk)
    assert person.is_focal_point and person.country_ids == {ghana.pk}
    with pytest.raises(IllegalTransition):
        focal_point_link(actor=secretariat_user, user=person, country=ghana)
    focal_point_unlink(actor=secretariat_user, link=link)
    person = type(person).objects.get(pk=person.pk)
    assert person.country_ids == frozenset()
    assert not FocalPoint.objects.current().filter(user=person).exists()


def test_a_support_recorded_on_the_pilot_page_carries_its_steps_into_the_landscape(
    staff_client, ghana
):
    """The pilot page and the work programme write support through one service, so a
    support added on the pilot page is no gap in the landscape for the steps it covers."""
    pilot = PilotFactory(country=ghana)
    org = OrganisationFactory()
    response = staff_client.post(
        f"/pilots/{pilot.pk}/supports/",
        {
            "support-organisation": org.pk,
            "support-role": SupportRole.SUPPORTER,
            "support-steps": ["1", "2"],
            "support-goals": ["9"],
        },
    )
    assert response.status_code == 302
    support = PilotSupport.objects.select_related("scope").get(pilot=pilot)
    assert (support.scope.steps, support.scope.goals) == ([1, 2], [9])
    landscape = build_landscape(
        supports=PilotSupport.objects.select_related("organisation", "scope"),
        pilots=Pilot.objects.filter(pk=pilot.pk),
    )
    assert {flag.step for flag in landscape.gaps} == {3, 4, 5, 6}


def test_a_support_and_its_scope_are_written_together_or_not_at_all(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana)
    with pytest.raises(ValidationError):
        pilot_support_create(
            actor=secretariat_user, pilot=pilot, organisation=OrganisationFactory(),
            role=SupportRole.SUPPORTER, steps=[9],
        )  # fmt: skip
    assert not pilot.supports.exists()


def test_only_the_secretariat_records_support(focal_point_user, ghana):
    pilot = PilotFactory(country=ghana)
    with pytest.raises(NotPermitted):
        pilot_support_create(
            actor=focal_point_user, pilot=pilot, organisation=OrganisationFactory(),
            role=SupportRole.SUPPORTER, steps=[1],
        )  # fmt: skip
    assert not pilot.supports.exists()
