"""Emails about a person's account: the invitation to the site (its signed link is made when
the email is sent) and the password reset. Both go through the outbox (`programme.outbox`),
registered in `programme.apps`."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from programme.models import Invitation, OutboxEmail
from programme.notify.links import absolute

# The outbox kind of a password-reset email (programme.outbox).
PASSWORD_RESET = "programme.password_reset"
# The outbox kind of an invitation to the site (its signed link is made when it is sent).
INVITATION = "programme.invitation"
INVITATION_SALT = "programme.invitation"


def password_reset_email(row: OutboxEmail) -> EmailMultiAlternatives | None:
    """The password-reset email an outbox row owes, with a reset link made now (the row holds
    only the account): None if the account can no longer reset, or the request is older than
    a reset link lives (a link arriving days later would puzzle more than help)."""
    user = row.recipient
    if user is None or not user.is_active or not user.has_usable_password():
        return None
    if timezone.now() - row.created_at > dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT):
        return None
    site = urlsplit(settings.SITE_URL)
    context = {
        "email": user.email,
        "domain": site.netloc,
        "site_name": gettext("STI Roadmaps"),
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme or "https",
    }
    subject = "".join(
        render_to_string("registration/password_reset_subject.txt", context).splitlines()
    )
    body = render_to_string("registration/password_reset_email.html", context)
    return EmailMultiAlternatives(subject=subject, body=body, to=[row.address])


def invitation_token(invitation: Invitation) -> str:
    """The signed secret in an invitation's link: it names the invitation, so a link works only
    while that invitation is open (used once, replaced by a newer one, expired: refused)."""
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT, compress=True)


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link names, or None for a forged, altered or long-expired link (whether
    it may still be used is `programme.services.invitation_refusal`)."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("user", "country", "organisation", "invited_by")
        .filter(pk=data.get("i"))
        .first()
    )


def invitation_email(row: OutboxEmail) -> EmailMultiAlternatives | None:
    """The invitation an outbox row owes, in the invitee's language (the row's), text and HTML;
    None if the invitation can no longer be used (replaced, used or expired meanwhile)."""
    invitation = (
        Invitation.objects.select_related("user", "country", "organisation", "invited_by")
        .filter(pk=(row.payload or {}).get("invitation"))
        .first()
    )
    if invitation is None or not invitation.is_open:
        return None
    context = {
        "invitation": invitation,
        "person": invitation.user,
        "role": invitation.get_role_display(),
        "url": absolute(
            reverse("programme:invitation-accept", args=[invitation_token(invitation)])
        ),
        "expires_at": invitation.expires_at,
        "inviter": invitation.invited_by,
    }
    message = EmailMultiAlternatives(
        subject=gettext("[STI Roadmaps] You are invited to the STI for SDGs roadmaps site"),
        body=render_to_string("programme/email/invitation.txt", context),
        to=[row.address],
    )
    message.attach_alternative(
        render_to_string("programme/email/invitation.html", context), "text/html"
    )
    return message
