"""Invitations: how a person gets an account without the admin."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.choices import Role


class InvitationQuerySet(models.QuerySet):
    def open(self, now=None):
        """Invitations that may still be used: not used, not replaced, not expired."""
        now = now or timezone.now()
        return self.filter(accepted_at__isnull=True, voided_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """The secretariat's invitation to one person, with the role they will hold: a signed link
    emailed to them, used once before `expires_at` to choose a password. The role (and the
    country of a focal point, the organisation of a partner) is granted when it is used."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    country = models.ForeignKey(
        "pilots.Country",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Set when a newer invitation to the same person replaces this one (or the person is
    # deactivated): an older link then stops working even before it expires.
    voided_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.FOCAL_POINT) | Q(country__isnull=False),
                name="invitation_focal_point_has_country",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.PARTNER) | Q(organisation__isnull=False),
                name="invitation_partner_has_organisation",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display() or '-'})"

    def clean(self) -> None:
        errors = {}
        if self.role == Role.FOCAL_POINT and not self.country_id:
            errors["country"] = _("Say which country a focal point speaks for.")
        if self.role != Role.FOCAL_POINT and self.country_id:
            errors["country"] = _("Only a focal point is invited for a country.")
        if self.role == Role.PARTNER and not self.organisation_id:
            errors["organisation"] = _("Say which organisation a partner account is for.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None and self.voided_at is None and self.expires_at > timezone.now()
        )
