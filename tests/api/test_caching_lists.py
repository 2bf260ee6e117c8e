"""The partners' lists of meetings, milestones and support are kept per caller until a write
(or a new day): fewer queries on a repeat, the write on the next read, 304 on a matching ETag,
and the same queries for few rows as for many."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from egm.models import AdvisoryResponsibility
from pilots.choices import PilotStatus
from pilots.models import Pilot
from portal.models import CountryRecordLink
from portal.workprogramme.services import pilot_support_record
from tests.factories import MeetingFactory, MilestoneFactory, OrganisationFactory, PilotFactory
from tests.programme.test_cache_language import settle
from tests.querycount import counted

pytestmark = pytest.mark.django_db


def _add(kind, n, *, secretariat_user, ghana, tag):
    for i in range(n):
        if kind == "meetings":
            MeetingFactory(title=f"{tag} meeting {i}", is_public=True)
        elif kind == "milestones":
            MilestoneFactory(title=f"{tag} milestone {i}", is_public=True)
        else:
            pilot = Pilot.objects.filter(country=ghana).first() or PilotFactory(
                country=ghana, status=PilotStatus.ACTIVE
            )
            pilot_support_record(
                actor=secretariat_user, pilot=pilot,
                organisation=OrganisationFactory(name=f"{tag} donor {i}"), role="donor",
            )  # fmt: skip


URLS = {
    "meetings": "/api/v1/meetings/",
    "milestones": "/api/v1/milestones/",
    "support": "/api/v1/support-landscape/",
}


@pytest.mark.parametrize("kind", list(URLS))
def test_lists_are_kept_until_a_write(kind, partner_api_client, secretariat_user, ghana):
    url = URLS[kind]
    _add(kind, 1, secretariat_user=secretariat_user, ghana=ghana, tag="First")
    settle()
    first = partner_api_client.get(url)
    assert first.status_code == 200
    cached, again = counted(lambda: partner_api_client.get(url))
    assert again.content == first.content
    assert partner_api_client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    cache.clear()
    computed, _response = counted(lambda: partner_api_client.get(url))
    settle()
    partner_api_client.get(url)
    # The caller is authenticated again; the rows, their relations and the count are not read.
    assert 0 < cached <= computed - 2, (cached, computed)
    if kind == "support":
        pilot_support_record(
            actor=secretariat_user, pilot=ghana.pilot,
            organisation=OrganisationFactory(name="Later donor"), role="donor",
        )  # fmt: skip
        marker = "Later donor"
    else:
        _add(kind, 1, secretariat_user=secretariat_user, ghana=ghana, tag="Later")
        marker = "Later"
    settle()
    after = partner_api_client.get(url)
    assert marker in after.content.decode()
    assert after["ETag"] != first["ETag"]


@pytest.mark.parametrize("kind", list(URLS))
def test_list_queries_do_not_grow(kind, partner_api_client, secretariat_user, ghana):
    url = URLS[kind]

    def count():
        cache.clear()
        queries, response = counted(lambda: partner_api_client.get(url))
        assert response.status_code == 200
        return queries

    _add(kind, 2, secretariat_user=secretariat_user, ghana=ghana, tag="Few")
    partner_api_client.get(url)
    few = count()
    _add(kind, 12, secretariat_user=secretariat_user, ghana=ghana, tag="Many")
    assert count() == few


def test_lists_cached_since_are_kept_until_a_write_too(partner_api_client, staff_api_client, ghana):
    """A read-only list and one of the lists built from mixins (country records, written by
    the countries): each kept (no rows read on a repeat), and shows a write at once."""
    AdvisoryResponsibility.objects.create(order=1, text="Advise on the first edition")
    CountryRecordLink.objects.create(country=ghana, source="stip_compass", record="first/1")
    settle()
    for client, url, write, marker in (
        (
            partner_api_client,
            "/api/v1/advisory-responsibilities/",
            lambda: AdvisoryResponsibility.objects.create(order=2, text="Review the outline"),
            "Review the outline",
        ),
        (
            staff_api_client,
            "/api/v1/country-records/",
            lambda: CountryRecordLink.objects.create(
                country=ghana, source="go_spin", record="later/2"
            ),
            "later/2",
        ),
    ):
        first = client.get(url)
        assert first.status_code == 200
        cached, again = counted(lambda c=client, u=url: c.get(u))
        cache.clear()
        computed, _response = counted(lambda c=client, u=url: c.get(u))
        settle()
        assert again.content == first.content
        assert cached < computed, (url, cached, computed)
        write()
        settle()
        after = client.get(url)
        assert marker in after.content.decode()
        assert after["ETag"] != first["ETag"]
