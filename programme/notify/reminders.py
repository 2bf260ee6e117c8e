"""The reminder a milestone's owner gets: a link to the item, the due date in words and the
one-click way to mute reminders (`programme.reminders` sends them). It writes nothing."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext

from programme.models import Milestone, ReminderDelivery, User
from programme.models.milestones import reminder_is_critical
from programme.notify.links import absolute
from programme.outbox import stable_message_id

REMINDER_MUTE_SALT = "programme.reminders.mute"
# How long the mute link in a reminder works (the account page always does).
REMINDER_MUTE_MAX_AGE = dt.timedelta(days=90)


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
    return signing.dumps({"u": user.pk}, salt=REMINDER_MUTE_SALT, compress=True)


def mute_token_user(token: str) -> User | None:
    """The active user a mute token names, or None if it is forged, expired or unknown."""
    try:
        data = signing.loads(token, salt=REMINDER_MUTE_SALT, max_age=REMINDER_MUTE_MAX_AGE)
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
