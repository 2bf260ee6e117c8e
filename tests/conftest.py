"""Fixtures shared by the whole suite: reference data, users of every role and their clients."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from pilots.models import Country
from programme.choices import Role
from tests.factories import UserFactory, country


@pytest.fixture(autouse=True)
def _fast_hashing_and_private_files(settings, tmp_path):
    # Argon2 is the production hasher (tested on its own); tests hash many passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded files go to a fresh folder per test, never the developer's .local/.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def reference_data(db):
    """Countries, SDGs and the rubric, loaded once per database (cheap check afterwards).

    Function-scoped so that it also survives transactional tests, which empty every table.
    """
    if not Country.objects.exists():
        call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def ghana(reference_data):
    return country("GHA")


@pytest.fixture
def kenya(reference_data):
    return country("KEN")


@pytest.fixture
def secretariat_user(db):
    return UserFactory(username="sec", roles=[Role.SECRETARIAT])


@pytest.fixture
def reviewer_user(db):
    return UserFactory(username="rev", roles=[Role.REVIEWER])


@pytest.fixture
def focal_point_user(ghana):
    """A focal point for Ghana ("own" country in permission tables)."""
    return UserFactory(username="fp-gha", roles=[Role.FOCAL_POINT], countries=[ghana])


@pytest.fixture
def other_focal_point_user(kenya):
    """A focal point for Kenya ("other" country in permission tables)."""
    return UserFactory(username="fp-ken", roles=[Role.FOCAL_POINT], countries=[kenya])


@pytest.fixture
def advisory_user(db):
    return UserFactory(username="adv", roles=[Role.ADVISORY_GROUP])


@pytest.fixture
def partner_user(db):
    return UserFactory(username="partner", roles=[Role.PARTNER])


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(secretariat_user):
    return _client_for(secretariat_user)


@pytest.fixture
def reviewer_client(reviewer_user):
    return _client_for(reviewer_user)


@pytest.fixture
def focal_point_client(focal_point_user):
    return _client_for(focal_point_user)


@pytest.fixture
def other_focal_point_client(other_focal_point_user):
    return _client_for(other_focal_point_user)


@pytest.fixture
def advisory_client(advisory_user):
    return _client_for(advisory_user)


@pytest.fixture
def partner_client(partner_user):
    return _client_for(partner_user)


@pytest.fixture
def role_clients(
    client,
    staff_client,
    reviewer_client,
    focal_point_client,
    other_focal_point_client,
    advisory_client,
    partner_client,
):
    """Every role's client by name, for permission tables."""
    return {
        "anonymous": client,
        "secretariat": staff_client,
        "reviewer": reviewer_client,
        "focal_own": focal_point_client,
        "focal_other": other_focal_point_client,
        "advisory": advisory_client,
        "partner": partner_client,
    }


@pytest.fixture
def celery_worker_real(transactional_db):
    """A real Celery worker, in a thread, consuming from the real Redis broker.

    Tests that depend on queueing, retries or after-commit behaviour use this instead of
    eager mode, so they exercise the same broker and serialisation as production.
    """
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request in French or Spanish leaves its language active in the thread (the locale
    middleware sets it per request); the next test starts in the site's language."""
    yield
    from django.utils import translation

    translation.activate("en")
