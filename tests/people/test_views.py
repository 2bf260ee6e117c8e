"""The People pages: their changes are in the person's history, read in the reader's language;
forms with errors answer 400 and change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from programme.choices import Role
from programme.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_role_given_on_the_page_is_in_the_history_in_the_readers_language(
    secretariat_user, staff_client
):
    person = UserFactory(roles=[Role.ADVISORY_GROUP])
    page = reverse("people:person-roles", args=[person.pk])
    assert staff_client.post(page, {"role": Role.REVIEWER}).status_code == 302
    assert User.objects.get(pk=person.pk).is_reviewer
    User.objects.filter(pk=secretariat_user.pk).update(language="fr")
    html = staff_client.get(page).content.decode()
    assert "Rôle attribué : examinateur" in html


def test_inviting_with_errors_answers_400_and_makes_no_account(staff_client):
    response = staff_client.post(
        reverse("people:person-invite"), {"email": "fp@example.org", "role": Role.FOCAL_POINT}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["country"]
    assert not User.objects.filter(email="fp@example.org").exists()


def test_a_direct_post_removing_ones_own_secretariat_role_is_refused(
    secretariat_user, staff_client
):
    UserFactory(roles=[Role.SECRETARIAT])
    url = reverse("people:person-role-remove", args=[secretariat_user.pk, Role.SECRETARIAT])
    response = staff_client.post(url, follow=True)
    assert "You cannot remove your own secretariat role" in response.content.decode()
    assert User.objects.get(pk=secretariat_user.pk).is_secretariat
