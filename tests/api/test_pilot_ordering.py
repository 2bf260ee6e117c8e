"""The pilot list's `ordering` takes several sort keys and every key counts, in order."""

import datetime as dt

import pytest

from pilots.models import Country
from tests.factories import PilotFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("repeated", [False, True], ids=["comma_separated", "repeated"])
def test_every_ordering_key_counts_in_order(staff_api_client, ghana, kenya, repeated):
    # Ghana and Kenya are tied on status, so the second key decides between them; India's
    # status puts it first or last whatever the second key says.
    india = Country.objects.get(iso3="IND")
    PilotFactory(country=kenya, status="active", joined_on=dt.date(2020, 1, 1))
    PilotFactory(country=ghana, status="active", joined_on=dt.date(2021, 1, 1))
    PilotFactory(country=india, status="accepted", joined_on=dt.date(2022, 1, 1))

    def countries(*keys):
        ordering = list(keys) if repeated else ",".join(keys)
        response = staff_api_client.get("/api/v1/pilots/", {"ordering": ordering})
        assert response.status_code == 200, response.content
        return [row["country"]["name"] for row in response.json()["results"]]

    assert countries("status", "country") == ["India", "Ghana", "Kenya"]
    assert countries("status", "-country") == ["India", "Kenya", "Ghana"]
    assert countries("-status", "-joined") == ["Ghana", "Kenya", "India"]
    assert countries("-status", "joined") == ["Kenya", "Ghana", "India"]
