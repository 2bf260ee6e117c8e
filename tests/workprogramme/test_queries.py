"""The support landscape's matrix and the trust fund's totals cost the same queries for few
rows as for many."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pilots.choices import RoadmapStep, StepStatus
from pilots.models import Country, PilotStep
from portal.models import TrustFund
from portal.workprogramme.services import (
    exchange_rate_record,
    pilot_support_record,
    trust_fund_pledge_record,
    trust_fund_receipt_record,
)
from tests.factories import OrganisationFactory, PilotFactory
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db


def _add_pilots(actor, n, start):
    countries = Country.objects.order_by("pk")[start : start + n]
    for country in countries:
        pilot = PilotFactory(country=country)
        PilotStep.objects.create(
            pilot=pilot, step=RoadmapStep.OBJECTIVES, status=StepStatus.DONE,
            completed_on=dt.date(2025, 1, 1),
        )  # fmt: skip
        for _ in range(3):
            pilot_support_record(
                actor=actor, pilot=pilot, organisation=OrganisationFactory(),
                role="supporter", steps=[2, 3], goals=[9],
            )  # fmt: skip


def _queries(client, url) -> int:
    client.get(url)
    with queries_counted() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/work-programme/landscape/",
        "/work-programme/landscape/?step=2&sdg=9",
        "/work-programme/landscape/export/?format=xlsx",
        "/work-programme/",
    ],
)
def test_landscape_queries_do_not_grow(url, staff_client, secretariat_user, reference_data):
    _add_pilots(secretariat_user, 2, 0)
    small = _queries(staff_client, url)
    _add_pilots(secretariat_user, 8, 2)
    assert _queries(staff_client, url) == small


def test_trust_fund_queries_do_not_grow(staff_client, secretariat_user):
    fund = TrustFund.objects.create(name="Fund")
    exchange_rate_record(
        actor=secretariat_user,
        currency="EUR",
        usd_per_unit=Decimal("1.1"),
        rate_on=dt.date(2026, 1, 1),
    )

    def add(n):
        for i in range(n):
            pledge = trust_fund_pledge_record(
                actor=secretariat_user, fund=fund, donor=OrganisationFactory(),
                amount=Decimal("100.00"), currency=["EUR", "CHF", "USD"][i % 3],
                pledged_on=dt.date(2026, 1, 1),
            )  # fmt: skip
            trust_fund_receipt_record(
                actor=secretariat_user, pledge=pledge, amount=Decimal("1"),
                received_on=dt.date(2026, 2, 1),
            )  # fmt: skip

    add(2)
    page, api = (
        _queries(staff_client, "/work-programme/trust-fund/"),
        _queries(staff_client, "/api/v1/trust-fund-totals/"),
    )
    add(9)
    assert _queries(staff_client, "/work-programme/trust-fund/") == page
    assert _queries(staff_client, "/api/v1/trust-fund-totals/") == api
