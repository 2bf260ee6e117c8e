"""Two-factor sign-in (django-otp): anyone turns it on from their account; the sign-in asks for
the code after the password; the lockout counts wrong codes; the secretariat resets a lost
factor; and where the setting requires it, the secretariat and superusers set it up first."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from base.errors import DomainError, NotPermitted
from programme.choices import Role
from programme.services import (
    two_factor_reset,
    two_factor_setup_confirm,
    two_factor_setup_start,
    two_factor_turn_off,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "pw-for-tests-1"  # UserFactory's
CODE = reverse("programme:signin-code")
SETUP = reverse("programme:two-factor-setup")


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    # django-otp also makes a device wait 1, 2, 4... seconds after each wrong code; these tests
    # type the next code at once, so the wait is off here (the lockout is what is tested).
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the person's authenticator app shows (`steps_ahead` 30-second steps later:
    a code once used is refused again, as a replay)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def turned_on(user) -> tuple[TOTPDevice, list[str]]:
    device = two_factor_setup_start(actor=user)
    codes = two_factor_setup_confirm(actor=user, device=device, token=code(device))
    device.refresh_from_db()
    return device, codes


def sign_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_anyone_turns_it_on_from_their_account_and_gets_recovery_codes_once(focal_point_client):
    page = focal_point_client.get(SETUP)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, drawn in the page
    assert page["Cache-Control"] == "no-store"
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    wrong_code = "000000" if code(device) != "000000" else "111111"
    wrong = focal_point_client.post(SETUP, {"token": wrong_code})
    assert wrong.status_code == 400
    assert not TOTPDevice.objects.filter(user=device.user, confirmed=True).exists()
    done = focal_point_client.post(SETUP, {"token": code(device)})
    assert done.status_code == 200
    shown = [t.token for t in StaticToken.objects.filter(device__user=device.user)]
    assert len(shown) == 10 and all(t in done.content.decode() for t in shown)
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert "Two-factor sign-in turned on" in device.user.history.values_list(
        "history_change_reason", flat=True
    )


def test_sign_in_asks_for_the_code_after_the_password():
    person = UserFactory(username="two.step")
    device, _codes = turned_on(person)
    client = Client()
    first = sign_in(client, "two.step")
    assert first.status_code == 302 and first["Location"] == CODE
    assert "_auth_user_id" not in client.session  # not signed in on the password alone
    assert client.get(reverse("programme:dashboard")).status_code == 302
    wrong = client.post(CODE, {"token": "12345"})
    assert wrong.status_code == 400 and "_auth_user_id" not in client.session
    right = client.post(CODE, {"token": code(device, steps_ahead=1)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    assert client.get(reverse("programme:dashboard")).status_code == 200


def test_a_recovery_code_signs_in_once():
    person = UserFactory(username="lost.phone")
    _device, codes = turned_on(person)
    client = Client()
    sign_in(client, "lost.phone")
    assert client.post(CODE, {"token": codes[0]}).status_code == 302
    again = Client()
    sign_in(again, "lost.phone")
    assert again.post(CODE, {"token": codes[0]}).status_code == 400


def test_wrong_codes_meet_the_same_lockout(settings):
    settings.AXES_FAILURE_LIMIT = 3
    person = UserFactory(username="guessed")
    device, _codes = turned_on(person)
    client = Client(REMOTE_ADDR="198.51.100.9")
    sign_in(client, "guessed")
    assert client.post(CODE, {"token": "000001"}).status_code == 400
    assert client.post(CODE, {"token": "000002"}).status_code == 400
    locked = client.post(CODE, {"token": "000003"})
    assert locked.status_code == 429
    # Locked: the right password and then the right code no longer let them in from there.
    assert sign_in(client, "guessed").status_code == 429
    assert "_auth_user_id" not in client.session
    # From elsewhere, the owner still signs in with both steps.
    elsewhere = Client(REMOTE_ADDR="203.0.113.20")
    sign_in(elsewhere, "guessed")
    assert elsewhere.post(CODE, {"token": code(device, steps_ahead=1)}).status_code == 302


def test_the_code_step_does_not_outlive_its_wait(settings):
    person = UserFactory(username="slow")
    device, _codes = turned_on(person)
    client = Client()
    sign_in(client, "slow")
    settings.OTP_PENDING_SECONDS = 0
    assert client.post(CODE, {"token": code(device, 1)})["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_the_secretariat_resets_a_lost_second_factor(secretariat_user, staff_client):
    person = UserFactory(username="reset.me")
    turned_on(person)
    response = staff_client.post(reverse("people:person-two-factor-reset", args=[person.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert "Two-factor sign-in reset" in person.history.values_list(
        "history_change_reason", flat=True
    )
    client = Client()
    assert sign_in(client, "reset.me")["Location"] == reverse("programme:dashboard")


def test_only_the_secretariat_resets_and_not_their_own(secretariat_user, focal_point_user):
    turned_on(secretariat_user)
    with pytest.raises(NotPermitted):
        two_factor_reset(actor=focal_point_user, person=secretariat_user)
    with pytest.raises(DomainError):
        two_factor_reset(actor=secretariat_user, person=secretariat_user)


# --- Required for the secretariat and superusers (the setting) -------------------------------


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True


def test_with_the_setting_the_secretariat_is_sent_to_set_it_up_first(required):
    UserFactory(username="sec.new", roles=[Role.SECRETARIAT])
    client = Client()
    assert sign_in(client, "sec.new").status_code == 302
    dashboard = client.get(reverse("programme:dashboard"))
    assert dashboard.status_code == 302 and dashboard["Location"].startswith(SETUP)
    assert client.get(reverse("people:person-list"))["Location"].startswith(SETUP)
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user__username="sec.new", confirmed=False)
    assert client.post(SETUP, {"token": code(device)}).status_code == 200
    # The session that proved the code goes on.
    assert client.get(reverse("programme:dashboard")).status_code == 200
    # The next sign-in asks for the code.
    again = Client()
    assert sign_in(again, "sec.new")["Location"] == CODE


def test_with_the_setting_a_superuser_must_set_it_up_too(required):
    UserFactory(username="root", is_superuser=True, is_staff=True)
    client = Client()
    sign_in(client, "root")
    assert client.get(reverse("programme:dashboard"))["Location"].startswith(SETUP)


def test_with_the_setting_other_roles_are_not_asked(required):
    UserFactory(username="fp.free", roles=[Role.FOCAL_POINT])
    client = Client()
    sign_in(client, "fp.free")
    assert client.get(reverse("programme:dashboard")).status_code == 200


def test_with_the_setting_the_secretariat_cannot_turn_it_off(required, secretariat_user):
    turned_on(secretariat_user)
    with pytest.raises(DomainError):
        two_factor_turn_off(actor=secretariat_user)


def test_a_sign_in_around_the_code_step_is_sent_back_to_sign_in(required, secretariat_user):
    # The admin's own sign-in page asks no code; a device on the account then means the
    # session is ended and the person sent to the site's sign-in (never to set up a new one).
    turned_on(secretariat_user)
    client = Client()
    client.force_login(secretariat_user)
    response = client.get(reverse("programme:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_without_the_setting_nobody_is_asked(settings, staff_client):
    settings.OTP_REQUIRED_FOR_STAFF = False
    assert staff_client.get(reverse("programme:dashboard")).status_code == 200


def test_the_setting_defaults_to_on_when_debug_is_off():
    # tests run with DEBUG=1 (pytest-env): the default there is off, in production on.
    from config import settings as project_settings

    assert project_settings.OTP_REQUIRED_FOR_STAFF is (not project_settings.DEBUG)
