"""The public site is one copy per language and generation of its data, shared by every
visitor and by proxies: validators, public cache headers, Vary, 304, and nothing of one
visitor (a CSRF token, a signed-in state) inside the shared copy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pilots.choices import PilotStatus
from tests.factories import PilotFactory, country
from tests.programme.test_cache_language import settle
from tests.querycount import counted

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced(reference_data):
    return PilotFactory(country=country("GHA"), status=PilotStatus.ACTIVE)


def _urls(pilot):
    return [
        reverse("public:home"),
        reverse("public:data"),
        reverse("public:pilot", args=[pilot.pk]),
        reverse("public:download", args=["pilots", "csv"]),
        reverse("public:download", args=["meetings", "json"]),
        reverse("public-progress:list"),
    ]


def test_every_public_page_has_validators_and_public_cache_headers(client, announced):
    settle()
    for url in _urls(announced):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"].startswith("public, max-age="), url
        assert response["ETag"].startswith('"'), url
        assert response["Last-Modified"].endswith("GMT"), url
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"Accept-Language", "Cookie"} <= vary, url
        assert not response.cookies, (url, response.cookies)
        assert b"csrfmiddlewaretoken" not in response.content, url
        repeat = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert repeat.status_code == 304, url
        assert repeat["ETag"] == response["ETag"]
        assert repeat["Cache-Control"] == response["Cache-Control"]


def test_downloads_keep_their_type_and_name_from_the_cache(client, announced):
    settle()
    url = reverse("public:download", args=["pilots", "csv"])
    first = client.get(url)
    queries, second = counted(lambda: client.get(url))
    assert queries == 0
    for header in ("Content-Type", "Content-Disposition", "Link"):
        assert second[header] == first[header]
    assert second.content == first.content


def test_home_is_read_from_the_cache_until_a_pilot_changes(client, announced):
    settle()
    first = client.get(reverse("public:home"))
    queries, again = counted(lambda: client.get(reverse("public:home")))
    assert again.content == first.content
    assert queries == 0
    PilotFactory(country=country("KEN"), status=PilotStatus.ACTIVE)
    settle()
    after = client.get(reverse("public:home"))
    assert "Kenya" in after.content.decode()
    assert after["ETag"] != first["ETag"]


def test_a_french_visitor_never_gets_the_english_copy(client, announced):
    settle()
    english = client.get(reverse("public:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in english.content.decode()
    french = client.get(reverse("public:home"), HTTP_ACCEPT_LANGUAGE="fr")
    assert 'lang="fr"' in french.content.decode()
    assert "Programme mondial" in french.content.decode() or french.content != english.content
    assert french["ETag"] != english["ETag"]
    # The French validator does not answer 304 for the English copy.
    assert (
        client.get(
            reverse("public:home"), HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=french["ETag"]
        ).status_code
        == 200
    )
    # The language cookie (set by the public switcher) wins over the browser's header.
    switched = client.get(reverse("public:language"), {"language": "fr", "next": "/public/"})
    assert switched.status_code == 302 and switched["Location"] == "/public/"
    again = client.get(reverse("public:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="fr"' in again.content.decode()


def test_signed_in_readers_get_the_same_page_but_no_proxy_may_keep_theirs(
    client, staff_client, announced
):
    settle()
    anonymous = client.get(reverse("public:home"))
    signed_in = staff_client.get(reverse("public:home"))
    assert signed_in["Cache-Control"].startswith("private")
    # Nothing of the signed-in reader went into the shared copy or came out of it.
    assert signed_in.content == anonymous.content
    assert b"csrfmiddlewaretoken" not in signed_in.content
    assert b"Sign out" not in signed_in.content and b"logout" not in signed_in.content


def test_the_public_switcher_is_a_get_form_without_a_token(client, announced):
    page = client.get(reverse("public:home")).content.decode()
    form = page.split('class="language-switcher')[1].split("</form>")[0]
    assert 'method="get"' in form
    assert reverse("public:language") in form
    assert "csrf" not in form


def test_the_public_switcher_never_sends_anyone_off_site(client):
    response = client.get(
        reverse("public:language"), {"language": "fr", "next": "https://example.org/"}
    )
    assert response["Location"] == reverse("public:home")
    assert response.cookies["django_language"].value == "fr"
    unknown = client.get(reverse("public:language"), {"language": "xx", "next": "/public/"})
    assert unknown.status_code == 302
    assert (
        "django_language" not in unknown.cookies or unknown.cookies["django_language"].value != "xx"
    )


def test_a_page_holding_a_token_is_never_shared(rf, announced):
    from django.contrib.auth.models import AnonymousUser
    from django.middleware.csrf import get_token
    from django.template import engines

    from base.httpcache import shared_response
    from pilots.models import Pilot

    request = rf.get("/public/odd/")
    request.user = AnonymousUser()
    template = engines["django"].from_string("<form>{% csrf_token %}</form>")

    def build():
        from django.http import HttpResponse

        get_token(request)
        return HttpResponse(template.render({}, request))

    settle()
    response = shared_response(request, name="odd", model_list=[Pilot], build=build)
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_every_public_page_names_the_licence_with_its_link(client, announced, settings):
    """The public layout's footer links to the open-data licence on every page, whichever app
    draws the page (a page without it showed an empty link, which has no name to read)."""
    licence = settings.OPEN_DATA_LICENCE
    link = f'<a href="{licence["url"]}" rel="license">{licence["name"]}</a>'
    for url in _urls(announced):
        response = client.get(url)
        if response["Content-Type"].startswith("text/html"):
            page = response.content.decode()
            assert link in page, url
            assert 'href=""' not in page, url
