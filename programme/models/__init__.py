"""The programme's shared records, one module per area; every model is importable from here."""

from programme.models.milestones import (
    Milestone,
    MilestoneQuerySet,
    ReminderDelivery,
    ReminderSchedule,
    ReminderStatus,
)
from programme.models.organisations import Organisation
from programme.models.tokens import ApiToken, ApiTokenQuerySet
from programme.models.users import User
from programme.models.workprogramme import TrustFundContribution, WorkProgrammeComponent

__all__ = [
    "ApiToken",
    "ApiTokenQuerySet",
    "Milestone",
    "MilestoneQuerySet",
    "Organisation",
    "ReminderDelivery",
    "ReminderSchedule",
    "ReminderStatus",
    "TrustFundContribution",
    "User",
    "WorkProgrammeComponent",
]
