"""Sign-in lockout (django-axes) and a password reset that tells nobody who has an account."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core import mail
from django.test import Client
from django.urls import reverse

from programme.choices import Role
from tests.factories import UserFactory, api_token_for

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "pw-for-tests-1"  # UserFactory's


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def _sign_in(username, password, ip="203.0.113.7"):
    return Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": password})


def test_a_wrong_password_is_refused_without_locking(limit):
    UserFactory(username="sec", roles=[Role.SECRETARIAT])
    response = _sign_in("sec", "wrong")
    assert response.status_code == 200
    assert _sign_in("sec", PASSWORD).status_code == 302


def test_the_nth_failure_for_a_username_locks_it_from_that_address(limit):
    UserFactory(username="sec", roles=[Role.SECRETARIAT])
    for _ in range(limit):
        _sign_in("sec", "wrong", ip="198.51.100.1")
    # The right password, from the address that failed, is refused for now.
    response = _sign_in("sec", PASSWORD, ip="198.51.100.1")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sign-in paused" in html
    assert "try again in 15 minutes" in html
    assert "_auth_user_id" not in response.client.session
    # The lock is on the pair: the owner elsewhere, and others from there, sign in as usual
    # (tests/hardening/test_lockout.py).
    assert _sign_in("sec", PASSWORD, ip="192.0.2.50").status_code == 302
    UserFactory(username="other")
    assert _sign_in("other", PASSWORD, ip="198.51.100.1").status_code == 302


def test_the_lockout_ends_after_the_cool_off(limit, settings):
    import datetime as dt

    from django.utils import timezone

    UserFactory(username="sec")
    for _ in range(limit):
        _sign_in("sec", "wrong")
    assert _sign_in("sec", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert _sign_in("sec", PASSWORD).status_code == 302


def test_every_failure_leaves_an_audit_entry(limit):
    UserFactory(username="sec")
    for _ in range(limit):
        _sign_in("sec", "wrong", ip="203.0.113.8")
    attempt = AccessAttempt.objects.get(username="sec")
    assert attempt.failures_since_start == limit
    assert attempt.ip_address == "203.0.113.8"
    assert AccessFailureLog.objects.filter(username="sec", locked_out=True).exists()
    assert AccessFailureLog.objects.filter(username="sec").count() == limit


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(limit, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="victim")

    def behind_proxy(client_ip, password):
        return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client_ip).post(
            LOGIN, {"username": "victim", "password": password}
        )

    for _ in range(limit):
        behind_proxy("203.0.113.5", "wrong")
    assert behind_proxy("203.0.113.5", PASSWORD).status_code == 429
    # Another client behind the same proxy is not locked out with the attacker.
    assert behind_proxy("198.51.100.20", PASSWORD).status_code == 302
    assert AccessAttempt.objects.filter(ip_address="203.0.113.5").exists()


def test_api_tokens_and_signed_in_sessions_are_not_affected_by_a_lockout(limit, partner_user):
    for _ in range(limit):
        _sign_in(partner_user.username, "wrong", ip="127.0.0.1")
    _token, key = api_token_for(partner_user)
    api = Client(headers={"authorization": f"Token {key}"})
    assert api.get("/api/v1/pilots/").status_code == 200


def test_the_admin_signs_in_through_the_sites_page_with_its_lockout(limit):
    # The admin has no sign-in form of its own: the site's page asks for the second factor
    # where one is on, and counts failures for the lockout.
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    to = Client().get("/admin/login/?next=/admin/")
    assert to.status_code == 302 and to["Location"] == "/accounts/login/?next=/admin/"
    old_form = Client()
    old_form.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert "_auth_user_id" not in old_form.session
    for _ in range(limit):
        _sign_in("boss", "wrong")
    assert _sign_in("boss", PASSWORD).status_code == 429
    assert Client().get("/accounts/login/").status_code == 200


def _reset(email, django_capture_on_commit_callbacks):
    from config.celery import app

    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            return Client().post(reverse("password_reset"), {"email": email}, follow=True)
    finally:
        app.conf.task_always_eager = False


def test_password_reset_answers_the_same_whether_or_not_the_address_has_an_account(
    django_capture_on_commit_callbacks,
):
    UserFactory(username="known", email="known@example.org")
    known = _reset("known@example.org", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["known@example.org"]
    assert "/accounts/reset/" in mail.outbox[0].body
    unknown = _reset("nobody@example.org", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # nothing sent to an unknown address
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert _strip_tokens(known.content) == _strip_tokens(unknown.content)


def test_the_reset_email_is_queued_not_sent_in_the_request(django_capture_on_commit_callbacks):
    UserFactory(username="known", email="known@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = Client().post(reverse("password_reset"), {"email": "known@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
    assert len(callbacks) == 1


def _strip_tokens(content: bytes) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def test_someone_signed_in_who_opens_the_sign_in_page_goes_on_to_where_they_were_going():
    """The public site's "Sign in" is offered to everyone (its pages show nothing of their
    reader); a person already signed in is not asked for their password again."""
    client = Client()
    client.force_login(UserFactory(roles=[Role.REVIEWER]))
    assert client.get(LOGIN)["Location"] == reverse("programme:dashboard")
    assert client.get(LOGIN + "?next=/meetings/")["Location"] == "/meetings/"
    assert Client().get(LOGIN).status_code == 200
