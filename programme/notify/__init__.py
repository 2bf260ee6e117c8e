"""Every email the site builds, and how a person mutes them: one package on the programme's
floor, so every feature sends email the same way.

- `kinds`: the notifications that follow the work (a comment on my chapter, a meeting
  invitation, an action item assigned to me...). A feature registers each kind it sends in
  its `AppConfig.ready()` with `register_notification_kind(kind, label, render)`; the label
  names it on the person's notification settings page (`programme:account-notifications`).
  A feature's `notifications.py` has one function per kind, called inside the write's
  transaction; it calls `notify(...)`, which owes the email through the outbox
  (`programme.outbox`): it is written if and only if the change commits, queued after commit,
  and sent by a worker even if the broker was down. `render(row)` returns a `Notification`
  (subject, templates, context, the item's link) or None if what it was about is gone;
  `notification_email` turns it into a text and HTML email in the recipient's language (the
  outbox renders under `translation.override` with the user's `language`), with the link, a
  one-click mute of that kind and the settings page. A muted kind is not written for that
  person, and is dropped if muted after it was written.
- `reminders`: a milestone's reminder (`programme.reminders` sends them through its own
  ledger), with the due date in words and the one-click link that mutes reminders.
- `accounts`: the invitation to the site and the password reset (outbox kinds registered in
  `programme.apps`; their links are made when the email is sent).
- `links`: the absolute addresses emails carry.

Tasks and pages import from here; nothing here writes a feature's records.
"""

from programme.notify.accounts import (
    INVITATION,
    INVITATION_SALT,
    PASSWORD_RESET,
    invitation_email,
    invitation_for_token,
    invitation_token,
    password_reset_email,
)
from programme.notify.kinds import (
    NOTIFICATION_MUTE_MAX_AGE,
    NOTIFICATION_MUTE_SALT,
    KindTable,
    Notification,
    NotificationKind,
    notification_email,
    notification_is_muted,
    notification_kinds,
    notification_mute,
    notification_mute_token,
    notification_mute_token_read,
    notification_mutes_set,
    notify,
    payload_lookup,
    register_notification_kind,
    register_notification_table,
)
from programme.notify.links import absolute
from programme.notify.reminders import (
    REMINDER_MUTE_MAX_AGE,
    REMINDER_MUTE_SALT,
    due_in_words,
    milestone_detail_url,
    milestone_url,
    mute_token,
    mute_token_user,
    reminder_email,
    reminder_message_id,
)

__all__ = [
    "INVITATION",
    "INVITATION_SALT",
    "NOTIFICATION_MUTE_MAX_AGE",
    "NOTIFICATION_MUTE_SALT",
    "PASSWORD_RESET",
    "REMINDER_MUTE_MAX_AGE",
    "REMINDER_MUTE_SALT",
    "KindTable",
    "Notification",
    "NotificationKind",
    "absolute",
    "due_in_words",
    "invitation_email",
    "invitation_for_token",
    "invitation_token",
    "milestone_detail_url",
    "milestone_url",
    "mute_token",
    "mute_token_user",
    "notification_email",
    "notification_is_muted",
    "notification_kinds",
    "notification_mute",
    "notification_mute_token",
    "notification_mute_token_read",
    "notification_mutes_set",
    "notify",
    "password_reset_email",
    "payload_lookup",
    "register_notification_kind",
    "register_notification_table",
    "reminder_email",
    "reminder_message_id",
]
