"""The outbox: the one way the site sends email about a change (workflow moves, review
requests, password resets). Reminders keep their own ledger, `ReminderDelivery`, built the
same way.

- `outbox_enqueue` is called inside the write's transaction and writes an `OutboxEmail` row
  (ids, never the text). After commit it queues `send_outbox_email`; if the broker is down the
  error is logged and the request still succeeds.
- `outbox_send` sends one row: it moves the row from "pending" to "sending" (committed, with
  an attempt token), renders the email in the row's language with the renderer its kind
  registered, sends it under a Message-ID made from the row, and marks it "sent".
- `outbox_sweep` (beat, every minute) sends rows left pending (the broker was down, a retry
  is due) and takes up rows whose worker died mid-send, once `settings.EMAIL_SEND_LEASE` has
  passed. A Redis outage only delays email.

What is promised: an email is written if and only if its change commits; it is handed to the
mail server once per attempt that the database records as sent. A worker that dies after the
mail server accepted the message and before the row is marked sent causes one resend after
the lease, under the same Message-ID, which mail servers and clients use to show it once.

Feature apps register a renderer per kind in their `AppConfig.ready()`
(`register_outbox_kind`), so this module imports no feature app.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from base.tasks import task_queue_after_commit
from programme.models import OutboxEmail, OutboxStatus, User

logger = logging.getLogger(__name__)


def stable_message_id(*parts: object) -> str:
    """A Message-ID made from what an email is (its row's natural key), never random: a
    resend after a lost worker carries the same one, so mail servers and clients show it once.
    """
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    domain = domain or urlsplit(settings.SITE_URL).hostname or "localhost"
    return "<" + ".".join(str(part) for part in parts) + f"@{domain}>"


MAX_ATTEMPTS = 8
# Rows one sweep sends at most: a long outage is worked off over a few minutes, not in one
# task that outlives its own lease.
SWEEP_LIMIT = 200
# The task that sends one row (named, so this module never imports the task module).
SEND_TASK = "programme.tasks.send_outbox_email"

Renderer = Callable[[OutboxEmail], EmailMessage | None]
_RENDERERS: dict[str, Renderer] = {}


class OutboxSendFailed(Exception):
    """The mail server refused or failed an outbox email; the task retries it."""


def register_outbox_kind(kind: str, render: Renderer) -> None:
    """Say how emails of `kind` are written: `render(row)` returns the message (addressed to
    `row.address`), or None when what it was about is gone (the row is then dropped)."""
    _RENDERERS[kind] = render


def outbox_enqueue(
    *,
    kind: str,
    key: str,
    payload: dict | None = None,
    recipient: User | None = None,
    email: str = "",
    language: str = "",
) -> OutboxEmail | None:
    """Owe an email, inside the caller's transaction; returns the new row, or None if an email
    with this `key` is already owed or sent. Queued for sending once the transaction commits.

    `language` fixes the email's language; left empty, a person's emails are in theirs.
    """
    with transaction.atomic():
        row, created = OutboxEmail.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "payload": payload or {},
                "recipient": recipient,
                "email": "" if recipient is not None else email,
                "language": language,
            },
        )
        if not created:
            return None
        task_queue_after_commit(SEND_TASK, row.pk)
    return row


def outbox_message_id(row: OutboxEmail) -> str:
    """The one Message-ID of an outbox email, the same on every attempt."""
    return stable_message_id("outbox", row.kind, row.message_uuid.hex)


def outbox_send(*, row_id: int) -> bool:
    """Send the outbox email `row_id` if it is still pending; True if this call sent it.

    Raises OutboxSendFailed (after recording the error on the row) when the mail server
    fails, so the task retries with backoff.
    """
    token = uuid.uuid4()
    # One worker wins this move; it is committed before the mail server is called, so a worker
    # killed from here on leaves a row that says the message may be out.
    taken = OutboxEmail.objects.filter(pk=row_id, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, attempt_token=token, claimed_at=timezone.now()
    )
    if not taken:
        return False  # sent meanwhile, being sent by another worker, or given up
    row = OutboxEmail.objects.select_related("recipient").get(pk=row_id)
    mine = OutboxEmail.objects.filter(pk=row_id, attempt_token=token)
    render = _RENDERERS.get(row.kind)
    if render is None:
        mine.update(status=OutboxStatus.FAILED, last_error=f"No renderer for {row.kind!r}.")
        logger.error("Outgoing email %s has the unknown kind %r.", row_id, row.kind)
        return False
    try:
        with translation.override(_language(row)):
            message = render(row) if row.address else None
        if message is None:
            mine.update(status=OutboxStatus.DROPPED, last_error="")
            return False
        message.extra_headers["Message-ID"] = outbox_message_id(row)
        message.send()
    except Exception as exc:  # the mail server's error (or a template's), recorded on the row
        logger.warning("Outgoing email %s not sent: %s", row_id, exc)
        attempts = row.attempts + 1
        mine.exclude(status=OutboxStatus.SENT).update(
            status=OutboxStatus.FAILED if attempts >= MAX_ATTEMPTS else OutboxStatus.PENDING,
            attempts=attempts,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            claimed_at=timezone.now(),
        )
        raise OutboxSendFailed(f"Outgoing email {row_id} not sent: {exc}") from exc
    # Whichever attempt the mail server accepted, the email is out.
    OutboxEmail.objects.filter(pk=row_id).exclude(status=OutboxStatus.SENT).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return True


def _language(row: OutboxEmail) -> str:
    # A person's emails follow the language they read the site in when the email is written;
    # an address with no account gets the row's language, else the site's.
    if row.language:
        return row.language
    return row.recipient.email_language if row.recipient_id else settings.LANGUAGE_CODE


def outbox_sweep(*, now: dt.datetime | None = None, limit: int = SWEEP_LIMIT) -> int:
    """Send what is left pending for longer than the lease (the broker was down, a retry is
    due) and take up sends whose worker died; returns how many were sent."""
    now = now or timezone.now()
    expired = now - settings.EMAIL_SEND_LEASE
    # A "sending" row past its lease is an attempt that died: it counts, so an email that
    # kills its worker every time ends as failed instead of going round for ever.
    OutboxEmail.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=expired).update(
        status=OutboxStatus.PENDING,
        attempts=F("attempts") + 1,
        last_error="The worker sending this email was lost; it may have been sent.",
    )
    OutboxEmail.objects.filter(status=OutboxStatus.PENDING, attempts__gte=MAX_ATTEMPTS).update(
        status=OutboxStatus.FAILED
    )
    due = (
        OutboxEmail.objects.filter(status=OutboxStatus.PENDING)
        .filter(Q(claimed_at__lt=expired) | Q(claimed_at__isnull=True, created_at__lt=expired))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for row_id in list(due):
        try:
            sent += outbox_send(row_id=row_id)
        except OutboxSendFailed:
            # Recorded on the row. The mail server is likely down for the rest too: stop
            # rather than wait out its timeout once per row; the next sweep goes on.
            break
    if sent:
        logger.info("Outbox sweep sent %d email(s).", sent)
    return sent
