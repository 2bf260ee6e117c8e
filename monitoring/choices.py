from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Direction(models.TextChoices):
    """Which way an indicator should move for the roadmap to be working."""

    INCREASE = "increase", _("Increase")
    DECREASE = "decrease", _("Decrease")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("roadmap action status", "Not started")
    ON_TRACK = "on_track", pgettext_lazy("roadmap action status", "On track")
    DELAYED = "delayed", pgettext_lazy("roadmap action status", "Delayed")
    DONE = "done", pgettext_lazy("roadmap action status", "Done")
    DROPPED = "dropped", pgettext_lazy("roadmap action status", "Dropped")


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("update status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("update status", "Submitted")
    RETURNED = "returned", pgettext_lazy("update status", "Returned for revision")
    APPROVED = "approved", pgettext_lazy("update status", "Approved")


# A country update's workflow: the only moves its status may make. Approved is final; an
# approved update is corrected by a new update that says why.
UPDATE_STATUS_MOVES: dict[str, frozenset[str]] = {
    UpdateStatus.DRAFT: frozenset({UpdateStatus.SUBMITTED}),
    UpdateStatus.SUBMITTED: frozenset({UpdateStatus.RETURNED, UpdateStatus.APPROVED}),
    UpdateStatus.RETURNED: frozenset({UpdateStatus.SUBMITTED}),
    UpdateStatus.APPROVED: frozenset(),
}

# What the country may still change.
EDITABLE_UPDATE_STATUSES = frozenset({UpdateStatus.DRAFT, UpdateStatus.RETURNED})


class Progress(models.TextChoices):
    """How a roadmap stands, as the programme view sums it up."""

    ON_TRACK = "on_track", _("On track")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("No approved update yet")
