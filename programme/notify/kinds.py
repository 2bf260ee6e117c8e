"""The kinds of notification features send (a comment on my chapter, a meeting invitation, an
action item assigned to me...), how each is owed, rendered and muted; see the package's
docstring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext

from programme.models import NotificationMute, OutboxEmail, User
from programme.notify.links import absolute
from programme.outbox import outbox_enqueue, register_outbox_kind

NOTIFICATION_MUTE_SALT = "programme.notifications.mute"
# How long the mute link in a notification works (the settings page always does).
NOTIFICATION_MUTE_MAX_AGE = dt.timedelta(days=90)


@dataclass(frozen=True)
class Notification:
    """What one email says: `template` names a pair `<template>.txt` / `<template>.html`,
    each extending `programme/email/notification.{txt,html}`."""

    subject: str
    template: str
    url: str
    context: dict[str, Any] = field(default_factory=dict)
    attachments: tuple[tuple[str, bytes, str], ...] = ()


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: Any  # a lazy string: read in the reader's language
    render: Callable[[OutboxEmail], Notification | None]
    # Whether a person may mute it (an invitation that needs an answer is not muted).
    mutable: bool = True


_KINDS: dict[str, NotificationKind] = {}


@dataclass(frozen=True)
class KindTable:
    """One row of a feature's table of notification kinds: what it is called on the settings
    page, and how its email is built from an outbox row. `load` finds what the email is about
    (None once it is gone: nothing is sent); `subject`, `url`, `context` and `attachments`
    build the email from what `load` found."""

    label: Any  # a lazy string: read in the reader's language
    template: str
    load: Callable[[OutboxEmail], Any]
    subject: Callable[[Any], str]
    url: Callable[[Any], str]
    context: Callable[[Any], dict[str, Any]]
    attachments: Callable[[Any], tuple[tuple[str, bytes, str], ...]] | None = None
    # Whether a person may mute it (an invitation that needs an answer is not muted).
    mutable: bool = True

    def render(self, row: OutboxEmail) -> Notification | None:
        found = self.load(row)
        if found is None:
            return None
        return Notification(
            subject=self.subject(found),
            template=self.template,
            url=self.url(found),
            context=self.context(found),
            attachments=self.attachments(found) if self.attachments else (),
        )


def payload_lookup(queryset, name: str) -> Callable[[OutboxEmail], Any]:
    """The lookup most kinds make: the row of `queryset` whose id the outbox row's payload
    holds under `name`, or None."""

    def load(row: OutboxEmail):
        return queryset.filter(pk=(row.payload or {}).get(name)).first()

    return load


def register_notification_table(table: dict[str, KindTable]) -> None:
    """Register every kind of a feature's table (from its `AppConfig.ready()`)."""
    for kind, row in table.items():
        register_notification_kind(kind, row.label, row.render, mutable=row.mutable)


def register_notification_kind(
    kind: str, label, render: Callable[[OutboxEmail], Notification | None], *, mutable=True
) -> None:
    """Say how emails of `kind` are written and how the settings page names them."""
    _KINDS[kind] = NotificationKind(kind, label, render, mutable)
    register_outbox_kind(kind, lambda row: notification_email(row, _KINDS[kind]))


def notification_kinds() -> list[NotificationKind]:
    """The kinds a person may mute, in a stable order."""
    return sorted((k for k in _KINDS.values() if k.mutable), key=lambda k: k.key)


def notification_is_muted(user: User | None, kind: str) -> bool:
    if user is None or not _KINDS.get(kind, NotificationKind(kind, "", None)).mutable:
        return False
    return NotificationMute.objects.filter(user=user, kind=kind).exists()


def notify(
    *,
    kind: str,
    key: str,
    payload: dict,
    recipient: User | None = None,
    email: str = "",
    language: str = "",
) -> OutboxEmail | None:
    """Owe one notification (inside the caller's transaction): to an account, in its
    language, unless it muted the kind; or to an address without an account, in `language`.
    `key` says what the email is, so owing it twice sends it once. Returns the outbox row,
    or None if nothing is owed."""
    if kind not in _KINDS:
        raise LookupError(f"Unknown notification kind {kind!r}.")
    if recipient is not None and (not recipient.is_active or not recipient.email):
        return None
    if recipient is None and not email:
        return None
    if notification_is_muted(recipient, kind):
        return None
    return outbox_enqueue(
        kind=kind,
        key=f"{kind}:{key}",
        payload=payload,
        recipient=recipient,
        email=email,
        language=language,
    )


def notification_mute_token(user: User, kind: str) -> str:
    """A signed, expiring token naming a person and a kind, for the mute link in emails."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=NOTIFICATION_MUTE_SALT, compress=True)


def notification_mute_token_read(token: str) -> tuple[User, NotificationKind] | None:
    """The active person and registered kind a mute token names, or None."""
    try:
        data = signing.loads(token, salt=NOTIFICATION_MUTE_SALT, max_age=NOTIFICATION_MUTE_MAX_AGE)
    except signing.BadSignature:
        return None
    kind = _KINDS.get(data.get("k", ""))
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if kind is None or not kind.mutable or user is None:
        return None
    return user, kind


@transaction.atomic
def notification_mutes_set(*, actor: User, muted: set[str]) -> None:
    """A person's own choice of the kinds they do not want by email."""
    known = {k.key for k in notification_kinds()}
    muted = set(muted) & known
    NotificationMute.objects.filter(user=actor).exclude(kind__in=muted).delete()
    have = set(NotificationMute.objects.filter(user=actor).values_list("kind", flat=True))
    NotificationMute.objects.bulk_create(
        [NotificationMute(user=actor, kind=kind) for kind in sorted(muted - have)]
    )


def notification_mute(*, actor: User, kind: str) -> None:
    """Mute one kind (the one-click link in an email)."""
    NotificationMute.objects.get_or_create(user=actor, kind=kind)


def notification_email(row: OutboxEmail, kind: NotificationKind) -> EmailMultiAlternatives | None:
    """The email an outbox row owes, rendered now (the outbox has set the language)."""
    if notification_is_muted(row.recipient, kind.key):
        return None
    notice = kind.render(row)
    if notice is None:
        return None
    recipient = row.recipient
    context = {
        **notice.context,
        "recipient": recipient,
        "url": notice.url,
        "kind_label": kind.label,
        "mute_url": absolute(
            reverse(
                "programme:notification-mute",
                args=[notification_mute_token(recipient, kind.key)],
            )
        )
        if recipient is not None and kind.mutable
        else "",
        "settings_url": absolute(reverse("programme:account-notifications"))
        if recipient is not None
        else "",
    }
    message = EmailMultiAlternatives(
        subject=gettext("[STI Roadmaps] %(subject)s") % {"subject": notice.subject},
        body=render_to_string(f"{notice.template}.txt", context),
        to=[row.address],
    )
    message.attach_alternative(render_to_string(f"{notice.template}.html", context), "text/html")
    for name, content, mimetype in notice.attachments:
        message.attach(name, content, mimetype)
    return message
