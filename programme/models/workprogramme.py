"""The 2018 work programme's components and the trust fund."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.choices import (
    Currency,
)


class WorkProgrammeComponent(models.Model):
    """One strand of the IATT work programme (peer learning, joint support for pilots, ...)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    lead_organisations = models.ManyToManyField(
        "programme.Organisation", blank=True, related_name="led_components"
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TrustFundContribution(models.Model):
    """Money a donor pledges to (and pays into) the programme's trust fund."""

    donor = models.ForeignKey(
        "programme.Organisation", on_delete=models.PROTECT, related_name="contributions"
    )
    component = models.ForeignKey(
        "programme.WorkProgrammeComponent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        help_text=_("Earmarked for this component; empty for unearmarked money."),
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    pledged_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-pledged_on"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contribution_amount_positive"),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=models.F("pledged_on")),
                name="contribution_received_after_pledge",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.donor}: {self.amount} {self.currency}"

    def clean(self) -> None:
        if self.received_on and self.pledged_on and self.received_on < self.pledged_on:
            raise ValidationError({"received_on": _("Money cannot arrive before it is pledged.")})
