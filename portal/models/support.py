"""Peer exchanges between pilots and the international-support outputs of the work programme
(what a pilot's support covers, `PilotSupportScope`, is the pilots app's)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.choices import SupportOutputKind

CRITERION_NUMBERS = [MinValueValidator(1), MaxValueValidator(10)]


def _unique_sorted(values) -> list[int]:
    return sorted(set(values or []))


class PeerExchange(models.Model):
    """A peer-learning exchange that took place: one pilot learning from another."""

    learner = models.ForeignKey(
        "pilots.Pilot",
        on_delete=models.CASCADE,
        related_name="exchanges_as_learner",
        verbose_name=_("learning pilot"),
    )
    peer = models.ForeignKey(
        "pilots.Pilot",
        on_delete=models.CASCADE,
        related_name="exchanges_as_peer",
        verbose_name=_("peer pilot"),
    )
    held_on = models.DateField(_("held on"))
    topic = models.CharField(_("topic"), max_length=255)
    criteria = ArrayField(
        models.PositiveSmallIntegerField(validators=CRITERION_NUMBERS),
        default=list,
        blank=True,
        verbose_name=_("criteria"),
        help_text=_("Numbers of the effectiveness criteria the exchange was about."),
    )
    participants = models.TextField(_("participants"), help_text=_("Who took part."))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        # Moved from the programme app with its table (migration programme 0011).
        db_table = "programme_peerexchange"
        ordering = ["-held_on", "-id"]
        verbose_name = _("peer exchange")
        constraints = [
            models.CheckConstraint(
                condition=~Q(learner=F("peer")), name="peer_exchange_two_pilots"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} ← {self.peer} ({self.held_on})"

    def clean(self) -> None:
        errors = {}
        self.criteria = _unique_sorted(self.criteria)
        if self.learner_id and self.learner_id == self.peer_id:
            errors["peer"] = _("A pilot learns from another pilot, not from itself.")
        if self.held_on and self.held_on > timezone.localdate():
            errors["held_on"] = _("Record exchanges that have taken place.")
        if any(not 1 <= c <= 10 for c in self.criteria):
            errors["criteria"] = _("Criteria run from 1 to 10.")
        if errors:
            raise ValidationError(errors)


class PeerExchangeRequest(models.Model):
    """A country's request for a peer exchange with a country it suggests: the secretariat
    sees it among the work programme's peer exchanges as requested, and arranges it."""

    learner = models.ForeignKey(
        "pilots.Pilot",
        on_delete=models.CASCADE,
        related_name="exchange_requests",
        verbose_name=_("requesting pilot"),
    )
    suggested_peer = models.ForeignKey(
        "pilots.Pilot",
        on_delete=models.CASCADE,
        related_name="exchange_requests_as_peer",
        verbose_name=_("suggested country"),
    )
    topic = models.CharField(_("topic"), max_length=255)
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("peer exchange request")
        constraints = [
            models.CheckConstraint(
                condition=~Q(learner=F("suggested_peer")),
                name="peer_exchange_request_two_pilots",
                violation_error_message=_("Suggest another country than your own."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} ← {self.suggested_peer}: {self.topic}"

    def clean(self) -> None:
        self.topic = (self.topic or "").strip()
        errors = {}
        if not self.topic:
            errors["topic"] = _("Say what the exchange would be about.")
        if self.learner_id and self.learner_id == self.suggested_peer_id:
            errors["suggested_peer"] = _("Suggest another country than your own.")
        if errors:
            raise ValidationError(errors)


class SupportOutput(models.Model):
    """A document of shared understanding of international support: an agency strategy, an
    agency's mainstreaming, or a deep dive with a specialised partner."""

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=SupportOutputKind.choices)
    organisations = models.ManyToManyField(
        "programme.Organisation", related_name="support_outputs", verbose_name=_("organisations")
    )
    components = models.ManyToManyField(
        "programme.WorkProgrammeComponent",
        blank=True,
        related_name="outputs",
        verbose_name=_("components"),
    )
    url = models.URLField(_("link to the document"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public site.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        # Moved from the programme app with its table (migration programme 0011).
        db_table = "programme_supportoutput"
        ordering = [F("published_on").desc(nulls_last=True), "title"]
        verbose_name = _("international-support output")

    def __str__(self) -> str:
        return self.title
