"""The outbox: every email about a change is written with the change and sent by a worker, so
a broker outage delays email and never loses it, nor fails the request."""

from __future__ import annotations

import datetime as dt
import json
import socket

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone

from programme.choices import Role
from programme.models import OutboxEmail, OutboxStatus
from programme.outbox import outbox_enqueue, outbox_send, outbox_sweep
from roadmaps.choices import VersionStatus
from tests.factories import RoadmapFactory, RoadmapVersionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _later(minutes: int = 10) -> dt.datetime:
    return timezone.now() + dt.timedelta(minutes=minutes)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nobody listens there once the probe is closed


@pytest.fixture
def broker_down(settings):
    """Celery's broker is a port nobody listens on (Redis down)."""
    from config.celery import app

    closed = f"redis://127.0.0.1:{_closed_port()}/0"
    saved = app.conf.broker_url
    settings.CELERY_BROKER_URL = closed

    def use(url):
        app.conf.broker_url = url
        # Celery keeps its broker connections in pools; new ones are made for the new URL.
        app._pool = None
        app.amqp._producer_pool = None

    use(closed)
    try:
        yield
    finally:
        use(saved)


def test_the_broker_really_is_unreachable(broker_down):
    from programme.tasks import sweep_outbox_emails

    with pytest.raises(Exception):  # noqa: B017 - kombu's OperationalError, whatever its module
        sweep_outbox_emails.delay()


def test_a_submission_succeeds_with_the_broker_down_and_its_email_follows(
    broker_down, focal_point_client, focal_point_user, ghana, django_capture_on_commit_callbacks
):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, created_by=focal_point_user
    )
    url = reverse("roadmaps:version-move", args=[version.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = focal_point_client.post(url, {"to_status": "submitted"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED
    [row] = OutboxEmail.objects.all()
    assert row.status == OutboxStatus.PENDING and mail.outbox == []
    assert row.payload == {"transition": version.transitions.get().pk}  # ids, not the text

    assert outbox_sweep(now=_later()) == 1
    assert outbox_sweep(now=_later()) == 0
    [message] = mail.outbox
    assert message.to == ["secretariat@sti-roadmaps.test"]
    assert f"/roadmaps/versions/{version.pk}/" in message.body
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENT and row.sent_at is not None


def test_assigning_a_reviewer_succeeds_with_the_broker_down_and_the_email_follows(
    broker_down, staff_client, reviewer_user, ghana, django_capture_on_commit_callbacks
):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, status=VersionStatus.SUBMITTED
    )
    url = reverse("roadmaps:version-assessment", args=[version.pk])
    due = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url, {"action": "assign", "reviewer": reviewer_user.pk, "due_on": due}
        )
    assert response.status_code == 302
    [row] = OutboxEmail.objects.all()
    assert row.recipient == reviewer_user and row.status == OutboxStatus.PENDING
    assert mail.outbox == []

    outbox_sweep(now=_later())
    outbox_sweep(now=_later())
    [message] = mail.outbox
    assert message.to == [reviewer_user.email]
    assert "/roadmaps/reviews/" in message.body


def test_a_password_reset_succeeds_with_the_broker_down_and_the_link_follows(
    broker_down, client, django_capture_on_commit_callbacks
):
    user = UserFactory(username="amina", email="amina@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "amina@example.org"})
    assert response.status_code == 302
    [row] = OutboxEmail.objects.all()
    assert row.recipient == user and row.status == OutboxStatus.PENDING
    # Nothing of the email (and no reset link or token) is stored: only who it is for.
    assert row.payload == {} and "reset" not in json.dumps(row.payload)
    assert mail.outbox == []

    assert outbox_sweep(now=_later()) == 1
    assert outbox_sweep(now=_later()) == 0
    [message] = mail.outbox
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    page = client.get(link[link.index("/accounts/reset/") :], follow=True)
    assert b"new_password1" in page.content


def test_the_reset_task_carries_only_an_id_into_the_broker(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from programme.tasks import send_outbox_email

    queued = []
    monkeypatch.setattr(send_outbox_email, "delay", lambda *args: queued.append(args))
    UserFactory(username="amina", email="amina@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "amina@example.org"})
    assert queued == [(OutboxEmail.objects.get().pk,)]


def test_a_rolled_back_change_owes_no_email(focal_point_user, ghana, monkeypatch):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(kind="test.kind", key="k", recipient=focal_point_user)
        raise RuntimeError("the request failed")
    assert not OutboxEmail.objects.exists()


def test_the_same_key_is_owed_once(focal_point_user):
    assert outbox_enqueue(kind="test.kind", key="same", recipient=focal_point_user) is not None
    assert outbox_enqueue(kind="test.kind", key="same", recipient=focal_point_user) is None
    assert OutboxEmail.objects.count() == 1


def test_the_sweep_leaves_fresh_rows_to_their_task(focal_point_client, focal_point_user):
    from programme.services import password_reset_queue

    password_reset_queue(user=focal_point_user)
    assert outbox_sweep() == 0  # just written: its own task is on the way
    assert outbox_sweep(now=_later()) == 1


class WorkerKilled(BaseException):
    """A SIGKILL seen from inside: nothing after it runs."""


class KilledAfterAcceptBackend(EmailBackend):
    def send_messages(self, messages):
        super().send_messages(messages)
        raise WorkerKilled


def test_a_worker_killed_mid_send_resends_the_same_message_after_the_lease(
    focal_point_user, settings
):
    from programme.services import password_reset_queue

    password_reset_queue(user=focal_point_user)
    row = OutboxEmail.objects.get()
    settings.EMAIL_BACKEND = f"{__name__}.KilledAfterAcceptBackend"
    with pytest.raises(WorkerKilled):
        outbox_send(row_id=row.pk)
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENDING
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_send(row_id=row.pk) is False  # a second worker does not send it meanwhile
    assert outbox_sweep(now=timezone.now() + dt.timedelta(minutes=1)) == 0  # within the lease
    assert outbox_sweep(now=timezone.now() + dt.timedelta(minutes=3)) == 1
    first, second = mail.outbox
    assert first.message()["Message-ID"] == second.message()["Message-ID"]
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENT and row.attempts == 2


def test_a_mail_server_failure_is_recorded_and_retried(focal_point_user, settings):
    from programme.outbox import OutboxSendFailed
    from programme.services import password_reset_queue
    from tests.programme import flaky_mail

    password_reset_queue(user=focal_point_user)
    row = OutboxEmail.objects.get()
    settings.EMAIL_BACKEND = "tests.programme.flaky_mail.FlakyBackend"
    flaky_mail.FAILURES["left"] = 1
    with pytest.raises(OutboxSendFailed):
        outbox_send(row_id=row.pk)
    row.refresh_from_db()
    assert row.status == OutboxStatus.PENDING and row.attempts == 1
    assert "SMTPServerDisconnected" in row.last_error
    assert outbox_send(row_id=row.pk) is True
    assert len(mail.outbox) == 1


def test_an_email_about_something_gone_is_dropped(staff_client, reviewer_user, ghana):
    from roadmaps.notifications import review_assignment_queue
    from tests.factories import ReviewAssignmentFactory

    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    assignment = ReviewAssignmentFactory(version=version, reviewer=reviewer_user)
    review_assignment_queue(assignment=assignment)
    assignment.delete()
    assert outbox_sweep(now=_later()) == 0
    assert OutboxEmail.objects.get().status == OutboxStatus.DROPPED
    assert mail.outbox == []


def test_a_returned_version_is_owed_to_each_focal_point_once(staff_client, focal_point_user, ghana):
    other = UserFactory(
        email="fp2@example.org", roles=[Role.FOCAL_POINT], countries=[ghana], language="fr"
    )
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana),
        number=1,
        status=VersionStatus.UNDER_REVIEW,
        created_by=focal_point_user,
    )
    url = reverse("roadmaps:version-move", args=[version.pk])
    staff_client.post(url, {"to_status": "returned", "comment": "Add costs."})
    assert sorted(OutboxEmail.objects.values_list("recipient", flat=True)) == sorted(
        [focal_point_user.pk, other.pk]
    )
    assert outbox_sweep(now=_later()) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["fp2@example.org"].subject.startswith("[Feuilles de route STI]")


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_with_the_broker_up_the_task_sends_the_email_once(celery_worker_real, client):
    import time

    UserFactory(username="amina", email="amina@example.org")
    response = client.post(reverse("password_reset"), {"email": "amina@example.org"})
    assert response.status_code == 302
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not OutboxEmail.objects.filter(status="sent").exists():
        time.sleep(0.1)
    row = OutboxEmail.objects.get()
    assert row.status == OutboxStatus.SENT and row.attempts == 1
    assert outbox_sweep(now=_later()) == 0  # the sweep finds nothing left to do
    time.sleep(1)  # anything extra would arrive now
    [message] = mail.outbox
    assert message.to == ["amina@example.org"] and "/accounts/reset/" in message.body


def test_every_periodic_task_is_a_registered_task(settings):
    from config.celery import app

    app.loader.import_default_modules()
    missing = [
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] not in app.tasks
    ]
    assert missing == []
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "programme.tasks.sweep_outbox_emails",
        "programme.tasks.recover_milestone_reminders",
    } <= tasks
