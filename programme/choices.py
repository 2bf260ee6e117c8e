from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles people hold in the programme; each is a Django auth Group of the same name."""

    SECRETARIAT = "secretariat", _("Secretariat")
    REVIEWER = "reviewer", _("Reviewer")
    FOCAL_POINT = "focal_point", _("Country focal point")
    ADVISORY_GROUP = "advisory_group", _("Advisory-group member")
    PARTNER = "partner", _("Partner (API)")


class OrganisationKind(models.TextChoices):
    UN_ENTITY = "un_entity", _("UN entity")
    INTERNATIONAL = "international", _("International organisation")
    REGIONAL = "regional", _("Regional organisation")
    GOVERNMENT = "government", _("Government body")
    RESEARCH = "research", _("Research or academic institution")
    PRIVATE = "private", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    FUNDER = "funder", _("Development bank or funder")
    OTHER = "other", _("Other")


class MilestoneKind(models.TextChoices):
    PROGRAMME = "programme", _("Programme")
    PILOT = "pilot", _("Pilot country")
    REVIEW = "review", _("Review")
    MEETING = "meeting", _("Meeting")
    GUIDEBOOK = "guidebook", _("Guidebook")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SLIPPED = "slipped", _("Slipped")
    CANCELLED = "cancelled", _("Cancelled")


class Currency(models.TextChoices):
    USD = "USD", _("US dollar")
    EUR = "EUR", _("Euro")
    JPY = "JPY", _("Japanese yen")
    GBP = "GBP", _("Pound sterling")
    CHF = "CHF", _("Swiss franc")


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
