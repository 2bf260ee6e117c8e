"""The trust fund's arithmetic: exact decimals, totals per currency, USD only with a rate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.workprogramme import money
from portal.workprogramme.selectors import trust_fund_totals
from portal.workprogramme.services import (
    exchange_rate_record,
    trust_fund_pledge_record,
    trust_fund_receipt_record,
)
from tests.factories import OrganisationFactory

D = Decimal


def test_sums_are_exact_where_floats_are_not():
    totals = money.currency_totals([("EUR", D("0.10"))] * 3, [("EUR", D("0.30"))], {})
    assert totals[0].pledged == D("0.30")  # 0.1 + 0.1 + 0.1 != 0.3 in floats
    assert totals[0].outstanding == D("0.00")


def test_totals_are_per_currency_and_never_mixed():
    totals = money.currency_totals(
        [("EUR", D("100.00")), ("JPY", D("5000000")), ("EUR", D("50.50"))],
        [("EUR", D("20.25"))],
        {},
    )
    by = {t.currency: t for t in totals}
    assert (by["EUR"].pledged, by["EUR"].received, by["EUR"].outstanding) == (
        D("150.50"),
        D("20.25"),
        D("130.25"),
    )
    assert by["JPY"].pledged == D("5000000") and by["JPY"].received == D("0")


def test_usd_only_where_a_rate_exists():
    rates = {"EUR": money.Rate(D("1.08345"), dt.date(2026, 1, 31))}
    totals = money.currency_totals(
        [("EUR", D("1000.00")), ("GBP", D("10.00")), ("USD", D("2.50"))], [], rates
    )
    by = {t.currency: t for t in totals}
    assert by["EUR"].pledged_usd == D("1083.45")
    assert by["USD"].pledged_usd == D("2.50")
    assert by["GBP"].pledged_usd is None
    total = money.usd_total(totals)
    assert total.pledged == D("1085.95")
    assert total.complete is False and total.missing == ("GBP",)


def test_conversion_rounds_half_up_to_the_cent():
    assert money.to_usd(D("0.05"), D("0.5")) == D("0.03")
    assert money.to_usd(D("10"), None) is None
    with pytest.raises(TypeError):
        money.to_usd(0.1, D("1"))


@pytest.mark.django_db
def test_fund_totals_from_the_database(secretariat_user):
    from portal.models import TrustFund

    fund = TrustFund.objects.create(name="Fund")
    donor = OrganisationFactory()
    common = {"actor": secretariat_user, "fund": fund, "donor": donor}
    eur = trust_fund_pledge_record(
        **common, amount=D("100000.00"), currency="EUR", pledged_on=dt.date(2026, 1, 10)
    )
    trust_fund_pledge_record(
        **common, amount=D("0.01"), currency="EUR", pledged_on=dt.date(2026, 1, 11)
    )
    trust_fund_pledge_record(
        **common, amount=D("250000.00"), currency="USD", pledged_on=dt.date(2026, 2, 1)
    )
    trust_fund_receipt_record(
        actor=secretariat_user, pledge=eur, amount=D("40000.00"), received_on=dt.date(2026, 3, 1)
    )
    by = {t.currency: t for t in trust_fund_totals(fund=fund)}
    assert by["EUR"].pledged == D("100000.01") and by["EUR"].received == D("40000.00")
    assert by["EUR"].rate is None and by["EUR"].pledged_usd is None
    exchange_rate_record(
        actor=secretariat_user, currency="EUR", usd_per_unit=D("1.05"), rate_on=dt.date(2026, 1, 1)
    )
    exchange_rate_record(
        actor=secretariat_user, currency="EUR", usd_per_unit=D("1.10"), rate_on=dt.date(2026, 3, 1)
    )
    by = {t.currency: t for t in trust_fund_totals(fund=fund)}
    # The latest recorded rate is used, and its date travels with it.
    assert by["EUR"].rate.rate_on == dt.date(2026, 3, 1)
    assert by["EUR"].pledged_usd == D("110000.01")
    assert money.usd_total(by.values()).pledged == D("360000.01")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "currency", "field"),
    [(D("0"), "EUR", "amount"), (D("-5"), "EUR", "amount"), (D("10"), "XXX", "currency")],
)
def test_bad_pledges_are_refused_and_nothing_saved(secretariat_user, amount, currency, field):
    from portal.models import TrustFund, TrustFundContribution

    fund = TrustFund.objects.create(name="Fund")
    with pytest.raises(ValidationError) as exc:
        trust_fund_pledge_record(
            actor=secretariat_user,
            fund=fund,
            donor=OrganisationFactory(),
            amount=amount,
            currency=currency,
            pledged_on=dt.date(2026, 1, 1),
        )
    assert field in exc.value.message_dict
    assert not TrustFundContribution.objects.exists()


@pytest.mark.django_db
def test_receipts_not_before_their_pledge_nor_beyond_it(secretariat_user):
    from portal.models import TrustFund, TrustFundReceipt

    pledge = trust_fund_pledge_record(
        actor=secretariat_user,
        fund=TrustFund.objects.create(name="Fund"),
        donor=OrganisationFactory(),
        amount=D("100.00"),
        currency="CHF",
        pledged_on=dt.date(2026, 5, 1),
    )
    with pytest.raises(ValidationError) as exc:
        trust_fund_receipt_record(
            actor=secretariat_user, pledge=pledge, amount=D("10"), received_on=dt.date(2026, 4, 30)
        )
    assert "received_on" in exc.value.message_dict
    trust_fund_receipt_record(
        actor=secretariat_user, pledge=pledge, amount=D("60"), received_on=dt.date(2026, 5, 2)
    )
    with pytest.raises(ValidationError) as exc:
        trust_fund_receipt_record(
            actor=secretariat_user,
            pledge=pledge,
            amount=D("40.01"),
            received_on=dt.date(2026, 6, 1),
        )
    assert "amount" in exc.value.message_dict
    assert TrustFundReceipt.objects.count() == 1


@pytest.mark.django_db
def test_rates_are_positive_and_not_for_usd(secretariat_user):
    for currency, rate in [("EUR", D("0")), ("USD", D("1"))]:
        with pytest.raises(ValidationError):
            exchange_rate_record(
                actor=secretariat_user,
                currency=currency,
                usd_per_unit=rate,
                rate_on=dt.date.today(),
            )


@pytest.mark.django_db
def test_only_the_secretariat_records_money(advisory_user):
    from base.errors import NotPermitted
    from portal.models import TrustFund

    with pytest.raises(NotPermitted):
        trust_fund_pledge_record(
            actor=advisory_user,
            fund=TrustFund.objects.create(name="Fund"),
            donor=OrganisationFactory(),
            amount=D("1"),
            currency="USD",
            pledged_on=dt.date(2026, 1, 1),
        )
