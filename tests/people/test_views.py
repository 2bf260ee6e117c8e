"""The People pages: their changes are in the person's history, read in the reader's language;
forms with errors answer 400 and change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from programme.choices import Role
from programme.models import User
from tests.factories import UserFactory
from tests.programme.test_cache_language import settle

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


def _row(client, person) -> str:
    page = client.get(reverse("people:person-list")).content.decode()
    return page.split(f'href="{reverse("people:person-roles", args=[person.pk])}"')[1].split(
        "</tr>"
    )[0]


def test_the_list_shows_a_role_given_and_a_second_factor_set_up_on_the_next_read(
    secretariat_user, staff_client
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from programme.services import role_grant

    person = UserFactory(roles=[Role.ADVISORY_GROUP])
    settle()
    row = _row(staff_client, person)
    assert "Reviewer" not in row and "Two-factor" not in row
    assert _row(staff_client, person) == row  # kept
    role_grant(actor=secretariat_user, person=person, role=Role.REVIEWER)
    settle()
    assert "Reviewer" in _row(staff_client, person)
    TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    settle()
    assert "Two-factor" in _row(staff_client, person)


def test_an_invitation_that_expires_shows_on_the_next_read(staff_client):
    import datetime as dt

    from django.utils import timezone

    from programme.models import Invitation

    person = UserFactory(is_active=False)
    invitation = Invitation.objects.create(
        user=person, role=Role.REVIEWER, expires_at=timezone.now() + dt.timedelta(hours=1)
    )
    settle()
    assert "Invited" in _row(staff_client, person)
    # Time passes: the invitation is no longer open, with no write to any row the list reads.
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - dt.timedelta(days=2),
        expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    settle()
    assert "Inactive" in _row(staff_client, person)


def test_a_new_organisation_is_offered_on_the_next_read_of_a_persons_page(staff_client):
    from tests.factories import OrganisationFactory

    person = UserFactory(roles=[Role.ADVISORY_GROUP])
    page = reverse("people:person-roles", args=[person.pk])
    OrganisationFactory(acronym="First Institute")
    settle()
    html = staff_client.get(page).content.decode()
    assert "First Institute" in html and "Second Institute" not in html
    OrganisationFactory(acronym="Second Institute")
    settle()
    assert "Second Institute" in staff_client.get(page).content.decode()


def test_the_role_form_is_kept_and_lists_a_new_organisation_at_once(staff_client, ghana):
    from tests.factories import OrganisationFactory, PilotFactory

    PilotFactory(country=ghana)
    first, second = UserFactory(), UserFactory()
    url = reverse("people:person-roles", args=[first.pk])
    settle()
    fresh = staff_client.get(url).content.decode()
    kept = staff_client.get(reverse("people:person-roles", args=[second.pk])).content.decode()

    def select(html, name):
        return html.split(f'<select name="{name}"')[1].split("</select>")[0]

    # Another person's page shows the same form, drawn from the copy.
    for name in ("role", "country", "organisation"):
        assert select(kept, name) == select(fresh, name)
    assert ">Ghana</option>" in select(kept, "country")
    added = OrganisationFactory(name="Added meanwhile", acronym="ADDED")
    settle()
    assert f'<option value="{added.pk}">ADDED</option>' in select(
        staff_client.get(url).content.decode(), "organisation"
    )
    # A form sent with an error is drawn afresh, with the error on it.
    refused = staff_client.post(url, {"role": Role.FOCAL_POINT})
    assert refused.status_code == 400
    errors = [str(e) for field in refused.context["form"].errors.values() for e in field]
    assert errors and all(escape(e) in refused.content.decode() for e in errors)
