"""A country's consent to show a published roadmap version to the world (the public site and
the public progress pages ask it)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmaps.choices import VersionStatus


class PublicReleaseConsentQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(withdrawn_on__isnull=True)


class PublicReleaseConsent(models.Model):
    """A country's agreement that one published roadmap version and its scorecard may be shown
    to the world (published to partners is not published to the world)."""

    version = models.ForeignKey(
        "roadmaps.RoadmapVersion",
        on_delete=models.CASCADE,
        related_name="public_consents",
        verbose_name=_("roadmap version"),
    )
    given_by = models.CharField(
        _("given by"), max_length=255, help_text=_("Name and title of who agreed for the country.")
    )
    given_on = models.DateField(_("given on"))
    evidence = models.CharField(
        _("evidence"), max_length=255, help_text=_("Letter, email or meeting record.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    objects = PublicReleaseConsentQuerySet.as_manager()

    class Meta:
        # Moved from the programme app with its table (migration programme 0011).
        db_table = "programme_publicreleaseconsent"
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent to public release")
        constraints = [
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(withdrawn_on__isnull=True),
                name="public_consent_one_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.given_by} ({self.given_on})"

    def clean(self) -> None:
        errors = {}
        if self.version_id and self.version.status != VersionStatus.PUBLISHED:
            errors["version"] = _("Only a published version can be released to the public.")
        if self.given_on and self.given_on > timezone.localdate():
            errors["given_on"] = _("Record consent once it has been given.")
        if (
            self.version_id
            and self.withdrawn_on is None
            and PublicReleaseConsent.objects.in_force()
            .filter(version_id=self.version_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            # Said in words beside the field (an error here also spares people the
            # constraint's own message, which names it).
            errors["version"] = _(
                "This version already has a consent in force; withdraw it before recording another."
            )
        if self.withdrawn_on and self.given_on and self.withdrawn_on < self.given_on:
            errors["withdrawn_on"] = _("Consent cannot be withdrawn before it was given.")
        if errors:
            raise ValidationError(errors)
