"""Web routes of programme (dashboard, directory, milestones, timeline, reminders, calendars,
API tokens) and the account pages Django provides."""

from types import SimpleNamespace

from programme.choices import Role
from programme.notify import invitation_token, mute_token, notification_mute_token
from programme.services import calendar_token_reset, person_invite
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
    # An invitation's signed link: the link is the authority, no sign-in.
    "invitation_secret": lambda o: _secret(
        invitation_token(
            person_invite(
                actor=o["user_secretariat"], email="table-invitee@example.org", role=Role.REVIEWER
            )
        )
    ),
    # ... and a notification's one-click mute of its kind.
    "notification_mute_secret": lambda o: _secret(
        notification_mute_token(o["focal_link_own"].user, "egm.action_assigned")
    ),
}

SECRETARIAT_PAGE = (302, 200, 403, 403, 403, 403, 403)
SECRETARIAT_FORM_ERRORS = (302, 400, 403, 403, 403, 403, 403)
NEW_PASSWORD = (
    ("new_password1", "a-long-Passphrase-42"),
    ("new_password2", "a-long-Passphrase-42"),
)

TABLE = {
    Row("programme:dashboard"): (302, 200, 200, 200, 200, 200, 200),
    Row("programme:organisation-list"): (302, 200, 403, 403, 403, 403, 403),
    Row("programme:milestone-list"): (302, 200, 200, 200, 200, 200, 403),
    # A country's milestones are its own focal points' and the secretariat's.
    Row("programme:timeline", absent=(
        (R, "milestone_own"), (R, "milestone_other"), (FO, "milestone_other"),
        (FX, "milestone_own"), (ADV, "milestone_own"), (ADV, "milestone_other"))): (
        302, 200, 200, 200, 200, 200, 403),
    # Search finds only what each role may open: Ghana's unpublished roadmap is not Kenya's
    # focal point's to find, nor the advisory group's; a planning meeting is the secretariat's
    # and the advisory group's. Partners read through the API.
    # Versions are found by their roadmap's title too, each only where it may be read.
    Row("programme:search", data=(("q", "roadmap"),), listed_in="found", absent=(
        (FX, "roadmap_own"), (ADV, "roadmap_own"), (FX, "draft_own"), (ADV, "draft_own"),
        (R, "draft_own"), (FO, "draft_other"), (R, "draft_other"))): (
        302, 200, 200, 200, 200, 200, 403),
    Row("programme:search", data=(("q", "meeting"),), listed_in="found", absent=(
        (R, "meeting_private"), (FO, "meeting_private"), (FX, "meeting_private"))): (
        302, 200, 200, 200, 200, 200, 403),
    # No words: the form answers with its error.
    Row("programme:search", data=(("q", ""),)): (302, 400, 400, 400, 400, 400, 403),
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
    # The icon every browser asks for, where the static file is.
    Row("programme:favicon"): (301, 301, 301, 301, 301, 301, 301),
    Row("programme:calendar-private", args=("calendar_secret",)): EVERYONE,
    Row("programme:calendar-private", args=("forged",)): (404, 404, 404, 404, 404, 404, 404),
    # Account pages: open to everyone, or to every signed-in user.
    # Someone signed in is sent on to their dashboard (the public site offers everyone "Sign in").
    Row("login"): (200, 302, 302, 302, 302, 302, 302),
    Row("logout", method="post"): (302, 302, 302, 302, 302, 302, 302),
    Row("password_change"): SIGNED_IN,
    Row("password_change_done"): SIGNED_IN,
    Row("password_reset"): EVERYONE,
    Row("password_reset_done"): EVERYONE,
    Row("password_reset_confirm", args=("MQ", "set-password")): EVERYONE,
    Row("password_reset_complete"): EVERYONE,
    # The language switcher: everyone may choose, then goes back where they were.
    Row("programme:language-set", method="post"): (302, 302, 302, 302, 302, 302, 302),
    # A milestone's own page: whoever sees the milestone (owners too), else 404.
    Row("programme:milestone-detail", "milestone_own"): (302, 200, 404, 200, 404, 404, 403),
    Row("programme:milestone-detail", "milestone_other"): (302, 200, 404, 404, 200, 404, 403),
    Row("programme:milestone-detail", "milestone_public"): (302, 200, 200, 200, 200, 200, 403),
    Row("programme:milestone-create"): SECRETARIAT_PAGE,
    Row("programme:milestone-create", method="post"): SECRETARIAT_FORM_ERRORS,
    Row("programme:milestone-create", method="post", data=(
        ("title", "Table milestone"), ("kind", "programme"), ("status", "planned"),
        ("due_on", "2027-01-15"), ("reminder_days_before", "7, 1"))): (
        302, 302, 403, 403, 403, 403, 403),
    Row("programme:milestone-update", "milestone_own"): SECRETARIAT_PAGE,
    Row("programme:milestone-update", "milestone_other", method="post", data=(
        ("title", "Moved"), ("kind", "pilot"), ("status", "done"))): SECRETARIAT_FORM_ERRORS,
    # The invitation link: open to anyone holding it; a forged one is a 404.
    Row("programme:invitation-accept", args=("invitation_secret",)): EVERYONE,
    Row("programme:invitation-accept", args=("invitation_secret",), method="post",
        data=NEW_PASSWORD): (302, 302, 302, 302, 302, 302, 302),
    Row("programme:invitation-accept", args=("forged",)): (404, 404, 404, 404, 404, 404, 404),
    # The code step has nothing to ask without a password first: back to the sign-in page.
    Row("programme:signin-code"): (302, 302, 302, 302, 302, 302, 302),
    # Everyone's own second factor.
    Row("programme:two-factor"): SIGNED_IN,
    Row("programme:two-factor", method="post"): (302, 302, 302, 302, 302, 302, 302),
    Row("programme:two-factor-setup"): SIGNED_IN,
    Row("programme:two-factor-setup", method="post", data=(("token", "000000"),)): (
        302, 400, 400, 400, 400, 400, 400),
}  # fmt: skip
