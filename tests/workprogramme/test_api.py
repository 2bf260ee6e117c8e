"""The work programme's API: what partners read, and what they never see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pilots.choices import PilotStatus
from portal.models import TrustFund
from portal.workprogramme.services import (
    exchange_rate_record,
    pilot_support_record,
    trust_fund_pledge_record,
    trust_fund_receipt_record,
)
from tests.factories import OrganisationFactory, PilotFactory, api_token_for
from tests.programme.test_cache_language import settle

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(partner_user):
    from django.test import Client

    return Client(headers={"authorization": f"Token {api_token_for(partner_user)[1]}"})


def test_landscape_lists_announced_pilots_only(partner, secretariat_user, ghana, kenya):
    shown = pilot_support_record(
        actor=secretariat_user,
        pilot=PilotFactory(country=ghana, status=PilotStatus.ACTIVE),
        organisation=OrganisationFactory(acronym="AAA"),
        role="supporter",
        steps=[3, 1],
        goals=[9],
    )
    hidden = pilot_support_record(
        actor=secretariat_user,
        pilot=PilotFactory(country=kenya, status=PilotStatus.INTERESTED),
        organisation=OrganisationFactory(acronym="BBB"),
        role="supporter",
        steps=[1],
    )
    body = partner.get("/api/v1/support-landscape/").json()
    assert [row["id"] for row in body["results"]] == [shown.pk]
    assert body["results"][0]["steps"] == [1, 3] and body["results"][0]["sdgs"] == [9]
    assert partner.get(f"/api/v1/support-landscape/{hidden.pk}/").status_code == 404
    # A filter cannot reveal the hidden pilot's support either.
    assert partner.get("/api/v1/support-landscape/", {"step": 1}).json()["count"] == 1
    export = b"".join(partner.get("/api/v1/support-landscape/export/?format=csv").streaming_content)
    assert b"BBB" not in export and b"AAA" in export
    assert partner.get("/api/v1/support-landscape/", {"step": 9}).status_code == 400


def test_trust_fund_totals_are_exact_and_name_no_donor(partner, secretariat_user):
    fund = TrustFund.objects.create(name="Fund")
    donor = OrganisationFactory(name="Secret Donor Agency")
    pledge = trust_fund_pledge_record(
        actor=secretariat_user,
        fund=fund,
        donor=donor,
        amount=Decimal("0.10"),
        currency="JPY",
        pledged_on=dt.date(2026, 1, 1),
    )
    for _ in range(2):
        trust_fund_pledge_record(
            actor=secretariat_user,
            fund=fund,
            donor=donor,
            amount=Decimal("0.10"),
            currency="JPY",
            pledged_on=dt.date(2026, 1, 1),
        )
    trust_fund_receipt_record(
        actor=secretariat_user,
        pledge=pledge,
        amount=Decimal("0.05"),
        received_on=dt.date(2026, 1, 2),
    )
    # The writes are settled, so these totals are kept: the new rate must still show below.
    settle()
    response = partner.get("/api/v1/trust-fund-totals/")
    assert b"Secret Donor" not in response.content
    body = response.json()
    assert body["currencies"] == [
        {
            "currency": "JPY",
            "pledged": "0.30",
            "received": "0.05",
            "outstanding": "0.25",
            "usd_per_unit": None,
            "rate_on": None,
            "pledged_usd": None,
            "received_usd": None,
        }
    ]
    assert body["usd"] == {
        "pledged": "0.00",
        "received": "0.00",
        "complete": False,
        "missing": ["JPY"],
    }
    exchange_rate_record(
        actor=secretariat_user,
        currency="JPY",
        usd_per_unit=Decimal("0.0066"),
        rate_on=dt.date(2026, 1, 3),
    )
    settle()
    row = partner.get("/api/v1/trust-fund-totals/").json()["currencies"][0]
    assert (row["usd_per_unit"], row["rate_on"], row["pledged_usd"]) == (
        "0.00660000",
        "2026-01-03",
        "0.00",
    )


def test_an_ended_support_is_listed_on_its_dates_and_found_by_id(partner, secretariat_user, ghana):
    ended = pilot_support_record(
        actor=secretariat_user,
        pilot=PilotFactory(country=ghana, status=PilotStatus.ACTIVE),
        organisation=OrganisationFactory(),
        role="donor",
        start_on=dt.date(2019, 1, 1),
        end_on=dt.date(2020, 1, 1),
        steps=[1],
    )
    assert partner.get("/api/v1/support-landscape/").json()["count"] == 0
    listed = partner.get("/api/v1/support-landscape/", {"on": "2019-06-01"}).json()["results"]
    assert [row["id"] for row in listed] == [ended.pk]
    assert partner.get(f"/api/v1/support-landscape/{ended.pk}/").status_code == 200
