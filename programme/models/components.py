"""The strands of the IATT work programme, which the plan's milestones and the portal's
trust fund and outputs refer to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from base.i18n import localised, translations_field


class WorkProgrammeComponent(models.Model):
    """One strand of the IATT work programme (peer learning, joint support for pilots, ...)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    lead_organisations = models.ManyToManyField(
        "programme.Organisation", blank=True, related_name="led_components"
    )
    # Its name and description in French and Spanish (set with the programme's data).
    translations = translations_field()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("work-programme component")

    def __str__(self) -> str:
        return localised(self, "name")
