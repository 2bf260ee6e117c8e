"""Where a country's records live on other public sources (countries' consent to public
release is the roadmaps app's `PublicReleaseConsent`)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from programme.choices import CountryRecordSource


class CountryRecordLink(models.Model):
    """Where a country's public record lives on another source (STIP Compass, GO-SPIN): the
    secretariat records the path, settings hold each source's link pattern. No scraping."""

    country = models.ForeignKey(
        "pilots.Country", on_delete=models.CASCADE, related_name="record_links"
    )
    source = models.CharField(_("source"), max_length=20, choices=CountryRecordSource.choices)
    record = models.CharField(
        _("record"),
        max_length=200,
        help_text=_("The country's page on that source, as the source's link pattern expects."),
    )

    class Meta:
        # Moved from the programme app with its table (migration programme 0011).
        db_table = "programme_countryrecordlink"
        ordering = ["country__name", "source"]
        verbose_name = _("country record link")
        constraints = [
            models.UniqueConstraint(fields=["country", "source"], name="country_record_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.get_source_display()}"

    @property
    def url(self) -> str:
        pattern = settings.COUNTRY_RECORD_SOURCES[self.source]["pattern"]
        return pattern.format(record=self.record, iso2=self.country.iso2, iso3=self.country.iso3)

    def clean(self) -> None:
        if self.record and ("://" in self.record or any(c in self.record for c in "\"'<> ")):
            raise ValidationError({"record": _("A record is a path without spaces or quotes.")})
