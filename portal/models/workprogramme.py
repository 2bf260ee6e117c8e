"""The 2018 work programme's trust fund and the fund's money (its four components are the
plan's, in programme.models.components).

The trust fund (A) is not one of the inter-sessional work programme's components (B); it is its
own record. Money is kept exact: `Decimal` amounts in their own currency, pledges and receipts
apart, and a USD value only where the secretariat recorded an exchange rate with its date.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from programme.choices import (
    Currency,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


class TrustFund(models.Model):
    """The trust fund that pays for the programme's work (part A of the 2018 work programme)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    administered_by = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administered_funds",
        verbose_name=_("administered by"),
    )

    class Meta:
        # Moved from the programme app with its table (migration programme 0011).
        db_table = "programme_trustfund"
        ordering = ["name"]
        verbose_name = _("trust fund")

    def __str__(self) -> str:
        return self.name


class TrustFundContribution(models.Model):
    """A donor's pledge to the trust fund, in the donor's currency; payments are receipts."""

    fund = models.ForeignKey(
        TrustFund, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("fund")
    )
    donor = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("donor"),
    )
    component = models.ForeignKey(
        "programme.WorkProgrammeComponent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("earmarked for"),
        help_text=_("Earmarked for this component; empty for unearmarked money."),
    )
    amount = models.DecimalField(_("amount pledged"), **MONEY)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    pledged_on = models.DateField(_("pledged on"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        # Moved from the programme app with its table (migration programme 0011).
        db_table = "programme_trustfundcontribution"
        ordering = ["-pledged_on", "-id"]
        verbose_name = _("pledge")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contribution_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.donor}: {self.amount} {self.currency}"

    def clean(self) -> None:
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("Enter an amount above zero.")})


class TrustFundReceipt(models.Model):
    """Money that actually arrived against a pledge, in the pledge's currency."""

    pledge = models.ForeignKey(
        TrustFundContribution,
        on_delete=models.PROTECT,
        related_name="receipts",
        verbose_name=_("pledge"),
    )
    amount = models.DecimalField(_("amount received"), **MONEY)
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        # Moved from the programme app with its table (migration programme 0011).
        db_table = "programme_trustfundreceipt"
        ordering = ["-received_on", "-id"]
        verbose_name = _("receipt")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="receipt_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} on {self.received_on}"

    @property
    def currency(self) -> str:
        return self.pledge.currency

    def clean(self) -> None:
        errors = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("Enter an amount above zero.")
        if self.pledge_id and self.received_on and self.received_on < self.pledge.pledged_on:
            errors["received_on"] = _("Money cannot arrive before it is pledged (%(date)s).") % {
                "date": date_format(self.pledge.pledged_on, "j F Y")
            }
        if self.pledge_id and self.amount and self.amount > 0 and "amount" not in errors:
            others = self.pledge.receipts.exclude(pk=self.pk).aggregate(s=models.Sum("amount"))["s"]
            if (others or 0) + self.amount > self.pledge.amount:
                errors["amount"] = _(
                    "Receipts would exceed the pledge of %(amount)s %(currency)s."
                ) % {"amount": self.pledge.amount, "currency": self.pledge.currency}
        if errors:
            raise ValidationError(errors)


class ExchangeRate(models.Model):
    """How many US dollars one unit of a currency was worth on a date, as the secretariat
    recorded it (e.g. the UN operational rate); USD totals use the latest one per currency."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    usd_per_unit = models.DecimalField(
        _("US dollars per unit"),
        max_digits=18,
        decimal_places=8,
    )
    rate_on = models.DateField(_("rate of"))
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("e.g. UN operational rate.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        # Moved from the programme app with its table (migration programme 0011).
        db_table = "programme_exchangerate"
        ordering = ["currency", "-rate_on"]
        verbose_name = _("exchange rate")
        constraints = [
            models.UniqueConstraint(fields=["currency", "rate_on"], name="exchange_rate_unique"),
            models.CheckConstraint(condition=Q(usd_per_unit__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(condition=~Q(currency="USD"), name="exchange_rate_not_usd"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.usd_per_unit} USD ({self.rate_on})"

    def clean(self) -> None:
        errors = {}
        if self.currency == Currency.USD:
            errors["currency"] = _("US dollars need no rate.")
        if self.usd_per_unit is not None and self.usd_per_unit <= 0:
            errors["usd_per_unit"] = _("A rate is above zero.")
        if errors:
            raise ValidationError(errors)
