from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingKind(models.TextChoices):
    EGM = "egm", _("Expert Group Meeting")
    REGIONAL = "regional", _("Regional track meeting")
    SUPPLEMENTARY = "supplementary", _("Supplementary meeting")
    FORUM_SESSION = "forum_session", _("STI Forum session")
    SIDE_EVENT = "side_event", _("Side event")
    HLPF = "hlpf", _("High-level political forum")


class MeetingStatus(models.TextChoices):
    TO_BE_CONFIRMED = "tbc", pgettext_lazy("meeting status", "To be confirmed")
    PLANNED = "planned", pgettext_lazy("meeting status", "Planned")
    CONFIRMED = "confirmed", pgettext_lazy("meeting status", "Confirmed")
    HELD = "held", pgettext_lazy("meeting status", "Held")
    POSTPONED = "postponed", pgettext_lazy("meeting status", "Postponed")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")
    # Planned (e.g. in the 2018 text), but the public record shows no such meeting; saying
    # "cancelled" or "postponed" would claim more than the record does.
    NOT_ON_RECORD = "not_on_record", pgettext_lazy("meeting status", "Not on the record")


class HostRole(models.TextChoices):
    HOST = "host", _("Host")
    CO_HOST = "co_host", _("Co-host")
    ORGANISER = "organiser", _("Organiser")
    PARTNER = "partner", _("In partnership with")


class TrackPartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    POSSIBLE = "possible", _("Possible partner")
    PARTNER = "partner", _("Partner")


class AdvisoryRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
    # The IATT sub-working group's members carry the work out; they are not advisory members.
    IMPLEMENTING = "implementing", _("Implementing organisation")


class ParticipantLevel(models.TextChoices):
    EXPERT = "expert", _("Expert")
    PRACTITIONER = "practitioner", _("Practitioner")


class ParticipantCategory(models.TextChoices):
    PILOT_ONGOING = "pilot_ongoing", _("Member state, pilot ongoing")
    PILOT_PLANNED = "pilot_planned", _("Member state, pilot planned")
    PILOT_ENVISAGED = "pilot_envisaged", _("Member state, pilot envisaged")
    SCIENCE_ATTACHE = "science_attache", _("Science attaché")
    IATT_MEMBER = "iatt_member", _("IATT member")
    TEN_MEMBER_GROUP = "ten_member_group", _("10-Member Group")
    PARTNER_EXPERT = "partner_expert", _("Partner expert")


class ParticipantStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Registered")
    ATTENDED = "attended", _("Attended")
    DECLINED = "declined", _("Declined")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class InvitationAnswer(models.TextChoices):
    """What an invitee answers (the participant's status follows)."""

    ACCEPT = "registered", _("I accept and will take part")
    DECLINE = "declined", _("I decline")


class DocumentKind(models.TextChoices):
    MATERIAL = "material", _("Material")
    MINUTES = "minutes", _("Minutes")


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action item status", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("action item status", "In progress")
    DONE = "done", pgettext_lazy("action item status", "Done")
    DROPPED = "dropped", pgettext_lazy("action item status", "Dropped")


# Action items still to be done: carried over to the next meetings of the series.
OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
