"""The programme's shared records, one module per area; every model is importable from here."""

from programme.models.milestones import (
    Milestone,
    MilestoneQuerySet,
    ReminderDelivery,
    ReminderSchedule,
    ReminderStatus,
)
from programme.models.organisations import Organisation
from programme.models.outbox import OutboxEmail, OutboxStatus
from programme.models.public import CountryRecordLink, PublicReleaseConsent
from programme.models.support import PeerExchange, PilotSupportScope, SupportOutput
from programme.models.tokens import ApiToken, ApiTokenQuerySet
from programme.models.users import User
from programme.models.workprogramme import (
    ExchangeRate,
    TrustFund,
    TrustFundContribution,
    TrustFundReceipt,
    WorkProgrammeComponent,
)

__all__ = [
    "ApiToken",
    "ApiTokenQuerySet",
    "CountryRecordLink",
    "ExchangeRate",
    "Milestone",
    "MilestoneQuerySet",
    "Organisation",
    "OutboxEmail",
    "OutboxStatus",
    "PeerExchange",
    "PilotSupportScope",
    "PublicReleaseConsent",
    "ReminderDelivery",
    "ReminderSchedule",
    "ReminderStatus",
    "SupportOutput",
    "TrustFund",
    "TrustFundContribution",
    "TrustFundReceipt",
    "User",
    "WorkProgrammeComponent",
]
