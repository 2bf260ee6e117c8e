from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    EGM = "egm", _("Expert Group Meeting")
    REGIONAL = "regional", _("Regional track meeting")
    SUPPLEMENTARY = "supplementary", _("Supplementary meeting")
    FORUM_SESSION = "forum_session", _("STI Forum session")
    SIDE_EVENT = "side_event", _("Side event")


class MeetingStatus(models.TextChoices):
    TO_BE_CONFIRMED = "tbc", _("To be confirmed")
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class HostRole(models.TextChoices):
    HOST = "host", _("Host")
    CO_HOST = "co_host", _("Co-host")
    ORGANISER = "organiser", _("Organiser")


class TrackPartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    POSSIBLE = "possible", _("Possible partner")
    PARTNER = "partner", _("Partner")


class AdvisoryRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
