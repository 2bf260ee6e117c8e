from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guidebook.choices import ChapterStatus, EditionStatus
from programme.querysets import ScopedQuerySet


class GuidebookEdition(models.Model):
    """An edition of the Guidebook for the preparation of STI for SDGs roadmaps."""

    title = models.CharField(max_length=255)
    label = models.CharField(max_length=40, unique=True, help_text=_("e.g. 'Draft 2019', '2021'."))
    status = models.CharField(
        max_length=20, choices=EditionStatus.choices, default=EditionStatus.PLANNED
    )
    target_date = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    terms_of_reference = models.TextField(blank=True)

    class Meta:
        ordering = ["-target_date", "label"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=EditionStatus.PUBLISHED) | Q(published_on__isnull=False),
                name="edition_published_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.label})"


class ChapterQuerySet(ScopedQuerySet):
    def public_q(self) -> Q:
        # Chapters are public once their edition is out for consultation or published.
        return Q(edition__status__in=[EditionStatus.CONSULTATION, EditionStatus.PUBLISHED])


class Chapter(models.Model):
    """A chapter of a Guidebook edition, led by an organisation."""

    edition = models.ForeignKey(GuidebookEdition, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=ChapterStatus.choices, default=ChapterStatus.OUTLINE
    )
    lead_organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_chapters",
    )

    objects = ChapterQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="chapter_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
