"""Milestone reminders: the rules (when, to whom, which are critical) and the services the
Celery tasks call: `reminder_sweep` (find and claim what is due), `reminder_recover` (take up
claims whose worker or queued message was lost) and `reminder_deliver` (send claimed reminders).

What is promised: each reminder (milestone, due date, occurrence, recipient) is claimed once,
and handed to the mail server once per attempt that the database records as sent. A reminder
is sent twice only if a worker dies after the mail server accepted it and before the row was
marked sent (a window of one UPDATE); it is then sent once more, after the lease, under the
same Message-ID, which mail servers and clients use to show it once.

Why it is built this way:
- The sweep computes every due reminder in one SQL statement and claims it with
  INSERT ... ON CONFLICT DO NOTHING against the unique (milestone, due date, occurrence,
  recipient) constraint of `ReminderDelivery`. Two sweeps at once, or one run twice, claim each
  reminder once; the query count does not depend on how many milestones there are.
- Claims are committed before anything is queued or sent.
- Sending first moves the row from "claimed" to "sending" (one UPDATE, committed, with a fresh
  attempt token and lease), then calls the mail server, then marks the row "sent". Only one
  worker can make that move, so a reminder queued twice is sent once; no row lock is held
  while the mail server is talking.
- A row left "claimed" (its queued message lost, the broker down) or "sending" (its worker
  killed) is taken up again once `settings.EMAIL_SEND_LEASE` (2 minutes) has passed, by a
  task that runs every minute. A lost "sending" attempt counts as an attempt.
- Mail-server failures are counted on the row (state in PostgreSQL) and retried by Celery
  with exponential backoff; after MAX_ATTEMPTS the row is marked failed.
- Nothing in the save path of a milestone talks to the broker: the sweep finds work in the
  database, so editing milestones works while Redis is down, and a missed sweep catches up.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from base.tasks import task_queue_after_commit
from programme.models import Milestone, ReminderDelivery, ReminderStatus
from programme.models.milestones import CRITICAL_WITHIN_DAYS, OPEN_STATUSES
from programme.notify import reminder_email

logger = logging.getLogger(__name__)

# The programme's default rules, used for kinds without a ReminderSchedule row: 14, 7 and 1
# days before, on the day (0), then every 7 days while overdue.
DEFAULT_DAYS_BEFORE: tuple[int, ...] = (14, 7, 1, 0)
DEFAULT_OVERDUE_EVERY_DAYS = 7
MAX_ATTEMPTS = 8
# Reminders per queued message: few broker round trips however many are due.
DELIVERY_CHUNK = 100
# The task that sends a chunk of claimed reminders (named: this module never imports tasks).
SEND_TASK = "programme.tasks.send_milestone_reminders"


def claim_lease() -> dt.timedelta:
    """How long a claim or a send attempt is left to its worker before it is taken up again."""
    return settings.EMAIL_SEND_LEASE


# Every reminder due today that is not yet claimed, computed and claimed in one statement.
# - rules: the milestone's own, else its kind's ReminderSchedule, else the defaults;
# - the occurrence due now is the latest one whose day has come: the last "every N days
#   overdue" step if the milestone is overdue by at least N days, otherwise the smallest
#   "days before" that is not after today (so a missed sweep sends the latest reminder, once);
#   once the date has passed, only the on-the-day reminder is still sent late, never a notice
#   "N days before";
# - recipients: active owners with an email address; muted people get critical ones only.
_CLAIM_SQL = """
WITH rules AS (
    SELECT m.id AS milestone_id, m.due_on,
           (m.due_on - %(today)s::date) AS days_left,
           COALESCE(m.reminder_days_before, rs.days_before, %(default_days)s::integer[]) AS days,
           COALESCE(
               m.reminder_overdue_every_days,
               CASE WHEN rs.id IS NULL THEN %(default_every)s ELSE rs.overdue_every_days END
           ) AS every
    FROM programme_milestone m
    LEFT JOIN programme_reminderschedule rs ON rs.kind = m.kind
    WHERE m.status = ANY(%(open)s) AND m.due_on IS NOT NULL
),
occurrences AS (
    SELECT r.milestone_id, r.due_on,
           COALESCE(
               CASE WHEN r.days_left < 0 AND r.every >= 1 AND -r.days_left >= r.every
                    THEN -((-r.days_left / r.every) * r.every) END,
               (SELECT min(d) FROM unnest(r.days) AS d
                WHERE d >= r.days_left AND (r.days_left >= 0 OR d = 0))
           ) AS days_before
    FROM rules r
)
INSERT INTO programme_reminderdelivery
    (milestone_id, recipient_id, due_on, days_before, status, claimed_at, attempts, last_error)
SELECT o.milestone_id, u.id, o.due_on, o.days_before, %(claimed)s, %(now)s, 0, ''
FROM occurrences o
JOIN programme_milestone_owners mo ON mo.milestone_id = o.milestone_id
JOIN programme_user u ON u.id = mo.user_id
WHERE o.days_before IS NOT NULL
  AND u.is_active AND u.email <> ''
  AND (o.days_before <= %(critical)s OR NOT u.mute_noncritical_reminders)
  -- Skips what earlier sweeps claimed (cheaper than a conflict per row); ON CONFLICT still
  -- settles a race between two sweeps running at once.
  AND NOT EXISTS (
      SELECT 1 FROM programme_reminderdelivery d
      WHERE d.milestone_id = o.milestone_id AND d.due_on = o.due_on
        AND d.days_before = o.days_before AND d.recipient_id = u.id
  )
ON CONFLICT (milestone_id, due_on, days_before, recipient_id) DO NOTHING
RETURNING id
"""


def reminder_sweep(*, today: dt.date | None = None, queue: bool = True) -> list[int]:
    """Claim every reminder due on `today` (and lost claims past their lease); after commit,
    queue them for sending in chunks. Returns the claimed delivery ids.

    A fixed number of queries whatever the number of milestones.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                _CLAIM_SQL,
                {
                    "today": today,
                    "default_days": list(DEFAULT_DAYS_BEFORE),
                    "default_every": DEFAULT_OVERDUE_EVERY_DAYS,
                    "open": [str(s) for s in OPEN_STATUSES],
                    "claimed": ReminderStatus.CLAIMED,
                    "now": now,
                    "critical": CRITICAL_WITHIN_DAYS,
                },
            )
            ids = [row[0] for row in cursor.fetchall()]
        ids += _recover(now)
        if queue:
            _queue_after_commit(ids)
    if ids:
        logger.info("Reminder sweep for %s claimed %d reminder(s).", today, len(ids))
    return ids


def reminder_recover(*, queue: bool = True) -> list[int]:
    """Claim again the reminders whose claim or send attempt outlived its lease (a worker
    killed, a queued message lost, the broker down) and queue them; returns their ids."""
    with transaction.atomic():
        ids = _recover(timezone.now())
        if queue:
            _queue_after_commit(ids)
    if ids:
        logger.info("Took up %d reminder(s) whose worker was lost.", len(ids))
    return ids


_LOST = "The worker sending this reminder was lost; it may have been sent."

# Claims and send attempts past their lease, in one statement each so two recoveries at once
# count a lost attempt once (the second re-reads the row, finds it renewed, and skips it). A
# "sending" row whose lease ran out was an attempt that died: it counts, so a message that
# kills its worker every time ends as failed instead of going round for ever.
_RECOVER_SQL = """
UPDATE programme_reminderdelivery
SET status = CASE WHEN attempts + (status = %(sending)s)::int >= %(max)s
                  THEN %(failed)s ELSE %(claimed)s END,
    claimed_at = %(now)s,
    attempt_token = NULL,
    attempts = attempts + (status = %(sending)s)::int,
    last_error = CASE WHEN status = %(sending)s THEN %(lost)s ELSE last_error END
WHERE status = ANY(%(unsent)s) AND claimed_at < %(expired)s
RETURNING id, status
"""


def _recover(now: dt.datetime) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            _RECOVER_SQL,
            {
                "sending": ReminderStatus.SENDING,
                "claimed": ReminderStatus.CLAIMED,
                "failed": ReminderStatus.FAILED,
                "max": MAX_ATTEMPTS,
                "now": now,
                "lost": _LOST,
                "unsent": [ReminderStatus.CLAIMED, ReminderStatus.SENDING],
                "expired": now - claim_lease(),
            },
        )
        return sorted(pk for pk, status in cursor.fetchall() if status == ReminderStatus.CLAIMED)


def _queue_after_commit(ids: list[int]) -> None:
    # If the broker is down the claims stay and are taken up after the lease.
    for start in range(0, len(ids), DELIVERY_CHUNK):
        task_queue_after_commit(SEND_TASK, ids[start : start + DELIVERY_CHUNK])


class ReminderSendFailed(Exception):
    """Some reminders of a batch could not be sent (the mail server failed); retry them."""


def reminder_deliver(*, delivery_ids: Sequence[int], today: dt.date | None = None) -> int:
    """Send the claimed reminders `delivery_ids` that are not sent yet; returns how many.

    Each row moves to "sending" (committed) before its email goes out and to "sent" right
    after, so a reminder queued twice is sent once. Failures are recorded on the row, which
    goes back to "claimed", and raised together at the end (ReminderSendFailed) so the task
    retries with backoff; rows already sent are skipped on the retry.
    """
    today = today or timezone.localdate()
    # Everything an email needs, read once for the whole batch.
    deliveries = {
        d.pk: d
        for d in ReminderDelivery.objects.filter(
            pk__in=delivery_ids, status=ReminderStatus.CLAIMED
        ).select_related("recipient", "milestone__country")
    }
    milestones = Milestone.objects.with_subjects().in_bulk(
        {d.milestone_id for d in deliveries.values()}
    )
    sent, failures = 0, []
    # Opened on the first send, so a mail server that is down fails (and is recorded) per row.
    smtp = mail.get_connection()
    try:
        for pk, delivery in deliveries.items():
            delivery.milestone = milestones[delivery.milestone_id]
            token = uuid.uuid4()
            # One worker wins this move; it is committed before the mail server is called, so
            # a worker killed from here on leaves a row that says the message may be out.
            taken = ReminderDelivery.objects.filter(pk=pk, status=ReminderStatus.CLAIMED).update(
                status=ReminderStatus.SENDING, attempt_token=token, claimed_at=timezone.now()
            )
            if not taken:
                continue  # sent meanwhile, or being sent by another worker
            try:
                reminder_email(delivery, today=today, connection=smtp).send()
            except Exception as exc:  # the mail server's error, recorded on the row
                logger.warning("Reminder %s not sent: %s", pk, exc)
                ReminderDelivery.objects.filter(pk=pk, attempt_token=token).exclude(
                    status=ReminderStatus.SENT
                ).update(
                    status=ReminderStatus.CLAIMED,
                    attempts=F("attempts") + 1,
                    last_error=f"{type(exc).__name__}: {exc}"[:2000],
                    claimed_at=timezone.now(),
                )
                failures.append(pk)
                continue
            # Whichever attempt the mail server accepted, the reminder is out.
            ReminderDelivery.objects.filter(pk=pk).exclude(status=ReminderStatus.SENT).update(
                status=ReminderStatus.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
            )
            sent += 1
    finally:
        smtp.close()
    if failures:
        raise ReminderSendFailed(f"{len(failures)} reminder(s) not sent: {failures}")
    return sent
