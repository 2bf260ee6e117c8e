from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles people hold in the programme; each is a Django auth Group of the same name."""

    SECRETARIAT = "secretariat", "Secretariat"
    REVIEWER = "reviewer", "Reviewer"
    FOCAL_POINT = "focal_point", "Country focal point"
    ADVISORY_GROUP = "advisory_group", "Advisory-group member"
    PARTNER = "partner", "Partner (API)"


class OrganisationKind(models.TextChoices):
    UN_ENTITY = "un_entity", "UN entity"
    INTERNATIONAL = "international", "International organisation"
    REGIONAL = "regional", "Regional organisation"
    GOVERNMENT = "government", "Government body"
    RESEARCH = "research", "Research or academic institution"
    PRIVATE = "private", "Private sector"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    FUNDER = "funder", "Development bank or funder"
    OTHER = "other", "Other"


class MilestoneKind(models.TextChoices):
    PROGRAMME = "programme", "Programme"
    PILOT = "pilot", "Pilot country"
    REVIEW = "review", "Review"
    MEETING = "meeting", "Meeting"
    GUIDEBOOK = "guidebook", "Guidebook"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    SLIPPED = "slipped", "Slipped"
    CANCELLED = "cancelled", "Cancelled"


class Currency(models.TextChoices):
    USD = "USD", "US dollar"
    EUR = "EUR", "Euro"
    JPY = "JPY", "Japanese yen"
    GBP = "GBP", "Pound sterling"
    CHF = "CHF", "Swiss franc"


# --- Work programme ------------------------------------------------------------------------


class SupportOutputKind(models.TextChoices):
    """The three kinds of "shared understanding of international support" (2018 work programme,
    main output 2)."""

    STRATEGY = "strategy", _("UN or multilateral strategy")
    MAINSTREAMING = "mainstreaming", _("Agency mainstreaming of STI for the SDGs")
    DEEP_DIVE = "deep_dive", _("Deep dive with a specialised partner")


class CountryRecordSource(models.TextChoices):
    """Public sources of country STI policy records that country pages link out to; each
    source's link pattern is in settings.COUNTRY_RECORD_SOURCES."""

    STIP_COMPASS = "stip_compass", _("OECD/EC STIP Compass")
    GO_SPIN = "go_spin", _("UNESCO GO-SPIN")
