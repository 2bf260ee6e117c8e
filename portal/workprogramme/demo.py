"""Demo data for the work programme, called from `seed_demo`.

The trust fund itself comes from the 2018 work programme ("Establishment of trust fund to fully
support the work of STI for the SDGs roadmaps"). No pledge, receipt, consent or country record
is invented: those stay empty until the secretariat records real ones. The steps the co-leads
support are ILLUSTRATIVE, so the support landscape has something to show.
"""

from __future__ import annotations

from pilots.models import PilotSupport, PilotSupportScope
from portal.models import TrustFund

FUND_NAME = "Trust fund for STI for SDGs roadmaps"
FUND_DESCRIPTION = (
    "To fully support the work of STI for the SDGs roadmaps: bringing stakeholders together, "
    "enhancing experience exchange, facilitating further discussions and cooperation "
    "(IATT 2018 work programme, part A)."
)
# ILLUSTRATIVE: which steps each co-lead supports, by organisation acronym.
DEMO_STEPS = {"UN DESA": [1, 2, 3], "WB": [2, 3, 4]}


def seed_work_programme() -> None:
    """Idempotent: the fund, and the illustrative steps of the co-leads' support."""
    fund = TrustFund.objects.filter(name=FUND_NAME).first() or TrustFund(name=FUND_NAME)
    fund.description = FUND_DESCRIPTION
    fund.full_clean()
    fund.save()
    for support in PilotSupport.objects.filter(
        organisation__acronym__in=DEMO_STEPS, scope__isnull=True
    ).select_related("organisation"):
        scope = PilotSupportScope(support=support, steps=DEMO_STEPS[support.organisation.acronym])
        scope.full_clean()
        scope.save()
