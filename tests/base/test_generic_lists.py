"""A list page whose filters and rows are kept (`ScopedFilterView.cache_models`) reads them only
when its kept part is missing; asked for, they are the same as Django's list view gives."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PilotFactory, country
from tests.programme.test_cache_language import settle
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db

URL = reverse("pilots:pilot-list")


@pytest.fixture
def pilots(reference_data):
    return [PilotFactory(country=country(iso3)) for iso3 in ("GHA", "KEN", "ETH")]


def test_a_kept_list_reads_no_row_and_counts_nothing(staff_client, pilots):
    settle()
    first = staff_client.get(URL)
    assert first.status_code == 200
    with queries_counted() as queries:
        again = staff_client.get(URL)
    assert again.status_code == 200
    assert not [q for q in queries.sql if "pilots_pilot" in q or "COUNT(" in q]
    main = lambda response: response.content.decode().split('id="main"')[1]  # noqa: E731
    assert main(again) == main(first)
    # Asked for, the page's rows and pages are there as Django's list view gives them.
    assert again.context["paginator"].count == 3
    assert not again.context["is_paginated"]
    assert {p.pk for p in again.context["object_list"]} == {p.pk for p in pilots}
    assert again.context["pilot_list"] == again.context["object_list"]
    assert "region" in again.context["filter"].form.fields


def test_a_kept_list_does_not_even_build_its_rows_query(staff_client, pilots, monkeypatch):
    from portal.pilots.views import PilotListView

    built = []
    selector = PilotListView.selector

    def counting(*, user):
        built.append(user)
        return selector(user=user)

    monkeypatch.setattr(PilotListView, "selector", staticmethod(counting))
    settle()
    staff_client.get(URL)
    assert len(built) == 1
    # Served from the kept part: the scoped query is not even built (not only not run).
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert len(built) == 1
    assert response.template_name == [PilotListView.template_name]


def test_a_filter_and_a_page_are_read_as_before(staff_client, pilots):
    ghana = staff_client.get(URL, {"q": "Ghana"})
    assert ghana.status_code == 200
    assert [p.country.iso3 for p in ghana.context["object_list"]] == ["GHA"]
    assert staff_client.get(URL, {"page": 99}).status_code == 404


def test_an_invalid_filter_shows_its_error_and_no_row(staff_client, pilots):
    response = staff_client.get(URL, {"status": "no-such-status"})
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert "status" in response.context["filter"].form.errors
