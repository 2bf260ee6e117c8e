"""API tokens: hashed storage, authentication, revocation and expiry, and the staff pages."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from base.errors import DomainError
from programme.models import ApiToken
from programme.services import api_token_create, api_token_revoke
from tests.api.conftest import token_client
from tests.factories import UserFactory, api_token_for

pytestmark = pytest.mark.django_db

PILOTS = "/api/v1/pilots/"


def test_token_is_stored_hashed_and_returned_once(partner_user, secretariat_user):
    token, key = api_token_create(actor=secretariat_user, user=partner_user, name="WB hub")
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]
    assert key not in {str(v) for v in vars(token).values()}
    assert len(key) >= 40
    assert token.created_by == secretariat_user and token.status == "active"


def test_a_valid_token_reads_and_records_its_use(partner_token):
    token, key = partner_token
    response = token_client(key).get(PILOTS)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_use_is_written_at_most_once_a_minute(partner_token):
    token, key = partner_token
    client = token_client(key)
    client.get(PILOTS)
    token.refresh_from_db()
    first = token.last_used_at
    client.get(PILOTS)
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    client.get(PILOTS)
    token.refresh_from_db()
    assert token.last_used_at > first - dt.timedelta(minutes=2)


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Token not-a-real-key-at-all", "invalid_token"),
        ("Token", "malformed_token"),
        ("Token a b", "malformed_token"),
    ],
)
def test_bad_tokens_are_401_with_the_error_shape(client, db, header, code):
    response = client.get(PILOTS, headers={"authorization": header})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["error"] == {
        "status": 401,
        "code": code,
        "message": response.json()["error"]["message"],
    }


def test_revoked_token_is_401(partner_token, secretariat_user):
    token, key = partner_token
    api_token_revoke(actor=secretariat_user, token=token)
    response = token_client(key).get(PILOTS)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_revoked"


def test_revoking_twice_is_refused(partner_token, secretariat_user):
    token, _key = partner_token
    api_token_revoke(actor=secretariat_user, token=token)
    with pytest.raises(DomainError) as err:
        api_token_revoke(actor=secretariat_user, token=token)
    assert err.value.code == "already_revoked"


def test_expired_token_is_401(partner_user):
    token, key = api_token_for(partner_user, expires_at=timezone.now() + dt.timedelta(days=1))
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=now - dt.timedelta(days=3), expires_at=now - dt.timedelta(days=1)
    )
    response = token_client(key).get(PILOTS)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_expired"


def test_token_of_a_disabled_account_is_401(partner_token, partner_user):
    partner_user.is_active = False
    partner_user.save()
    assert token_client(partner_token[1]).get(PILOTS).status_code == 401


def test_expiry_before_creation_is_invalid(partner_user, secretariat_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        api_token_create(
            actor=secretariat_user,
            user=partner_user,
            name="x",
            expires_at=timezone.now() - dt.timedelta(days=1),
        )
    assert "expires_at" in err.value.message_dict


# --- Staff pages ---------------------------------------------------------------------------

TOKEN_PAGES = ["programme:api-token-list", "programme:api-token-create"]


@pytest.mark.parametrize("name", TOKEN_PAGES)
def test_token_pages_are_for_the_secretariat(name, role_clients):
    expected = {
        "anonymous": 302,
        "secretariat": 200,
        "reviewer": 403,
        "focal_own": 403,
        "focal_other": 403,
        "advisory": 403,
        "partner": 403,
    }
    got = {role: c.get(reverse(name)).status_code for role, c in role_clients.items()}
    assert got == expected


def test_staff_create_a_token_and_see_the_key_once(staff_client, partner_user):
    response = staff_client.post(
        reverse("programme:api-token-create"),
        {"user": partner_user.pk, "name": "UNESCO statistics"},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = response.context["key"]
    assert key.encode() in response.content
    token = ApiToken.objects.get(name="UNESCO statistics")
    assert token.user == partner_user and token.prefix == key[:8]
    listing = staff_client.get(reverse("programme:api-token-list"))
    assert token.prefix.encode() in listing.content
    assert key.encode() not in listing.content
    assert token_client(key).get(PILOTS).status_code == 200


def test_token_form_offers_partner_accounts_only(staff_client, partner_user, reviewer_user):
    response = staff_client.post(
        reverse("programme:api-token-create"), {"user": reviewer_user.pk, "name": "x"}
    )
    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_staff_revoke_a_token_after_confirming(staff_client, partner_token):
    token, key = partner_token
    url = reverse("programme:api-token-revoke", args=[token.pk])
    confirm = staff_client.get(url)
    assert confirm.status_code == 200 and b"Revoke token" in confirm.content
    token.refresh_from_db()
    assert token.revoked_at is None
    response = staff_client.post(url, follow=True)
    assert b"was revoked" in response.content
    token.refresh_from_db()
    assert token.status == "revoked"
    assert token_client(key).get(PILOTS).status_code == 401
    again = staff_client.post(url, follow=True)
    assert b"already revoked" in again.content


def test_non_staff_cannot_revoke(partner_client, partner_token):
    token, _key = partner_token
    response = partner_client.post(reverse("programme:api-token-revoke", args=[token.pk]))
    assert response.status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_navigation_links_tokens_for_staff_and_docs_for_everyone(staff_client, focal_point_client):
    staff_page = staff_client.get(reverse("programme:dashboard")).content.decode()
    focal_page = focal_point_client.get(reverse("programme:dashboard")).content.decode()
    tokens = f'href="{reverse("programme:api-token-list")}"'
    docs = f'href="{reverse("api:docs")}"'
    assert tokens in staff_page and tokens not in focal_page
    assert docs in staff_page and docs in focal_page


def test_tokens_work_for_any_active_account(db):
    user = UserFactory()
    _token, key = api_token_for(user)
    assert token_client(key).get(PILOTS).status_code == 200
