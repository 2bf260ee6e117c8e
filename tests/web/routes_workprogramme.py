"""Web routes of the work programme: overview, trust fund, landscape, peer learning, support
outputs, consents to public release, country records and the report."""

import datetime as dt
from decimal import Decimal

from pilots.choices import PilotStatus
from portal.models import TrustFund
from portal.workprogramme.services import (
    public_release_consent_record,
    trust_fund_pledge_record,
)
from programme.choices import Role
from tests.factories import OrganisationFactory, PilotFactory, UserFactory, country
from tests.web.matrix import Row

STAFF = (302, 200, 403, 403, 403, 403, 403)
STAFF_ACTION = (302, 302, 403, 403, 403, 403, 403)
LANDSCAPE = (302, 200, 403, 403, 403, 200, 403)
SIGNED_IN = (302, 200, 200, 200, 200, 200, 403)  # partners read through the API


def _pledge(o):
    return trust_fund_pledge_record(
        actor=UserFactory(roles=[Role.SECRETARIAT]),
        fund=TrustFund.objects.create(name="Fund"),
        donor=OrganisationFactory(),
        amount=Decimal("1000.00"),
        currency="EUR",
        pledged_on=dt.date(2026, 1, 1),
    )


def _consent(o):
    """Kenya consents to show its published version to the world."""
    return public_release_consent_record(
        actor=UserFactory(roles=[Role.SECRETARIAT]),
        version=o["published_other"],
        given_by="Minister of Science",
        given_on=dt.date(2026, 1, 5),
        evidence="Letter of 5 January 2026",
    )


OBJECTS = {
    # Only interested: not announced to anyone but the secretariat.
    "pilot_unannounced": lambda o: PilotFactory(
        country=country("ETH"), status=PilotStatus.INTERESTED
    ),
    "pledge": _pledge,
    "consent_other": _consent,
}

TABLE = {
    Row("workprogramme:overview"): SIGNED_IN,
    Row("workprogramme:trust-fund"): STAFF,
    Row("workprogramme:pledge-create"): STAFF,
    Row("workprogramme:receipt-create", "pledge"): STAFF,
    Row("workprogramme:rate-create"): STAFF,
    Row("workprogramme:landscape"): LANDSCAPE,
    Row("workprogramme:landscape-export"): LANDSCAPE,
    Row("workprogramme:support-create"): STAFF,
    # Peer learning: the secretariat and the advisory group for announced pilots, a focal point
    # for its own country; another country's focal point does not learn the page exists.
    Row("workprogramme:peer-learning", "pilot_own"): (302, 200, 403, 200, 404, 200, 403),
    Row("workprogramme:peer-learning", "pilot_other"): (302, 200, 403, 404, 200, 200, 403),
    Row("workprogramme:peer-learning", "pilot_unannounced"): (302, 200, 403, 404, 404, 404, 403),
    Row("workprogramme:exchange-create", "pilot_own"): STAFF,
    Row("workprogramme:output-list"): LANDSCAPE,
    Row("workprogramme:output-create"): STAFF,
    Row("workprogramme:consent-list"): STAFF,
    Row("workprogramme:consent-create"): STAFF,
    Row("workprogramme:consent-withdraw", "consent_other", method="post",
        data=(("withdrawn_on", "2026-02-01"),)): STAFF_ACTION,
    Row("workprogramme:consent-withdraw", "consent_other"): STAFF,
    Row("workprogramme:country-record-set", "pilot_own", method="post",
        data=(("source", "stip_compass"), ("record", ""))): STAFF_ACTION,
    Row("workprogramme:country-record-set", "pilot_own"): STAFF,
    Row("workprogramme:report"): STAFF,
}  # fmt: skip
