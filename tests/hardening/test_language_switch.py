"""The language switch goes back to a page of this site, whatever `next` says."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.example/",
    "//evil.example/",
    "https:evil.example",
    "/\\evil.example/",
    "javascript:alert(1)",
]


def _csrf_client(user=None) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    # A page with a form for everyone, signed in or not, sets the CSRF cookie.
    client.get(reverse("password_reset"))
    return client, client.cookies["csrftoken"].value


@pytest.mark.parametrize("target", OFF_SITE)
@pytest.mark.parametrize("language", ["xx", "fr", ""])
def test_the_switch_never_redirects_off_site(target, language):
    client, token = _csrf_client()
    response = client.post(
        reverse("programme:language-set"),
        {"language": language, "next": target, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "evil.example" not in location


def test_an_unknown_language_goes_back_to_the_page_with_a_message(partner_user):
    client, token = _csrf_client(partner_user)
    response = client.post(
        reverse("programme:language-set"),
        {"language": "xx", "next": "/timeline/", "csrfmiddlewaretoken": token},
        follow=False,
    )
    assert response.status_code == 302
    assert response["Location"] == "/timeline/"
    partner_user.refresh_from_db()
    assert partner_user.language == ""


def test_an_unknown_language_without_next_goes_to_the_dashboard():
    client, token = _csrf_client()
    response = client.post(
        reverse("programme:language-set"), {"language": "xx", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:dashboard")
