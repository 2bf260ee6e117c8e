"""The bodies that take part in the programme."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from base.search import FullText
from programme.choices import (
    OrganisationKind,
)

ORGANISATION_FULL_TEXT = FullText(title=("name", "acronym"), text=("description",))


class Organisation(models.Model):
    """A body that takes part in the programme: UN entities, governments, funders, institutes."""

    name = models.CharField(max_length=255, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        "pilots.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Seat or home country, where it has one."),
    )
    is_iatt_member = models.BooleanField(
        "IATT member", default=False, help_text=_("Member of the Inter-Agency Task Team on STI.")
    )
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    full_text = ORGANISATION_FULL_TEXT

    class Meta:
        ordering = ["name"]
        indexes = [ORGANISATION_FULL_TEXT.index("organisation_full_text")]
        constraints = [
            models.UniqueConstraint(
                fields=["acronym"], condition=~Q(acronym=""), name="organisation_unique_acronym"
            )
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
