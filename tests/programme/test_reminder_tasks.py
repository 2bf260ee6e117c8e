"""Reminders with the real Redis broker and a real Celery worker: once each, whatever happens."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.core import mail
from django.db import connections, transaction
from django.utils import timezone

from programme.choices import Role
from programme.models import ReminderDelivery, ReminderStatus
from programme.reminders import reminder_sweep
from tests.factories import MilestoneFactory, UserFactory
from tests.programme import flaky_mail

pytestmark = [pytest.mark.celery]


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def all_sent():
    return not ReminderDelivery.objects.exclude(status=ReminderStatus.SENT).exists()


@pytest.fixture
def due_milestones(transactional_db):
    """Five milestones each due for a reminder today, two owners each: 10 reminders."""
    today = timezone.localdate()
    owners = [UserFactory(email=f"o{i}@example.org", roles=[Role.SECRETARIAT]) for i in range(2)]
    return [
        MilestoneFactory(title=f"M{i}", due_on=today + dt.timedelta(days=d), owners=owners)
        for i, d in enumerate([14, 7, 1, 0, -7])
    ]


def test_a_sweep_run_twice_sends_each_reminder_once(celery_worker_real, due_milestones):
    first = reminder_sweep()
    second = reminder_sweep()
    assert len(first) == 10 and second == []
    assert wait_for(lambda: len(mail.outbox) >= 10 and all_sent())
    time.sleep(1)  # anything extra would arrive now
    assert len(mail.outbox) == 10
    pairs = {(m.to[0], m.subject) for m in mail.outbox}
    assert len(pairs) == 10


def test_concurrent_sweeps_send_each_reminder_once(celery_worker_real, due_milestones):
    results, errors = [], []
    barrier = threading.Barrier(3)

    def sweep():
        try:
            barrier.wait()
            results.append(reminder_sweep())
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    claimed = [pk for r in results for pk in r]
    assert len(claimed) == len(set(claimed)) == 10
    assert wait_for(lambda: len(mail.outbox) >= 10 and all_sent())
    time.sleep(1)
    assert len(mail.outbox) == 10


def test_a_crash_after_the_claim_is_recovered_by_the_next_sweep(celery_worker_real, due_milestones):
    # The claim is committed but the worker dies before anything is queued or sent.
    claimed = reminder_sweep(queue=False)
    assert len(claimed) == 10
    time.sleep(0.5)
    assert mail.outbox == []
    assert reminder_sweep() == []  # within the lease: nobody else takes them
    ReminderDelivery.objects.update(claimed_at=timezone.now() - dt.timedelta(minutes=16))
    assert sorted(reminder_sweep()) == sorted(claimed)
    assert wait_for(lambda: len(mail.outbox) >= 10 and all_sent())
    assert reminder_sweep() == []
    time.sleep(1)
    assert len(mail.outbox) == 10


def test_muted_reminders_are_skipped(celery_worker_real, due_milestones):
    muted = due_milestones[0].owners.first()
    muted.mute_noncritical_reminders = True
    muted.save()
    reminder_sweep()
    # The muted owner loses the 14- and 7-day notices only.
    assert wait_for(lambda: len(mail.outbox) >= 8 and all_sent())
    time.sleep(1)
    assert len(mail.outbox) == 8
    assert sum(1 for m in mail.outbox if m.to == [muted.email]) == 3


def test_a_rolled_back_transaction_queues_nothing(celery_worker_real, due_milestones, monkeypatch):
    from programme.tasks import send_milestone_reminders

    queued = []
    real_delay = send_milestone_reminders.delay

    def spy(ids):
        queued.append(ids)
        return real_delay(ids)

    monkeypatch.setattr(send_milestone_reminders, "delay", spy)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert len(reminder_sweep()) == 10
        raise RuntimeError("the request failed")
    time.sleep(2)
    assert queued == []
    assert mail.outbox == []
    assert not ReminderDelivery.objects.exists()  # the claims rolled back with it
    # The same sweep committed queues its reminders, and they arrive.
    reminder_sweep()
    assert len(queued) == 1
    assert wait_for(lambda: len(mail.outbox) >= 10 and all_sent())


def test_mail_server_failures_are_retried_with_backoff_and_recorded(
    celery_worker_real, transactional_db, settings
):
    settings.EMAIL_BACKEND = "tests.programme.flaky_mail.FlakyBackend"
    flaky_mail.FAILURES["left"] = 2
    owner = UserFactory(email="late@example.org", roles=[Role.SECRETARIAT])
    MilestoneFactory(title="Flaky", due_on=timezone.localdate(), owners=[owner])
    [pk] = reminder_sweep()
    assert wait_for(
        lambda: ReminderDelivery.objects.filter(pk=pk, status=ReminderStatus.SENT).exists(),
        timeout=60,
    )
    delivery = ReminderDelivery.objects.get(pk=pk)
    assert delivery.attempts == 3  # two failures recorded in PostgreSQL, then sent
    assert delivery.last_error == ""
    assert [m.to for m in mail.outbox] == [["late@example.org"]]
