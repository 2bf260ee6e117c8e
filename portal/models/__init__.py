"""The work programme's own records: the trust fund and its money, peer exchanges, support
outputs and countries' records on other sources. Their tables keep the names they had in the
programme app (`db_table`), so moving them here moved no data."""

from simple_history import register

from portal.models.public import CountryRecordLink
from portal.models.support import PeerExchange, PeerExchangeRequest, SupportOutput
from portal.models.workprogramme import (
    ExchangeRate,
    TrustFund,
    TrustFundContribution,
    TrustFundReceipt,
)

__all__ = [
    "CountryRecordLink",
    "ExchangeRate",
    "PeerExchange",
    "PeerExchangeRequest",
    "SupportOutput",
    "TrustFund",
    "TrustFundContribution",
    "TrustFundReceipt",
]

# The records a country keeps itself keep a history, as `audit/models.py` does for the apps
# below: the audit app may not import this floor, so the historical tables live here.
for _model in (CountryRecordLink, PeerExchangeRequest):
    register(_model, app="portal")
