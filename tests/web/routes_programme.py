"""Web routes of programme (dashboard, directory, milestones, timeline, reminders, calendars,
API tokens) and the account pages Django provides."""

from types import SimpleNamespace

from programme.notifications import mute_token
from programme.notify import notification_mute_token
from programme.services import calendar_token_reset
from tests.factories import MilestoneFactory
from tests.web.matrix import Row

A, S, R, FO, FX, ADV, P = ("anonymous", "secretariat", "reviewer", "focal_own", "focal_other",
                           "advisory", "partner")  # fmt: skip

EVERYONE = (200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200)


def _secret(value: str) -> SimpleNamespace:
    """A URL secret, in the shape the table fills URLs from."""
    return SimpleNamespace(pk=value)


OBJECTS = {
    "milestone_public": lambda o: MilestoneFactory(is_public=True),
    "milestone_own": lambda o: MilestoneFactory(country=o["roadmap_own"].country),
    "milestone_other": lambda o: MilestoneFactory(country=o["roadmap_other"].country),
    # Ghana's focal point's links: the private calendar address and a reminder's mute link.
    "calendar_secret": lambda o: _secret(calendar_token_reset(actor=o["focal_link_own"].user)),
    "mute_secret": lambda o: _secret(mute_token(o["focal_link_own"].user)),
    # ... and a notification's one-click mute of its kind.
    "notification_mute_secret": lambda o: _secret(
        notification_mute_token(o["focal_link_own"].user, "egm.action_assigned")
    ),
}

TABLE = {
    Row("programme:dashboard"): (302, 200, 200, 200, 200, 200, 200),
    Row("programme:organisation-list"): (302, 200, 403, 403, 403, 403, 403),
    Row("programme:milestone-list"): (302, 200, 200, 200, 200, 200, 403),
    # A country's milestones are its own focal points' and the secretariat's.
    Row("programme:timeline", absent=(
        (R, "milestone_own"), (R, "milestone_other"), (FO, "milestone_other"),
        (FX, "milestone_own"), (ADV, "milestone_own"), (ADV, "milestone_other"))): (
        302, 200, 200, 200, 200, 200, 403),
    Row("programme:api-token-list"): (302, 200, 403, 403, 403, 403, 403),
    Row("programme:api-token-create"): (302, 200, 403, 403, 403, 403, 403),
    Row("programme:api-token-revoke", "token"): (302, 200, 403, 403, 403, 403, 403),
    # Paused sign-ins: the secretariat's (programme.rules.signin_lock_lift_refusal).
    Row("programme:signin-lock-list"): (302, 200, 403, 403, 403, 403, 403),
    Row("programme:signin-lock-lift"): (302, 405, 403, 403, 403, 403, 403),
    Row("programme:signin-lock-lift", method="post", data=(
        ("username", "nobody"), ("ip_address", "192.0.2.1"))): (
        302, 302, 403, 403, 403, 403, 403),
    # Everyone's own reminder settings and calendar address.
    Row("programme:account-reminders"): SIGNED_IN,
    Row("programme:account-reminders", method="post", data=(("mute_noncritical", "on"),)): (
        302, 302, 302, 302, 302, 302, 302),
    Row("programme:calendar-reset"): (302, 405, 405, 405, 405, 405, 405),
    Row("programme:calendar-reset", method="post"): (302, 302, 302, 302, 302, 302, 302),
    # The secret in the address is the authority: no sign-in; a wrong secret is a 404.
    Row("programme:reminder-mute", args=("mute_secret",)): EVERYONE,
    Row("programme:reminder-mute", args=("mute_secret",), method="post"): EVERYONE,
    Row("programme:reminder-mute", args=("forged",)): (404, 404, 404, 404, 404, 404, 404),
    # Everyone's own notification settings, and the mute link in a notification email.
    Row("programme:account-notifications"): SIGNED_IN,
    Row("programme:account-notifications", method="post",
        data=(("egm.action_assigned", "on"),)): (302, 302, 302, 302, 302, 302, 302),
    Row("programme:notification-mute", args=("notification_mute_secret",)): EVERYONE,
    Row("programme:notification-mute", args=("notification_mute_secret",),
        method="post"): EVERYONE,
    Row("programme:notification-mute", args=("forged",)): (404, 404, 404, 404, 404, 404, 404),
    Row("programme:calendar-public"): EVERYONE,
    Row("programme:calendar-private", args=("calendar_secret",)): EVERYONE,
    Row("programme:calendar-private", args=("forged",)): (404, 404, 404, 404, 404, 404, 404),
    # Account pages: open to everyone, or to every signed-in user.
    Row("login"): (200, 200, 200, 200, 200, 200, 200),
    Row("logout", method="post"): (302, 302, 302, 302, 302, 302, 302),
    Row("password_change"): SIGNED_IN,
    Row("password_change_done"): SIGNED_IN,
    Row("password_reset"): EVERYONE,
    Row("password_reset_done"): EVERYONE,
    Row("password_reset_confirm", args=("MQ", "set-password")): EVERYONE,
    Row("password_reset_complete"): EVERYONE,
    # The language switcher: everyone may choose, then goes back where they were.
    Row("programme:language-set", method="post"): (302, 302, 302, 302, 302, 302, 302),
}  # fmt: skip
