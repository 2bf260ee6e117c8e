"""The trust fund's arithmetic, free of the database so it can be tested alone.

Amounts are `Decimal` in their own currency and are only ever added within one currency. A USD
value exists only where the secretariat recorded a rate for that currency (with its date); it is
the amount times the rate, rounded to the cent, halves up. A total over several currencies in
USD is marked incomplete when any currency lacks a rate, rather than silently leaving it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_usd(amount: Decimal, usd_per_unit: Decimal | None) -> Decimal | None:
    """`amount` in US dollars at `usd_per_unit`, to the cent; None without a rate."""
    if usd_per_unit is None:
        return None
    if not isinstance(amount, Decimal) or not isinstance(usd_per_unit, Decimal):
        raise TypeError("Money is Decimal, never float.")
    return (amount * usd_per_unit).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    usd_per_unit: Decimal
    rate_on: dt.date | None


USD_RATE = Rate(Decimal(1), None)


@dataclass(frozen=True)
class CurrencyTotal:
    """Pledged and received money in one currency, and in USD where a rate exists."""

    currency: str
    pledged: Decimal
    received: Decimal
    rate: Rate | None

    @property
    def outstanding(self) -> Decimal:
        return self.pledged - self.received

    @property
    def pledged_usd(self) -> Decimal | None:
        return to_usd(self.pledged, self.rate.usd_per_unit) if self.rate else None

    @property
    def received_usd(self) -> Decimal | None:
        return to_usd(self.received, self.rate.usd_per_unit) if self.rate else None


@dataclass(frozen=True)
class UsdTotal:
    """The sum in USD of the currencies that have a rate; `complete` is False when some do not."""

    pledged: Decimal
    received: Decimal
    complete: bool
    missing: tuple[str, ...]


def currency_totals(
    pledged: Iterable[tuple[str, Decimal]],
    received: Iterable[tuple[str, Decimal]],
    rates: Mapping[str, Rate],
) -> list[CurrencyTotal]:
    """Sum pledges and receipts per currency (each given as (currency, amount) pairs)."""
    sums: dict[str, list[Decimal]] = {}
    for currency, amount in pledged:
        sums.setdefault(currency, [ZERO, ZERO])[0] += amount
    for currency, amount in received:
        sums.setdefault(currency, [ZERO, ZERO])[1] += amount
    return [
        CurrencyTotal(
            currency=currency,
            pledged=values[0],
            received=values[1],
            rate=USD_RATE if currency == "USD" else rates.get(currency),
        )
        for currency, values in sorted(sums.items())
    ]


def usd_total(totals: Iterable[CurrencyTotal]) -> UsdTotal:
    """The USD sum of per-currency totals, converted only where a rate exists."""
    pledged = received = ZERO
    missing = []
    for total in totals:
        if total.rate is None:
            missing.append(total.currency)
            continue
        pledged += total.pledged_usd
        received += total.received_usd
    return UsdTotal(
        pledged=pledged, received=received, complete=not missing, missing=tuple(missing)
    )
