from django.db import models


class UNStatus(models.TextChoices):
    MEMBER = "member", "UN member state"
    OBSERVER = "observer", "Non-member observer state"


class RegionLevel(models.TextChoices):
    """The three levels of the UN M49 geographic regions."""

    REGION = "region", "Region"
    SUB_REGION = "sub_region", "Sub-region"
    INTERMEDIATE = "intermediate", "Intermediate region"


class PilotKind(models.TextChoices):
    NATIONAL = "national", "Pilot country"
    INTERNATIONAL_PARTNER = "international_partner", "International partner"


class PilotStatus(models.TextChoices):
    INTERESTED = "interested", "Interested"
    ACCEPTED = "accepted", "Accepted"
    ACTIVE = "active", "Active"
    ROADMAP_ADOPTED = "roadmap_adopted", "Roadmap adopted"
    IMPLEMENTING = "implementing", "Implementing"
    WITHDRAWN = "withdrawn", "Withdrawn"


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
    CO_LEAD = "co_lead", "Co-lead"
    MEMBER = "member", "Member"
    SUPPORTER = "supporter", "Supporter"
    DONOR = "donor", "Donor"


class TaskTeamRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    SECRETARIAT = "secretariat", "Secretariat"
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"


class RoadmapStep(models.IntegerChoices):
    """The six steps of the roadmap methodology (IATT Guidebook)."""

    OBJECTIVES = 1, "Objectives and scope"
    CURRENT_SITUATION = 2, "Assessment of the current situation"
    VISION = 3, "Vision, goals and targets"
    PATHWAYS = 4, "Alternative pathways"
    ROADMAP = 5, "The detailed roadmap"
    EXECUTION = 6, "Execution, monitoring, evaluation and update"


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
