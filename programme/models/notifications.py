"""What kinds of email a person chose not to receive."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationMute(models.Model):
    """One kind of notification (`programme.notify`) a person does not want by email. Absent
    means sent: every kind is on until its recipient mutes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_mutes"
    )
    # A kind's key as registered (e.g. "guidebook.comment_on_chapter"); no choices, so a new
    # kind needs no migration.
    kind = models.CharField(_("kind"), max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("muted notification")
        verbose_name_plural = _("muted notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_mute_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} mutes {self.kind}"
