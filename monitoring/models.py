"""Monitoring a roadmap once it is adopted: its results framework (objectives, actions,
indicators with baselines and targets), reporting periods, and the countries' updates.

The global SDG indicator list is reference data, loaded like the SDG targets it belongs to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from programme.i18n import localised, translations_field


class SdgIndicator(models.Model):
    """An indicator of the SDG global indicator framework, e.g. 9.5.1 (reference data)."""

    target = models.ForeignKey(
        "roadmaps.Target", on_delete=models.PROTECT, related_name="sdg_indicators"
    )
    code = models.CharField(_("code"), max_length=10, unique=True)
    title = models.TextField(_("title"))
    order = models.PositiveSmallIntegerField(help_text=_("Position in the framework's order."))
    translations = translations_field()

    class Meta:
        ordering = ["order"]
        verbose_name = _("SDG indicator")
        verbose_name_plural = _("SDG indicators")

    def __str__(self) -> str:
        return gettext("Indicator %(code)s: %(title)s") % {
            "code": self.code,
            "title": localised(self, "title"),
        }
