"""The work programme's own records: the trust fund and its money, peer exchanges, support
outputs and countries' records on other sources. Their tables keep the names they had in the
programme app (`db_table`), so moving them here moved no data."""

from portal.models.public import CountryRecordLink
from portal.models.support import PeerExchange, SupportOutput
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
    "SupportOutput",
    "TrustFund",
    "TrustFundContribution",
    "TrustFundReceipt",
]
