"""People without the admin, in a real browser: the secretariat invites a new focal point for
Kenya; the invitee opens the emailed link in a fresh browser, chooses a password, signs in and
lands on Kenya's page; the secretariat's attempt to remove their own role is refused, clearly.
Every page is checked with axe-core and for Content-Security-Policy refusals (`Visitor`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from programme.choices import Role
from programme.models import User
from tests.browser.test_journey import Visitor, eager_tasks  # noqa: F401 (a fixture)
from tests.factories import PilotFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Nairobi-roadmap-2026!"


def _keep(visitor, name: str) -> None:
    # With STI_SCREENSHOTS set (as for the accessibility walk), keep a picture of the page.
    folder = os.environ.get("STI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        visitor.page.screenshot(path=str(Path(folder) / f"people-{name}.png"), full_page=True)


@pytest.mark.usefixtures("eager_tasks")
def test_a_new_focal_point_for_kenya_is_invited_and_signs_in(browser, live_server, kenya):
    from django.core import mail

    PilotFactory(country=kenya)
    UserFactory(username="iatt.sec", roles=[Role.SECRETARIAT], last_name="Secretariat")
    UserFactory(username="iatt.colleague", roles=[Role.SECRETARIAT], last_name="Colleague")
    findings: list[str] = []
    base = live_server.url

    # 1. The secretariat invites Kenya's new focal point.
    secretariat = Visitor(browser, base, findings)
    secretariat.sign_in("iatt.sec")
    secretariat.go("/people/")
    secretariat.click("Invite a person", role="link")
    page = secretariat.page
    page.get_by_label("Email address").fill("wanjiru.kamau@example.org")
    page.get_by_label("First name").fill("Wanjiru")
    page.get_by_label("Last name").fill("Kamau")
    page.get_by_label("Role").select_option(label="Country focal point")
    page.locator("#id_country").select_option(label="Kenya")
    _keep(secretariat, "invite")
    secretariat.click("Send the invitation")
    _keep(secretariat, "person")
    assert page.get_by_text("Invitation sent.").count() == 1
    assert "Invited, not yet signed up" in page.content()

    # 2. The email arrives (after commit) with the signed link.
    [message] = [m for m in mail.outbox if m.to == ["wanjiru.kamau@example.org"]]
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)
    path = link[link.index("/accounts/") :]

    # 3. In a fresh browser, the invitee chooses a password and signs in.
    invitee = Visitor(browser, base, findings)
    invitee.go(path)
    _keep(invitee, "accept")
    invitee.page.locator("#id_new_password1").fill(NEW_PASSWORD)
    invitee.page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    invitee.click("Set password")
    assert "/accounts/login/" in invitee.page.url
    invitee.page.get_by_label("Username").fill("wanjiru.kamau@example.org")
    invitee.page.get_by_label("Password").fill(NEW_PASSWORD)
    invitee.click("Sign in")
    invitee.go("/pilots/mine/")
    assert invitee.page.get_by_role("heading", name="Kenya", level=1).count() == 1
    _keep(invitee, "kenya")
    # The link was for one use only.
    used = invitee.page.goto(base + path)
    assert used.status == 410
    assert invitee.page.get_by_text("This invitation was already used").count() == 1

    # 4. The secretariat sees the role given, and cannot remove their own.
    person = User.objects.get(username="wanjiru.kamau@example.org")
    assert person.is_focal_point and person.country_ids == {kenya.pk}
    me = User.objects.get(username="iatt.sec")
    secretariat.go(f"/people/{me.pk}/")
    # Not offered, and the page says why.
    assert page.get_by_role("button", name="Remove Secretariat").count() == 0
    assert page.get_by_text("You cannot remove your own secretariat role or account").count() == 1
    _keep(secretariat, "refused")
    # A colleague's role is offered, and removing it works.
    colleague = User.objects.get(username="iatt.colleague")
    secretariat.go(f"/people/{colleague.pk}/")
    secretariat.click("Remove Secretariat")
    assert page.get_by_text("Role removed.").count() == 1
    assert not User.objects.get(pk=colleague.pk).is_secretariat
    assert User.objects.get(pk=me.pk).is_secretariat
    secretariat.go("/people/")
    _keep(secretariat, "list")

    secretariat.close()
    invitee.close()
    assert findings == []


def test_two_factor_sign_in_in_the_browser(browser, live_server, settings):
    """A person turns two-factor sign-in on from their account (the QR code drawn under the
    Content-Security-Policy), keeps the recovery codes, and the next sign-in asks for a code."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    UserFactory(username="two.steps", roles=[Role.ADVISORY_GROUP])
    findings: list[str] = []

    def current_code(device, ahead=0):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time += ahead * device.step
        return f"{totp.token():06d}"

    person = Visitor(browser, live_server.url, findings)
    person.sign_in("two.steps")
    person.go("/accounts/two-factor/")
    person.click("Turn two-factor sign-in on", role="link")
    assert person.page.locator("figure.qr-code svg").count() == 1
    _keep(person, "two-factor-setup")
    device = TOTPDevice.objects.get(user__username="two.steps", confirmed=False)
    person.page.get_by_label("Code").fill(current_code(device))
    person.click("Turn it on")
    assert person.page.get_by_role("heading", name="Two-factor sign-in is on").count() == 1
    assert person.page.locator("ul.font-monospace li").count() == 10
    _keep(person, "two-factor-codes")

    again = Visitor(browser, live_server.url, findings)
    again.go("/accounts/login/")
    again.page.get_by_label("Username").fill("two.steps")
    again.page.get_by_label("Password").fill("pw-for-tests-1")
    again.click("Sign in")
    assert "/accounts/sign-in/code/" in again.page.url
    _keep(again, "two-factor-code")
    device.refresh_from_db()
    again.page.get_by_label("Code").fill(current_code(device, ahead=1))
    again.click("Sign in")
    assert again.page.url.rstrip("/") == live_server.url
    person.close()
    again.close()
    assert findings == []
