"""API tokens for partners and scripts."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.models.users import User


@functools.cache
def _with_users_and_roles(model):
    """Tokens with their users and the users' roles, built once per process: building the
    annotated query costs more than running it, at every API call (`.filter()` works on a
    copy, so this one is never changed)."""
    return (
        model._default_manager.select_related("user")
        .annotate(user_roles=User.roles_query("user"))
        .order_by()
    )


class ApiTokenQuerySet(models.QuerySet):
    def for_authentication(self, prefix: str):
        """The tokens starting with `prefix`, each with its user and the user's roles, in one
        query without ordering: what every API call reads before anything else."""
        return _with_users_and_roles(self.model).filter(prefix=prefix)

    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A secret that lets a partner's system read the API without a password.

    Only a SHA-256 hash of the secret is stored (the secret is long and random, so a fast hash
    is enough); the plaintext is shown once, when the token is made. `prefix` (its first
    characters) finds the row and tells tokens apart in lists.
    """

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text=_("Whose access the token carries."),
    )
    name = models.CharField(
        max_length=100, help_text=_("What the token is for, e.g. 'WB data hub'.")
    )
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Leave empty for a token that does not expire.")
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def clean(self) -> None:
        if self.expires_at and self.created_at and self.expires_at <= self.created_at:
            raise ValidationError({"expires_at": _("A token must expire after it is made.")})

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at and self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @property
    def is_active(self) -> bool:
        return self.status == "active"
