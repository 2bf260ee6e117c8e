from django.db import models


class EditionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DRAFTING = "drafting", "Drafting"
    CONSULTATION = "consultation", "In consultation"
    PUBLISHED = "published", "Published"


class ChapterStatus(models.TextChoices):
    OUTLINE = "outline", "Outline"
    DRAFTING = "drafting", "Drafting"
    IN_REVIEW = "in_review", "In review"
    FINAL = "final", "Final"
