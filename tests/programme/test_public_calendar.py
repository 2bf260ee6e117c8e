"""The public calendar: a bounded window, validated parameters, and one shared copy per
language and generation of its data, with the headers a proxy needs."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from base import httpcache
from programme.services import calendar_token_reset
from tests.factories import MeetingFactory, MilestoneFactory
from tests.programme.test_cache_language import settle
from tests.querycount import counted

pytestmark = pytest.mark.django_db

URL = "/calendar/public.ics"


def _summaries(body: bytes) -> set[str]:
    return {str(e["SUMMARY"]) for e in Calendar.from_ical(body).walk("VEVENT")}


def _days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def dated(reference_data):
    return {
        "old": MilestoneFactory(title="Two years ago", is_public=True, due_on=_days(-730)),
        "recent": MilestoneFactory(title="Last month", is_public=True, due_on=_days(-30)),
        "soon": MilestoneFactory(title="Next year", is_public=True, due_on=_days(400)),
        "far": MilestoneFactory(title="In four years", is_public=True, due_on=_days(1500)),
        "private": MilestoneFactory(title="Not public", is_public=False, due_on=_days(10)),
        "long": MeetingFactory(
            title="Meeting across the window's start",
            is_public=True,
            start_date=_days(-368),
            end_date=_days(-364),
        ),
        "ancient": MeetingFactory(title="Meeting of 2019", is_public=True),
    }


def test_url_is_the_documented_one():
    assert reverse("programme:calendar-public") == URL


def test_default_window_is_a_year_back_and_two_ahead(client, dated):
    assert _summaries(client.get(URL).content) == {
        "Last month",
        "Next year",
        "Meeting across the window's start",
    }


def test_the_window_parameters_widen_and_narrow_it(client, dated):
    wide = _summaries(client.get(URL + "?years_back=10&years_ahead=10").content)
    assert wide == {
        "Two years ago",
        "Last month",
        "Next year",
        "In four years",
        "Meeting across the window's start",
        "Meeting of 2019",
    }
    assert _summaries(client.get(URL + "?years_back=0&years_ahead=0").content) == set()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("years_back=-1", "years_back"),
        ("years_back=11", "years_back"),
        ("years_ahead=abc", "years_ahead"),
        ("years_ahead=2.5", "years_ahead"),
        ("years_back=1&years_ahead=99999999999999999999", "years_ahead"),
    ],
)
def test_bad_window_is_a_400_naming_the_parameter(client, dated, query, field):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    text = response.content.decode()
    assert text.startswith(f"{field}: ")
    assert "public" not in response.get("Cache-Control", "")


def test_public_cache_headers_and_304(client, dated):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, max-age=")
    assert int(response["Cache-Control"].split("max-age=")[1]) > 0
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert "Set-Cookie" not in response or not response.cookies
    again = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == response["ETag"]
    since = client.get(URL, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    assert client.get(URL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_served_from_the_cache_until_the_data_changes(client, dated):
    settle()
    first = client.get(URL)
    computed, _response = counted(lambda: client.get(URL + "?years_back=1"))
    assert computed > 0
    queries, second = counted(lambda: client.get(URL))
    assert queries == 0
    assert second.content == first.content
    MilestoneFactory(title="Added later", is_public=True, due_on=_days(5))
    settle()
    third = client.get(URL)
    assert "Added later" in _summaries(third.content)
    assert third["ETag"] != first["ETag"]


def test_a_large_feed_is_kept_in_the_process_until_the_data_changes(client, dated, monkeypatch):
    # Every feed counts as large here, so it is also kept in this process.
    monkeypatch.setattr(httpcache, "LARGE_MIN_BYTES", 0)
    httpcache._LARGE.clear()
    settle()
    first = client.get(URL)
    reads = []
    monkeypatch.setattr(httpcache, "read_through", lambda *a, **k: reads.append(a) or 1 / 0)
    second = client.get(URL)
    assert reads == [] and second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    monkeypatch.undo()
    monkeypatch.setattr(httpcache, "LARGE_MIN_BYTES", 0)
    MilestoneFactory(title="Added later", is_public=True, due_on=_days(5))
    settle()
    third = client.get(URL)
    assert "Added later" in _summaries(third.content)
    httpcache._LARGE.clear()


def test_a_client_that_accepts_gzip_gets_the_copy_compressed_once(client, dated, monkeypatch):
    monkeypatch.setattr(httpcache, "GZIP_MIN_BYTES", 0)
    settle()
    plain = client.get(URL)
    zipped = client.get(URL, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content)
    # Two representations: each its own validator, kept apart by proxies.
    assert zipped["ETag"] != plain["ETag"]
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    again = client.get(URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304
    assert client.get(URL, HTTP_IF_NONE_MATCH=zipped["ETag"]).status_code == 200
    assert client.get(URL, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304


def test_each_language_has_its_own_copy(client, dated):
    settle()
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    french = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr")
    with translation.override("fr"):
        from django.utils.translation import gettext

        french_name = gettext("STI for SDGs roadmaps: public calendar")
    assert french_name != "STI for SDGs roadmaps: public calendar"
    assert french_name.encode() in french.content.replace(b"\r\n ", b"")
    assert b"STI for SDGs roadmaps: public calendar" in english.content
    assert french["ETag"] != english["ETag"]
    # And back: the English copy is still English after the French one was stored.
    assert (
        b"STI for SDGs roadmaps: public calendar"
        in client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content
    )


def test_queries_do_not_grow_with_events(client, reference_data):
    def count(n):
        for i in range(n):
            MilestoneFactory(title=f"M {n}-{i}", is_public=True, due_on=_days(i))
            MeetingFactory(
                title=f"Meeting {n}-{i}", is_public=True, start_date=_days(i), end_date=_days(i)
            )
        queries, response = counted(lambda: client.get(URL))
        assert response.status_code == 200 and queries > 0
        return queries

    assert count(2) == count(20)


def test_private_feed_is_cached_per_person_and_never_by_proxies(
    client, focal_point_user, secretariat_user, reference_data
):
    MilestoneFactory(title="Everyone's", is_public=True, due_on=_days(3))
    mine = calendar_token_reset(actor=focal_point_user)
    theirs = calendar_token_reset(actor=secretariat_user)
    MilestoneFactory(title="Secretariat only", is_public=False, due_on=_days(4))
    response = client.get(reverse("programme:calendar-private", args=[theirs]))
    assert "Secretariat only" in _summaries(response.content)
    assert response["Cache-Control"] == "private, no-store"
    mine_events = _summaries(client.get(reverse("programme:calendar-private", args=[mine])).content)
    assert "Secretariat only" not in mine_events
    assert "Everyone's" in mine_events


def _locations(body: bytes) -> dict[str, str]:
    return {
        str(e["SUMMARY"]): str(e["LOCATION"])
        for e in Calendar.from_ical(body).walk("VEVENT")
        if "LOCATION" in e
    }


def test_places_are_named_in_the_readers_language(client, focal_point_user, reference_data):
    from pilots.models import Country

    germany = Country.objects.get(iso3="DEU")
    assert germany.translations["fr"]["name"] == "Allemagne"
    MilestoneFactory(title="Due in Germany", is_public=True, due_on=_days(5), country=germany)
    MeetingFactory(
        title="Held in Berlin",
        is_public=True,
        start_date=_days(6),
        end_date=_days(7),
        venue="",
        city="Berlin",
        country=germany,
    )
    private = reverse(
        "programme:calendar-private", args=[calendar_token_reset(actor=focal_point_user)]
    )
    for url in (URL, private):
        french = _locations(client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content)
        assert french == {"Due in Germany": "Allemagne", "Held in Berlin": "Berlin, Allemagne"}
        spanish = _locations(client.get(url, HTTP_ACCEPT_LANGUAGE="es").content)
        assert spanish["Held in Berlin"] == "Berlin, Alemania"
        english = _locations(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content)
        assert english["Held in Berlin"] == "Berlin, Germany"


def test_private_feed_default_window_and_parameters(client, focal_point_user, dated):
    url = reverse("programme:calendar-private", args=[calendar_token_reset(actor=focal_point_user)])
    assert _summaries(client.get(url).content) == {
        "Last month",
        "Next year",
        "Meeting across the window's start",
    }
    assert "In four years" in _summaries(client.get(url + "?years_ahead=5").content)
    for bad in ("?years_back=11", "?years_ahead=x", "?years_back=-1"):
        assert client.get(url + bad).status_code == 400
