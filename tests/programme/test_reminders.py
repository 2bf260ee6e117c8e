"""Reminder rules, the sweep's claims, the email, muting, and validation of reminder rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from programme.choices import MilestoneKind, MilestoneStatus, Role
from programme.models import Milestone, ReminderDelivery, ReminderSchedule, ReminderStatus
from programme.notify import due_in_words, mute_token
from programme.reminders import reminder_deliver, reminder_sweep
from programme.services import milestone_attach, milestone_create, milestone_update
from tests.factories import MilestoneFactory, UserFactory
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def owner(db):
    return UserFactory(username="owner", email="owner@example.org", roles=[Role.SECRETARIAT])


def due(days: int, **kwargs) -> Milestone:
    return MilestoneFactory(due_on=TODAY + dt.timedelta(days=days), **kwargs)


def claimed(today=TODAY) -> list[tuple[str, int]]:
    ids = reminder_sweep(today=today, queue=False)
    return sorted(
        ReminderDelivery.objects.filter(pk__in=ids).values_list("milestone__title", "days_before")
    )


@pytest.mark.parametrize(
    ("days_left", "occurrence"),
    [
        (20, None),  # not yet
        (14, 14),
        (10, 14),  # a missed sweep catches up with the latest reminder
        (7, 7),
        (1, 1),
        (0, 0),
        (-3, 0),  # overdue by less than a week: the on-the-day reminder, late
        (-7, -7),
        (-16, -14),  # every 7 days while overdue
    ],
)
def test_default_rules_pick_the_latest_due_occurrence(owner, days_left, occurrence):
    due(days_left, title="M", owners=[owner])
    assert claimed() == ([] if occurrence is None else [("M", occurrence)])


def test_each_occurrence_is_claimed_once_and_the_next_one_when_its_day_comes(owner):
    due(14, title="M", owners=[owner])
    assert claimed() == [("M", 14)]
    assert claimed() == []
    assert claimed(TODAY + dt.timedelta(days=6)) == []
    assert claimed(TODAY + dt.timedelta(days=7)) == [("M", 7)]
    assert claimed(TODAY + dt.timedelta(days=21)) == [("M", -7)]
    assert claimed(TODAY + dt.timedelta(days=22)) == []


def test_done_cancelled_and_undated_milestones_and_ownerless_ones_are_not_reminded(owner):
    due(0, title="done", status=MilestoneStatus.DONE, completed_on=TODAY, owners=[owner])
    due(0, title="cancelled", status=MilestoneStatus.CANCELLED, owners=[owner])
    MilestoneFactory(title="undated", due_on=None, owners=[owner])
    due(0, title="nobody")
    inactive = UserFactory(is_active=False, roles=[Role.SECRETARIAT])
    due(0, title="inactive owner", owners=[inactive])
    due(0, title="slipped", status=MilestoneStatus.SLIPPED, owners=[owner])
    assert claimed() == [("slipped", 0)]


def test_rules_per_kind_then_per_milestone(owner):
    ReminderSchedule.objects.create(
        kind=MilestoneKind.REVIEW, days_before=[3], overdue_every_days=None
    )
    due(3, title="review", kind=MilestoneKind.REVIEW, owners=[owner])
    due(-30, title="review late", kind=MilestoneKind.REVIEW, owners=[owner])
    due(14, title="review 14", kind=MilestoneKind.REVIEW, owners=[owner])
    due(5, title="own rule", reminder_days_before=[5], owners=[owner])
    due(-4, title="own overdue", reminder_overdue_every_days=2, owners=[owner])
    assert claimed() == [("own overdue", -4), ("own rule", 5), ("review", 3)]


def test_a_rescheduled_milestone_is_reminded_for_its_new_date(owner, secretariat_user):
    milestone = due(7, title="M", owners=[owner])
    assert claimed() == [("M", 7)]
    milestone_update(actor=secretariat_user, milestone=milestone, due_on=TODAY)
    assert claimed() == [("M", 0)]


def test_muted_people_get_only_critical_reminders(owner):
    owner.mute_noncritical_reminders = True
    owner.save()
    due(14, title="14", owners=[owner])
    due(7, title="7", owners=[owner])
    due(1, title="1", owners=[owner])
    due(0, title="0", owners=[owner])
    due(-7, title="late", owners=[owner])
    assert claimed() == [("0", 0), ("1", 1), ("late", -7)]


def test_the_sweep_runs_the_same_queries_for_few_and_many_milestones(owner):
    def run(n, offset):
        for i in range(n):
            due(offset + i % 3 * 7, owners=[owner])
        with queries_counted() as ctx:
            ids = reminder_sweep(today=TODAY, queue=False)
        ReminderDelivery.objects.all().delete()
        Milestone.objects.all().delete()
        return len(ctx), len(ids)

    few = run(2, 0)
    many = run(30, 0)
    assert few[1] == 2 and many[1] == 30
    assert few[0] == many[0]


def test_lost_claims_are_claimed_again_after_the_lease(owner):
    due(0, title="M", owners=[owner])
    [pk] = reminder_sweep(today=TODAY, queue=False)  # claimed, then the worker died
    assert reminder_sweep(today=TODAY, queue=False) == []  # still within its lease
    ReminderDelivery.objects.filter(pk=pk).update(
        claimed_at=ReminderDelivery.objects.get(pk=pk).claimed_at - dt.timedelta(minutes=16)
    )
    assert reminder_sweep(today=TODAY, queue=False) == [pk]
    assert reminder_deliver(delivery_ids=[pk], today=TODAY) == 1
    assert reminder_deliver(delivery_ids=[pk], today=TODAY) == 0
    assert len(mail.outbox) == 1


def test_the_email_has_the_item_the_date_in_words_and_the_way_to_mute(ghana, reviewer_user):
    from tests.factories import ReviewAssignmentFactory, RoadmapFactory, RoadmapVersionFactory

    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    assignment = ReviewAssignmentFactory(version=version, reviewer=reviewer_user)
    Milestone.objects.filter(pk=assignment.milestone_id).update(due_on=TODAY + dt.timedelta(7))
    reviewer_user.email = "rev@example.org"
    reviewer_user.save()
    ids = reminder_sweep(today=TODAY, queue=False)
    reminder_deliver(delivery_ids=ids, today=TODAY)
    [message] = mail.outbox
    assert message.to == ["rev@example.org"]
    assert "due in 7 days, on Friday 4 December 2026" in message.body
    assert f"/roadmaps/reviews/{assignment.pk}/" in message.body  # the review itself
    assert "/reminders/mute/" in message.body
    html = message.alternatives[0][0]
    assert f"/roadmaps/reviews/{assignment.pk}/" in html and "/reminders/mute/" in html
    assert "Review assignment" in message.body
    # "Open it" leads to the milestone's own page, which opens for its owner.
    page = reverse("programme:milestone-detail", args=[assignment.milestone_id])
    assert page in message.body and page in html


def test_due_in_words():
    assert due_in_words(TODAY, TODAY) == "due today, Friday 27 November 2026"
    assert due_in_words(TODAY, TODAY - dt.timedelta(1)).startswith("due tomorrow")
    assert due_in_words(TODAY, TODAY + dt.timedelta(1)).startswith("overdue by 1 day ")


# --- Validation ---------------------------------------------------------------------------


def test_negative_days_and_zero_repeat_are_refused_by_the_model():
    milestone = MilestoneFactory.build(reminder_days_before=[7, -1])
    with pytest.raises(ValidationError) as exc:
        milestone.full_clean()
    assert "reminder_days_before" in exc.value.message_dict
    schedule = ReminderSchedule(kind=MilestoneKind.PILOT, days_before=[-2], overdue_every_days=0)
    with pytest.raises(ValidationError) as exc:
        schedule.full_clean()
    assert {"days_before", "overdue_every_days"} <= set(exc.value.message_dict)


def test_an_owner_who_is_not_a_person_of_the_programme_is_refused_and_nothing_saved(
    secretariat_user,
):
    stranger = UserFactory(roles=[])
    partner = UserFactory(roles=[Role.PARTNER])
    for owners in ([stranger], [partner]):
        with pytest.raises(ValidationError) as exc:
            milestone_create(
                actor=secretariat_user,
                title="X",
                kind=MilestoneKind.PROGRAMME,
                due_on=TODAY,
                owners=owners,
            )
        assert "owners" in exc.value.message_dict
    assert not Milestone.objects.filter(title="X").exists()
    with pytest.raises(ValidationError):
        milestone_attach(title="Y", kind=MilestoneKind.REVIEW, due_on=TODAY, owners=[stranger])


def test_api_reports_bad_dates_rules_and_owners_as_field_errors(secretariat_user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(secretariat_user)
    stranger = UserFactory(roles=[])
    url = reverse("api:milestone-list")
    body = {
        "title": "T",
        "kind": "programme",
        "due_on": "27/11/2026",
        "reminder_days_before": [7, -1],
        "owners": [stranger.pk],
    }
    response = client.post(url, body, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"due_on", "reminder_days_before"} <= set(fields)
    # A date still to come whenever the test runs, so the new milestone is not overdue.
    due_on = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    body.update(due_on=due_on, reminder_days_before=[7, 0])
    response = client.post(url, body, format="json")
    assert response.status_code == 400
    assert "owners" in response.json()["error"]["fields"]
    assert not Milestone.objects.filter(title="T").exists()
    body["owners"] = [secretariat_user.pk]
    response = client.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["owners"] == [secretariat_user.pk]
    assert response.json()["is_overdue"] is False


# --- Muting -------------------------------------------------------------------------------


def test_the_mute_link_asks_first_then_mutes(client, owner):
    url = reverse("programme:reminder-mute", args=[mute_token(owner)])
    response = client.get(url)
    assert response.status_code == 200
    owner.refresh_from_db()
    assert owner.mute_noncritical_reminders is False  # a bare GET changes nothing
    response = client.post(url)
    assert response.status_code == 200
    owner.refresh_from_db()
    assert owner.mute_noncritical_reminders is True


def test_a_forged_mute_link_is_a_404(client, owner):
    token = mute_token(owner)
    assert (
        client.get(reverse("programme:reminder-mute", args=[token[:-2] + "xx"])).status_code == 404
    )
    assert client.post(reverse("programme:reminder-mute", args=["nonsense"])).status_code == 404
    owner.refresh_from_db()
    assert owner.mute_noncritical_reminders is False


def test_account_page_turns_muting_on_and_off(staff_client, secretariat_user):
    url = reverse("programme:account-reminders")
    assert staff_client.post(url, {"mute_noncritical": "on"}).status_code == 302
    secretariat_user.refresh_from_db()
    assert secretariat_user.mute_noncritical_reminders is True
    staff_client.post(url, {})
    secretariat_user.refresh_from_db()
    assert secretariat_user.mute_noncritical_reminders is False


def test_saving_a_milestone_never_calls_the_broker(secretariat_user, monkeypatch):
    """Redis down: writes still work, because the sweep finds work in the database."""
    from celery.app.task import Task

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(Task, "apply_async", broker_down)
    milestone = milestone_create(
        actor=secretariat_user,
        title="Saved while Redis is down",
        kind=MilestoneKind.PROGRAMME,
        due_on=TODAY,
        owners=[secretariat_user],
    )
    milestone_update(actor=secretariat_user, milestone=milestone, due_on=TODAY)
    assert Milestone.objects.filter(title="Saved while Redis is down").exists()
    # The reminder is found later from the database (claims stay when queueing fails).
    assert ReminderDelivery.objects.count() == 0
    reminder_sweep(today=TODAY, queue=False)
    assert ReminderDelivery.objects.filter(status=ReminderStatus.CLAIMED).count() == 1
