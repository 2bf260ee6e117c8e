"""Forms of the monitoring pages. They bind and parse; the services and models decide."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from monitoring.choices import ActionStatus, UpdateStatus
from monitoring.models import (
    VALUE_DIGITS,
    VALUE_PLACES,
    Action,
    Indicator,
    Objective,
    ReportingPeriod,
)
from monitoring.services import status_field, value_field

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["title", "description", "order"]


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "lead_institution",
            "starts_on",
            "ends_on",
            "targets",
            "order",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "targets": forms.SelectMultiple(attrs={"size": 8}),
        }


class IndicatorForm(forms.ModelForm):
    targets = forms.CharField(
        label=_("Targets by year"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: year, then value, e.g. “2025: 1.5”."),
    )

    class Meta:
        model = Indicator
        fields = [
            "title",
            "definition",
            "unit",
            "direction",
            "baseline_value",
            "baseline_year",
            "baseline_source",
            "sdg_indicator",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg_indicator"].queryset = self.fields["sdg_indicator"].queryset.order_by(
            "order"
        )
        if self.instance.pk and not self.is_bound:
            self.initial["targets"] = "\n".join(
                f"{t.year}: {t.value.normalize():f}" for t in self.instance.targets.all()
            )

    def clean_targets(self) -> dict[int, Decimal]:
        targets: dict[int, Decimal] = {}
        for number, line in enumerate(self.cleaned_data["targets"].splitlines(), start=1):
            if not line.strip():
                continue
            year, sep, value = line.partition(":")
            try:
                year_n = int(year.strip())
                amount = Decimal(value.strip().replace(",", "."))
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(
                    gettext("Line %(n)s: write a year, a colon and a number.") % {"n": number}
                ) from None
            if not sep or year_n in targets:
                raise forms.ValidationError(
                    gettext("Line %(n)s: one target per year.") % {"n": number}
                )
            targets[year_n] = amount
        return targets


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["starts_on", "ends_on", "due_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "due_on": DATE}


class UpdateForm(forms.Form):
    """The narrative, one actual value per indicator (in its unit) and one status per action."""

    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened in the period, what worked and what did not."),
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for action, report, indicators in rows:
            self.fields[status_field(action.pk)] = forms.ChoiceField(
                label=gettext("Status of “%(action)s”") % {"action": action.title},
                choices=[("", "—"), *ActionStatus.choices],
                required=False,
                initial=report.status if report else "",
            )
            for indicator, value in indicators:
                self.fields[value_field(indicator.pk)] = forms.DecimalField(
                    label=gettext("%(indicator)s (in %(unit)s)")
                    % {"indicator": indicator.title, "unit": indicator.unit},
                    required=False,
                    max_digits=VALUE_DIGITS,
                    decimal_places=VALUE_PLACES,
                    initial=value.value if value else None,
                    localize=True,
                )

    def values(self) -> dict[int, Decimal | None]:
        return {
            indicator.pk: self.cleaned_data.get(value_field(indicator.pk))
            for _a, _r, indicators in self.rows
            for indicator, _v in indicators
        }

    def statuses(self) -> dict[int, str]:
        return {
            action.pk: self.cleaned_data.get(status_field(action.pk))
            for action, _r, _i in self.rows
        }


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"), required=False, help_text=_("PDF, DOCX or ODT."))
    url = forms.URLField(
        label=_("Or a link"), required=False, max_length=500, assume_scheme="https"
    )


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=UpdateStatus.choices, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the approved update is corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
