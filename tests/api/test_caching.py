"""Cached API reads: a write shows up on the next read; ETags answer 304 until it does."""

from __future__ import annotations

import pytest

from base.cache import generation_bump
from pilots.choices import PilotStatus
from pilots.models import Country, Pilot
from pilots.services import pilot_transition
from tests.factories import PilotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilot(ghana):
    return PilotFactory(country=ghana, status=PilotStatus.ACCEPTED)


def _status(client, pilot_id):
    body = client.get("/api/v1/pilots/").json()
    return {row["id"]: row["status"] for row in body["results"]}.get(pilot_id)


def test_a_write_through_a_service_shows_on_the_next_read(
    partner_api_client, pilot, secretariat_user
):
    assert _status(partner_api_client, pilot.pk) == PilotStatus.ACCEPTED
    assert _status(partner_api_client, pilot.pk) == PilotStatus.ACCEPTED  # from the cache
    pilot_transition(actor=secretariat_user, pilot=pilot, to_status=PilotStatus.ACTIVE)
    assert _status(partner_api_client, pilot.pk) == PilotStatus.ACTIVE


def test_a_new_row_and_a_deleted_row_show_on_the_next_read(partner_api_client, pilot, kenya):
    assert _status(partner_api_client, pilot.pk) is not None
    other = PilotFactory(country=kenya)
    assert _status(partner_api_client, other.pk) is not None
    other.delete()
    assert _status(partner_api_client, other.pk) is None


def test_a_change_to_a_related_row_shows_on_the_next_read(partner_api_client, pilot, ghana):
    partner_api_client.get(f"/api/v1/pilots/{pilot.pk}/")
    ghana.name = "Ghana (renamed)"
    ghana.save()
    body = partner_api_client.get(f"/api/v1/pilots/{pilot.pk}/").json()
    assert body["country"]["name"] == "Ghana (renamed)"


def test_a_bulk_write_invalidates_through_the_service_that_makes_it(partner_api_client, pilot):
    assert _status(partner_api_client, pilot.pk) == PilotStatus.ACCEPTED
    # A queryset update sends no signals: code that writes in bulk bumps the generation.
    Pilot.objects.filter(pk=pilot.pk).update(status=PilotStatus.ACTIVE)
    generation_bump(Pilot)
    assert _status(partner_api_client, pilot.pk) == PilotStatus.ACTIVE


def test_etag_answers_304_until_a_write(partner_api_client, pilot, secretariat_user):
    first = partner_api_client.get("/api/v1/pilots/")
    etag = first["ETag"]
    assert first.status_code == 200 and etag and "private" in first["Cache-Control"]
    again = partner_api_client.get("/api/v1/pilots/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b"" and again["ETag"] == etag
    pilot_transition(actor=secretariat_user, pilot=pilot, to_status=PilotStatus.ACTIVE)
    after = partner_api_client.get("/api/v1/pilots/", headers={"if-none-match": etag})
    assert after.status_code == 200 and after["ETag"] != etag
    assert {r["id"]: r["status"] for r in after.json()["results"]}[pilot.pk] == "active"


def test_each_caller_has_their_own_entry_and_etag(partner_api_client, staff_api_client, pilot):
    partner = partner_api_client.get(f"/api/v1/pilots/{pilot.pk}/")
    staff = staff_api_client.get(f"/api/v1/pilots/{pilot.pk}/")
    assert partner.status_code == staff.status_code == 200
    assert partner["ETag"] != staff["ETag"]
    # One caller's ETag is no use to another: they get the full answer.
    other = staff_api_client.get(
        f"/api/v1/pilots/{pilot.pk}/", headers={"if-none-match": partner["ETag"]}
    )
    assert other.status_code == 200


def test_query_and_page_are_part_of_the_key(partner_api_client, pilot, kenya):
    PilotFactory(country=kenya)
    one = partner_api_client.get("/api/v1/pilots/?page_size=1").json()
    two = partner_api_client.get("/api/v1/pilots/?page_size=2").json()
    assert len(one["results"]) == 1 and len(two["results"]) == 2


def test_a_missing_row_is_not_cached(partner_api_client, kenya):
    missing = Country.objects.order_by("-pk").first().pk + 1000
    assert partner_api_client.get(f"/api/v1/pilots/{missing}/").status_code == 404
    pilot = PilotFactory(country=kenya)
    assert partner_api_client.get(f"/api/v1/pilots/{pilot.pk}/").status_code == 200


def test_pilots_sort_by_current_step_in_the_api(partner_api_client, ghana, kenya):
    from pilots.choices import RoadmapStep, StepStatus
    from pilots.models import PilotStep

    ahead = PilotFactory(country=ghana)
    behind = PilotFactory(country=kenya)
    PilotStep.objects.create(
        pilot=ahead,
        step=RoadmapStep.OBJECTIVES,
        status=StepStatus.DONE,
        completed_on="2020-01-01",
    )
    ids = [
        r["id"] for r in partner_api_client.get("/api/v1/pilots/?ordering=-step").json()["results"]
    ]
    assert ids.index(ahead.pk) < ids.index(behind.pk)
    ids = [
        r["id"] for r in partner_api_client.get("/api/v1/pilots/?ordering=step").json()["results"]
    ]
    assert ids.index(behind.pk) < ids.index(ahead.pk)


def test_a_read_is_not_stored_while_a_write_to_its_models_may_be_uncommitted(db):
    from django.core.cache import cache
    from django.db import transaction

    from base.cache import read_key

    cache.clear()
    assert read_key("pilots", None, [Pilot]).storable
    with transaction.atomic():
        generation_bump(Pilot)  # inside a transaction that has not committed yet
        key = read_key("pilots", None, [Pilot])
        assert not key.storable and key.ttl == 0
    # Other models' reads are not held back.
    from pilots.models import Region

    assert read_key("regions", None, [Region]).storable
