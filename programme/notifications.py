"""Emails of the programme: the reminder a milestone's owner gets (with a link to the item, the
due date in words and the way to mute) and the password reset. Tasks import this module; it
writes nothing."""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlencode, urlsafe_base64_encode
from django.utils.translation import gettext, ngettext

from programme.models import Invitation, Milestone, OutboxEmail, ReminderDelivery, User
from programme.models.milestones import reminder_is_critical

# The outbox kind of a password-reset email (programme.outbox).
PASSWORD_RESET = "programme.password_reset"
# The outbox kind of an invitation to the site (its signed link is made when it is sent).
INVITATION = "programme.invitation"
INVITATION_SALT = "programme.invitation"

MUTE_SALT = "programme.reminders.mute"
# How long the mute link in a reminder works (the account page always does).
MUTE_LINK_MAX_AGE = dt.timedelta(days=90)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def stable_message_id(*parts: object) -> str:
    """A Message-ID made from what an email is (its row's natural key), never random: a
    resend after a lost worker carries the same one, so mail servers and clients show it once.
    """
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    domain = domain or urlsplit(settings.SITE_URL).hostname or "localhost"
    return "<" + ".".join(str(part) for part in parts) + f"@{domain}>"


def reminder_message_id(delivery: ReminderDelivery) -> str:
    """The one Message-ID of a reminder: its milestone, date, occurrence and recipient."""
    return stable_message_id(
        "reminder",
        delivery.milestone_id,
        delivery.due_on.strftime("%Y%m%d"),
        f"d{delivery.days_before:+d}",
        delivery.recipient_id,
    )


def mute_token(user: User) -> str:
    """A signed, expiring token naming `user`, for the one-click mute link in emails."""
    return signing.dumps({"u": user.pk}, salt=MUTE_SALT, compress=True)


def mute_token_user(token: str) -> User | None:
    """The active user a mute token names, or None if it is forged, expired or unknown."""
    try:
        data = signing.loads(token, salt=MUTE_SALT, max_age=MUTE_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=data.get("u"), is_active=True).first()


def milestone_detail_url(milestone: Milestone) -> str:
    """The milestone's own page (its dates, owners, status, reminders and what it belongs to),
    where reminders lead: it opens for its owners whatever else they may read."""
    return absolute(reverse("programme:milestone-detail", args=[milestone.pk]))


def milestone_url(milestone: Milestone) -> str:
    """Where a milestone is shown: what it belongs to (see programme.subjects), else the
    timeline filtered to it."""
    found = milestone.subject
    if found is not None:
        subject, obj = found
        return absolute(subject.url(obj))
    query = urlencode({"q": milestone.title})
    return absolute(f"{reverse('programme:timeline')}?{query}#milestone-{milestone.pk}")


def due_in_words(due_on: dt.date, today: dt.date) -> str:
    """ "due in 7 days, on Friday 4 December 2026", "due today", "overdue by 14 days"..."""
    when = date_format(due_on, "l j F Y")
    days = (due_on - today).days
    if days == 0:
        return gettext("due today, %(date)s") % {"date": when}
    if days == 1:
        return gettext("due tomorrow, %(date)s") % {"date": when}
    if days > 1:
        return ngettext("due in %(n)d day, on %(date)s", "due in %(n)d days, on %(date)s", days) % {
            "n": days,
            "date": when,
        }
    return ngettext(
        "overdue by %(n)d day (it was due on %(date)s)",
        "overdue by %(n)d days (it was due on %(date)s)",
        -days,
    ) % {"n": -days, "date": when}


def reminder_email(
    delivery: ReminderDelivery, *, today: dt.date, connection=None
) -> EmailMultiAlternatives:
    """The reminder `delivery` as an email (text and HTML) in its recipient's language."""
    with translation.override(delivery.recipient.email_language):
        return _reminder_email(delivery, today=today, connection=connection)


def _reminder_email(
    delivery: ReminderDelivery, *, today: dt.date, connection=None
) -> EmailMultiAlternatives:
    milestone = delivery.milestone
    recipient = delivery.recipient
    found = milestone.subject
    context = {
        "recipient": recipient,
        "milestone": milestone,
        "subject_label": found[0].label if found else "",
        "due_words": due_in_words(milestone.due_on, today),
        "overdue": milestone.due_on < today,
        "milestone_url": milestone_detail_url(milestone),
        # What the milestone belongs to (a review, a chapter...), when it belongs to a record.
        "item_url": milestone_url(milestone) if found else "",
        "critical": reminder_is_critical(delivery.days_before),
        "mute_url": absolute(reverse("programme:reminder-mute", args=[mute_token(recipient)])),
        "settings_url": absolute(reverse("programme:account-reminders")),
    }
    subject = (
        gettext("[STI Roadmaps] Overdue: %(title)s")
        if context["overdue"]
        else gettext("[STI Roadmaps] Reminder: %(title)s")
    ) % {"title": milestone.display_title}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("programme/email/milestone_reminder.txt", context),
        to=[recipient.email],
        connection=connection,
        headers={"Message-ID": reminder_message_id(delivery)},
    )
    message.attach_alternative(
        render_to_string("programme/email/milestone_reminder.html", context), "text/html"
    )
    return message


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
