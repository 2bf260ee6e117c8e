from django.db import models


class MeetingKind(models.TextChoices):
    EGM = "egm", "Expert Group Meeting"
    REGIONAL = "regional", "Regional track meeting"
    SUPPLEMENTARY = "supplementary", "Supplementary meeting"
    FORUM_SESSION = "forum_session", "STI Forum session"
    SIDE_EVENT = "side_event", "Side event"


class MeetingStatus(models.TextChoices):
    TO_BE_CONFIRMED = "tbc", "To be confirmed"
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


class HostRole(models.TextChoices):
    HOST = "host", "Host"
    CO_HOST = "co_host", "Co-host"
    ORGANISER = "organiser", "Organiser"


class TrackPartnerRole(models.TextChoices):
    LEAD = "lead", "Lead"
    POSSIBLE = "possible", "Possible partner"
    PARTNER = "partner", "Partner"


class AdvisoryRole(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinator"
    MEMBER = "member", "Member"
