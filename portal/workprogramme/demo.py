"""Demo data for the work programme, called from `seed_demo`.

The trust fund itself comes from the 2018 work programme ("Establishment of trust fund to fully
support the work of STI for the SDGs roadmaps"). No pledge, receipt, consent or country record
is invented: those stay empty until the secretariat records real ones. Nor is which steps a
supporter covers: the record does not say, so no support scope is recorded.
"""

from __future__ import annotations

from portal.models import TrustFund

FUND_NAME = "Trust fund for STI for SDGs roadmaps"
FUND_DESCRIPTION = (
    "To fully support the work of STI for the SDGs roadmaps: bringing stakeholders together, "
    "enhancing experience exchange, facilitating further discussions and cooperation "
    "(IATT 2018 work programme, part A)."
)


def seed_work_programme() -> None:
    """Idempotent: the fund."""
    fund = TrustFund.objects.filter(name=FUND_NAME).first() or TrustFund(name=FUND_NAME)
    fund.description = FUND_DESCRIPTION
    fund.full_clean()
    fund.save()
