"""A worker killed in the middle of sending a reminder: what is promised, and how soon the
reminder is taken up again.

The promise: a reminder is handed to the mail server at most once per successful send that
was recorded. A worker that dies after the mail server accepted the message and before the
row says "sent" leaves the row "sending"; once its short lease runs out the reminder is sent
again, under the same Message-ID, so mail servers and clients see the same message twice and
show it once.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from programme.choices import Role
from programme.models import ReminderDelivery, ReminderStatus
from programme.reminders import reminder_deliver, reminder_recover, reminder_sweep
from tests.factories import MilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2026, 11, 27)


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: nothing after it runs, no except clause sees it."""


class KilledAfterAcceptBackend(EmailBackend):
    """The mail server takes the message, then the worker dies before it can say so."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise WorkerKilled


@pytest.fixture
def one_reminder(db):
    owner = UserFactory(email="owner@example.org", roles=[Role.SECRETARIAT])
    MilestoneFactory(title="Report", due_on=TODAY, owners=[owner])
    [pk] = reminder_sweep(today=TODAY, queue=False)
    return pk


def _age(pk: int, minutes: float) -> None:
    ReminderDelivery.objects.filter(pk=pk).update(
        claimed_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_a_worker_killed_after_the_mail_server_accepted_resends_the_same_message(
    one_reminder, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.KilledAfterAcceptBackend"
    with pytest.raises(WorkerKilled):
        reminder_deliver(delivery_ids=[one_reminder], today=TODAY)
    row = ReminderDelivery.objects.get(pk=one_reminder)
    # The attempt was recorded before the mail server was called, so the row says the message
    # may be out, not "never tried".
    assert row.status == ReminderStatus.SENDING
    assert row.attempt_token is not None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminder_recover() == []  # within the lease: the worker may still be at it
    _age(one_reminder, minutes=3)  # a short lease, not the old 15 minutes
    assert reminder_recover() == [one_reminder]
    assert reminder_deliver(delivery_ids=[one_reminder], today=TODAY) == 1
    assert reminder_deliver(delivery_ids=[one_reminder], today=TODAY) == 0

    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert first.message()["Message-ID"] == second.message()["Message-ID"]
    row.refresh_from_db()
    assert row.status == ReminderStatus.SENT
    assert row.attempts == 2  # the lost attempt counts, so a message that kills workers ends


def test_every_reminder_has_its_own_stable_message_id(db, settings):
    owners = [UserFactory(email=f"o{i}@example.org", roles=[Role.SECRETARIAT]) for i in range(2)]
    MilestoneFactory(title="A", due_on=TODAY, owners=owners)
    MilestoneFactory(title="B", due_on=TODAY + dt.timedelta(days=7), owners=owners)
    ids = reminder_sweep(today=TODAY, queue=False)
    assert reminder_deliver(delivery_ids=ids, today=TODAY) == 4
    message_ids = {m.message()["Message-ID"] for m in mail.outbox}
    assert len(message_ids) == 4
    domain = "sti-roadmaps.test"
    assert all(mid.startswith("<reminder.") and mid.endswith(f"@{domain}>") for mid in message_ids)


def test_a_claim_never_picked_up_is_queued_again_after_the_short_lease(one_reminder, settings):
    # Claimed, but the broker lost the message (or was down): nothing was sent.
    _age(one_reminder, minutes=1)
    assert reminder_recover() == []
    _age(one_reminder, minutes=2.5)
    assert reminder_recover() == [one_reminder]
    assert ReminderDelivery.objects.get(pk=one_reminder).attempts == 0  # nothing was tried
    assert reminder_deliver(delivery_ids=[one_reminder], today=TODAY) == 1
    assert len(mail.outbox) == 1


def test_the_lease_is_a_setting(one_reminder, settings):
    settings.EMAIL_SEND_LEASE = dt.timedelta(minutes=10)
    _age(one_reminder, minutes=5)
    assert reminder_recover() == []
    _age(one_reminder, minutes=11)
    assert reminder_recover() == [one_reminder]


def test_a_mail_server_failure_puts_the_reminder_back_for_the_retry(one_reminder, settings):
    from tests.programme import flaky_mail

    settings.EMAIL_BACKEND = "tests.programme.flaky_mail.FlakyBackend"
    flaky_mail.FAILURES["left"] = 1
    with pytest.raises(Exception, match="not sent"):
        reminder_deliver(delivery_ids=[one_reminder], today=TODAY)
    row = ReminderDelivery.objects.get(pk=one_reminder)
    assert row.status == ReminderStatus.CLAIMED and row.attempts == 1
    assert "SMTPServerDisconnected" in row.last_error
    assert reminder_deliver(delivery_ids=[one_reminder], today=TODAY) == 1
    assert len(mail.outbox) == 1


def test_a_reminder_that_keeps_killing_its_worker_ends_as_failed(one_reminder):
    from programme.reminders import MAX_ATTEMPTS

    ReminderDelivery.objects.filter(pk=one_reminder).update(
        status=ReminderStatus.SENDING, attempts=MAX_ATTEMPTS - 1
    )
    _age(one_reminder, minutes=3)
    assert reminder_recover() == []
    row = ReminderDelivery.objects.get(pk=one_reminder)
    assert row.status == ReminderStatus.FAILED and row.attempts == MAX_ATTEMPTS
    assert "may have been sent" in row.last_error
