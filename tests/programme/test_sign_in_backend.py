"""A signed-in person is read back on each request with their roles, in one query, and the
session from the cache: the fixed cost every page of every signed-in person pays."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.choices import Role
from programme.roles import SignInBackend, grant_role, revoke_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured.captured_queries]


def test_a_signed_in_page_reads_the_person_and_their_roles_in_one_query(client):
    user = UserFactory(roles=[Role.REVIEWER])
    client.force_login(user)
    url = reverse("programme:account-notifications")
    client.get(url)
    response, queries = _queries_of(client, url)
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    reads_of_people = [q for q in queries if q.startswith('SELECT "programme_user"."id"')]
    assert len(reads_of_people) >= 1
    assert "auth_group" in reads_of_people[0]
    # No query of its own for the roles, and none for the session (read from the cache).
    assert not [q for q in queries if q.startswith('SELECT "auth_group"."name"')]
    assert not [q for q in queries if 'FROM "django_session"' in q]


def test_a_role_given_or_taken_shows_on_the_next_request(client):
    user = UserFactory(roles=[Role.REVIEWER])
    client.force_login(user)
    assert client.get(reverse("roadmaps:review-list")).status_code == 200
    revoke_role(user, Role.REVIEWER)
    assert client.get(reverse("roadmaps:review-list")).status_code == 403
    grant_role(user, Role.REVIEWER)
    assert client.get(reverse("roadmaps:review-list")).status_code == 200


def test_a_deactivated_account_is_signed_out_on_its_next_request(client):
    user = UserFactory(roles=[Role.REVIEWER])
    client.force_login(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.get(reverse("roadmaps:review-list"))
    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated


def test_the_backend_reads_nobody_for_an_unknown_id():
    assert SignInBackend().get_user(987654321) is None


def test_a_session_outlives_a_cache_flush(client):
    from django.core.cache import cache

    user = UserFactory(roles=[Role.REVIEWER])
    client.force_login(user)
    cache.clear()
    response = client.get(reverse("roadmaps:review-list"))
    assert response.status_code == 200
    assert str(user.pk) == client.session[SESSION_KEY]
