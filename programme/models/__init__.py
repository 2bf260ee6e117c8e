"""The programme's directory (people, organisations, API tokens) and plan (work-programme
components, milestones, reminders, the outbox), one module per area; every model is importable
from here."""

from programme.models.components import WorkProgrammeComponent
from programme.models.invitations import Invitation, InvitationQuerySet
from programme.models.milestones import (
    Milestone,
    MilestoneQuerySet,
    ReminderDelivery,
    ReminderSchedule,
    ReminderStatus,
)
from programme.models.notifications import NotificationMute
from programme.models.organisations import Organisation
from programme.models.outbox import OutboxEmail, OutboxStatus
from programme.models.tokens import ApiToken, ApiTokenQuerySet
from programme.models.users import User

__all__ = [
    "ApiToken",
    "ApiTokenQuerySet",
    "Invitation",
    "InvitationQuerySet",
    "Milestone",
    "MilestoneQuerySet",
    "NotificationMute",
    "Organisation",
    "OutboxEmail",
    "OutboxStatus",
    "ReminderDelivery",
    "ReminderSchedule",
    "ReminderStatus",
    "User",
    "WorkProgrammeComponent",
]
