"""Sign-in lockout cannot be used as a weapon: it holds a username from one address only, the
locked-out page shows the way back in (a password reset, which lifts the pause), and the
secretariat lifts a pause from the "Sign-in locks" page."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse

from base.errors import NotPermitted
from programme.choices import Role
from programme.models import User
from programme.rules import signin_lock_can_lift
from programme.services import signin_lock_lift
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "pw-for-tests-1"  # UserFactory's
ATTACKER = "198.51.100.66"
OWNER = "203.0.113.10"
LOCKS = reverse("programme:signin-lock-list")
LIFT = reverse("programme:signin-lock-lift")


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def _sign_in(username, password, ip):
    return Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": password})


def _lock(username, ip, limit):
    for _ in range(limit):
        _sign_in(username, "wrong", ip)
    assert _sign_in(username, PASSWORD, ip).status_code == 429


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_elsewhere(limit):
    UserFactory(username="focal.ghana")
    _lock("focal.ghana", ATTACKER, limit)
    assert _sign_in("focal.ghana", PASSWORD, OWNER).status_code == 302


def test_an_address_trying_many_usernames_does_not_lock_the_others_out(limit):
    UserFactory(username="colleague")
    for n in range(limit + 1):
        _sign_in(f"guess{n}", "wrong", OWNER)
    assert _sign_in("colleague", PASSWORD, OWNER).status_code == 302


def test_the_locked_out_page_shows_the_way_back_in(limit):
    UserFactory(username="focal.ghana")
    for _ in range(limit):
        _sign_in("focal.ghana", "wrong", OWNER)
    response = _sign_in("focal.ghana", PASSWORD, OWNER)
    assert response.status_code == 429
    html = response.content.decode()
    assert f'href="{reverse("password_reset")}"' in html
    assert "ends the pause" in html
    assert "secretariat" in html


def _reset_link(email, django_capture_on_commit_callbacks) -> str:
    from config.celery import app

    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            Client(REMOTE_ADDR=OWNER).post(reverse("password_reset"), {"email": email})
    finally:
        app.conf.task_always_eager = False
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)


def test_the_password_reset_works_while_locked_and_ends_the_pause(
    limit, django_capture_on_commit_callbacks
):
    person = UserFactory(username="focal.ghana", email="focal@example.gh")
    _lock("focal.ghana", OWNER, limit)
    link = _reset_link("focal@example.gh", django_capture_on_commit_callbacks)
    browser = Client(REMOTE_ADDR=OWNER)
    form_page = browser.get(link, follow=True)
    assert form_page.status_code == 200
    new = "A-new-passphrase-42"
    done = browser.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password(new)
    # The new password lets the owner in at once, from the address that was paused.
    assert _sign_in("focal.ghana", new, OWNER).status_code == 302


def test_only_the_secretariat_sees_and_lifts_locks(limit, role_clients):
    UserFactory(username="focal.ghana")
    _lock("focal.ghana", ATTACKER, limit)
    for role, client in role_clients.items():
        expected = {"anonymous": 302, "secretariat": 200}.get(role, 403)
        assert client.get(LOCKS).status_code == expected, role
        if role not in ("anonymous", "secretariat"):
            response = client.post(LIFT, {"username": "focal.ghana", "ip_address": ATTACKER})
            assert response.status_code == 403, role
    assert _sign_in("focal.ghana", PASSWORD, ATTACKER).status_code == 429


def test_the_page_lists_each_lock_in_words_and_lift_lets_the_person_in(
    limit, staff_client, secretariat_user
):
    UserFactory(username="focal.ghana")
    UserFactory(username="focal.kenya")
    _lock("focal.ghana", ATTACKER, limit)
    _sign_in("focal.kenya", "wrong", ATTACKER)  # one failure: not a lock
    page = staff_client.get(LOCKS)
    html = page.content.decode()
    assert "focal.ghana" in html and ATTACKER in html
    assert "focal.kenya" not in html
    assert "ago" in html and "minute" in html
    assert f'action="{LIFT}"' in html
    response = staff_client.post(LIFT, {"username": "focal.ghana", "ip_address": ATTACKER})
    assert response.status_code == 302
    assert response["Location"] == LOCKS
    assert not AccessAttempt.objects.filter(username="focal.ghana").exists()
    assert _sign_in("focal.ghana", PASSWORD, ATTACKER).status_code == 302
    # Who lifted it stays in the person's history.
    record = User.history.get(username="focal.ghana", history_change_reason__contains="lifted")
    assert record.history_user_id == secretariat_user.pk
    assert ATTACKER in record.history_change_reason


def test_lifting_one_lock_leaves_the_others(limit, secretariat_user):
    UserFactory(username="focal.ghana")
    _lock("focal.ghana", ATTACKER, limit)
    _lock("focal.ghana", "192.0.2.77", limit)
    assert signin_lock_lift(actor=secretariat_user, username="focal.ghana", ip_address=ATTACKER)
    assert _sign_in("focal.ghana", PASSWORD, ATTACKER).status_code == 302
    assert _sign_in("focal.ghana", PASSWORD, "192.0.2.77").status_code == 429


def test_the_service_refuses_anyone_but_the_secretariat(limit):
    focal = UserFactory(username="focal.ghana", roles=[Role.FOCAL_POINT])
    _lock("focal.ghana", ATTACKER, limit)
    assert not signin_lock_can_lift(focal)
    with pytest.raises(NotPermitted):
        signin_lock_lift(actor=focal, username="focal.ghana", ip_address=ATTACKER)
    assert AccessAttempt.objects.filter(username="focal.ghana").exists()


def test_the_menu_offers_the_page_to_whom_the_rule_allows(staff_client, focal_point_client):
    assert f'href="{LOCKS}"' in staff_client.get("/").content.decode()
    assert f'href="{LOCKS}"' not in focal_point_client.get("/").content.decode()
