"""Emails the site owes people, written in the transaction of the change they tell of."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    # Handed to the mail server by the attempt named in `attempt_token`; if that worker dies
    # the row stays here until its lease runs out (the message may or may not be out).
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (gave up)")
    DROPPED = "dropped", _("Not sent (what it was about is gone)")


class OutboxEmail(models.Model):
    """One email owed to someone: written with the change it tells of (so a rolled-back change
    owes nothing and a broker outage loses nothing) and sent by a worker afterwards.

    It holds what the email is about as ids (`payload`), never its text: the message is
    rendered when it is sent, so no reset link or other secret sits in the broker or here.
    `key` says what the email is (e.g. one transition to one person), so writing it twice
    owes it once.
    """

    kind = models.CharField(max_length=60)
    key = models.CharField(max_length=200, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_emails",
    )
    # For an address with no account (the secretariat's); a person's own address is read
    # from their account when the email is sent.
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=10, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When the last attempt started (the lease runs from here).
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    attempt_token = models.UUIDField(null=True, blank=True, editable=False)
    # The email's Message-ID is made from this, so a resend is recognisably the same message.
    message_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(email=""),
                name="outbox_has_an_addressee",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_unsent_idx",
                condition=Q(status__in=["pending", "sending"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def address(self) -> str:
        """Where the email goes now: the account's current address, else `email`."""
        return self.recipient.email if self.recipient_id else self.email
