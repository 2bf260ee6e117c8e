from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DRAFTING = "drafting", _("Drafting")
    CONSULTATION = "consultation", _("In consultation")
    PUBLISHED = "published", _("Published")


class ChapterStatus(models.TextChoices):
    OUTLINE = "outline", _("Outline")
    DRAFTING = "drafting", _("Drafting")
    IN_REVIEW = "in_review", _("In review")
    FINAL = "final", _("Final")
