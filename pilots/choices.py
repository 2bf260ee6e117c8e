from django.db import models
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class UNStatus(models.TextChoices):
    MEMBER = "member", _("UN member state")
    OBSERVER = "observer", _("Non-member observer state")


class RegionLevel(models.TextChoices):
    """The three levels of the UN M49 geographic regions."""

    REGION = "region", _("Region")
    SUB_REGION = "sub_region", _("Sub-region")
    INTERMEDIATE = "intermediate", _("Intermediate region")


class PilotKind(models.TextChoices):
    NATIONAL = "national", _("Pilot country")
    INTERNATIONAL_PARTNER = "international_partner", _("International partner")


class PilotStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    ACCEPTED = "accepted", _("Accepted")
    ACTIVE = "active", _("Active")
    ROADMAP_ADOPTED = "roadmap_adopted", _("Roadmap adopted")
    IMPLEMENTING = "implementing", _("Implementing")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Pilots the programme has announced: an expression of interest is not yet public, and a
# withdrawn pilot no longer is. The landscape for anyone but the secretariat, peer learning,
# the API and the public site all show these.
ANNOUNCED_PILOT_STATUSES = frozenset(
    {
        PilotStatus.ACCEPTED,
        PilotStatus.ACTIVE,
        PilotStatus.ROADMAP_ADOPTED,
        PilotStatus.IMPLEMENTING,
    }
)


# The only moves a pilot's status may make. Withdrawal is possible from any live state.
PILOT_STATUS_MOVES: dict[str, frozenset[str]] = {
    PilotStatus.INTERESTED: frozenset({PilotStatus.ACCEPTED, PilotStatus.WITHDRAWN}),
    PilotStatus.ACCEPTED: frozenset({PilotStatus.ACTIVE, PilotStatus.WITHDRAWN}),
    PilotStatus.ACTIVE: frozenset({PilotStatus.ROADMAP_ADOPTED, PilotStatus.WITHDRAWN}),
    PilotStatus.ROADMAP_ADOPTED: frozenset({PilotStatus.IMPLEMENTING, PilotStatus.WITHDRAWN}),
    PilotStatus.IMPLEMENTING: frozenset({PilotStatus.WITHDRAWN}),
    PilotStatus.WITHDRAWN: frozenset({PilotStatus.INTERESTED}),
}


class SupportRole(models.TextChoices):
    CO_LEAD = "co_lead", _("Co-lead")
    MEMBER = "member", _("Member")
    SUPPORTER = "supporter", _("Supporter")
    DONOR = "donor", _("Donor")


class TaskTeamRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARIAT = "secretariat", _("Secretariat")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class RoadmapStep(models.IntegerChoices):
    """The six steps of the roadmap methodology (IATT Guidebook)."""

    OBJECTIVES = 1, _("Objectives and scope")
    CURRENT_SITUATION = 2, _("Assessment of the current situation")
    VISION = 3, _("Vision, goals and targets")
    PATHWAYS = 4, _("Alternative pathways")
    ROADMAP = 5, _("The detailed roadmap")
    EXECUTION = 6, _("Execution, monitoring, evaluation and update")


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("step status", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("step status", "In progress")
    DONE = "done", pgettext_lazy("step status", "Done")


# Choice lists built when a module loads keep lazy labels, so a page shows them in its own
# language ("1. Objectives and scope", "SDG 9"), not the language the process started in.
STEP_CHOICES = [(s.value, format_lazy("{}. {}", s.value, s.label)) for s in RoadmapStep]
_sdg_label = lazy(lambda n: gettext("SDG %(n)s") % {"n": n}, str)
SDG_CHOICES = [(n, _sdg_label(n)) for n in range(1, 18)]
