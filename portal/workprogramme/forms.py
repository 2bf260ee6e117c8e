"""Forms for the work programme's pages. They only shape input: the services and the models'
`full_clean()` decide what is valid, and their errors come back onto these fields."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from pilots.choices import (
    ANNOUNCED_PILOT_STATUSES,
    SDG_CHOICES,
    STEP_CHOICES,
    SupportRole,
)
from pilots.models import Pilot
from portal.models import TrustFund
from programme.choices import CountryRecordSource, Currency, SupportOutputKind
from programme.models import Organisation, WorkProgrammeComponent
from roadmaps.choices import VersionStatus
from roadmaps.models import PublicReleaseConsent, RoadmapVersion

# A date input reads only ISO dates, whatever the page's language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PledgeForm(forms.Form):
    fund = forms.ModelChoiceField(queryset=TrustFund.objects.all(), label=_("Fund"))
    donor = forms.ModelChoiceField(queryset=Organisation.objects.all(), label=_("Donor"))
    amount = forms.DecimalField(max_digits=14, decimal_places=2, label=_("Amount"))
    currency = forms.ChoiceField(choices=Currency.choices, label=_("Currency"))
    pledged_on = forms.DateField(widget=DATE, label=_("Pledged on"))
    component = forms.ModelChoiceField(
        queryset=WorkProgrammeComponent.objects.all(),
        required=False,
        label=_("Earmarked for"),
        help_text=_("Leave empty for unearmarked money."),
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Note")
    )


class ReceiptForm(forms.Form):
    amount = forms.DecimalField(max_digits=14, decimal_places=2, label=_("Amount received"))
    received_on = forms.DateField(widget=DATE, label=_("Received on"))
    reference = forms.CharField(max_length=100, required=False, label=_("Reference"))


class ExchangeRateForm(forms.Form):
    currency = forms.ChoiceField(
        choices=[c for c in Currency.choices if c[0] != Currency.USD], label=_("Currency")
    )
    usd_per_unit = forms.DecimalField(
        max_digits=18, decimal_places=8, label=_("US dollars per unit")
    )
    rate_on = forms.DateField(widget=DATE, label=_("Rate of"))
    source = forms.CharField(max_length=200, required=False, label=_("Source"))


class PilotSupportForm(forms.Form):
    pilot = forms.ModelChoiceField(
        queryset=Pilot.objects.select_related("country", "organisation"), label=_("Pilot")
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), label=_("Organisation")
    )
    role = forms.ChoiceField(choices=SupportRole.choices, label=_("Role"))
    start_on = forms.DateField(widget=DATE, required=False, label=_("From"))
    end_on = forms.DateField(widget=DATE, required=False, label=_("Until"))
    steps = forms.TypedMultipleChoiceField(
        choices=STEP_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Steps supported"),
    )
    goals = forms.TypedMultipleChoiceField(
        choices=SDG_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("SDGs"),
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Notes")
    )


class PeerExchangeForm(forms.Form):
    peer = forms.ModelChoiceField(
        queryset=Pilot.objects.select_related("country", "organisation"),
        label=_("Learned from"),
    )
    held_on = forms.DateField(widget=DATE, label=_("Held on"))
    topic = forms.CharField(max_length=255, label=_("Topic"))
    participants = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=_("Participants")
    )
    criteria = forms.TypedMultipleChoiceField(
        choices=[(n, str(n)) for n in range(1, 11)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Effectiveness criteria discussed"),
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Notes")
    )


class SupportOutputForm(forms.Form):
    title = forms.CharField(max_length=255, label=_("Title"))
    kind = forms.ChoiceField(choices=SupportOutputKind.choices, label=_("Kind"))
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.all(), label=_("Organisations")
    )
    components = forms.ModelMultipleChoiceField(
        queryset=WorkProgrammeComponent.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Components"),
    )
    url = forms.URLField(required=False, assume_scheme="https", label=_("Link to the document"))
    published_on = forms.DateField(widget=DATE, required=False, label=_("Published on"))
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Summary")
    )
    is_public = forms.BooleanField(required=False, label=_("Show on the public site"))


class ConsentForm(forms.Form):
    # Only versions a consent can be recorded for: published, with none in force.
    version = forms.ModelChoiceField(
        queryset=RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .exclude(Exists(PublicReleaseConsent.objects.in_force().filter(version=OuterRef("pk"))))
        .select_related("roadmap"),
        label=_("Published roadmap version"),
        empty_label=_("Choose…"),
    )
    given_by = forms.CharField(max_length=255, label=_("Given by"))
    given_on = forms.DateField(widget=DATE, label=_("Given on"))
    evidence = forms.CharField(max_length=255, label=_("Evidence"))


class WithdrawConsentForm(forms.Form):
    withdrawn_on = forms.DateField(widget=DATE, label=_("Withdrawn on"))


class CountryRecordLinkForm(forms.Form):
    source = forms.ChoiceField(choices=CountryRecordSource.choices, label=_("Source"))
    record = forms.CharField(
        max_length=200,
        required=False,
        label=_("Record"),
        help_text=_("The country's page on that source; leave empty to remove the link."),
    )


class PeerExchangeRequestForm(forms.Form):
    """A country's request for a peer exchange with a country it suggests: announced pilot
    countries other than its own are offered."""

    suggested_peer = forms.ModelChoiceField(
        queryset=Pilot.objects.none(), label=_("Suggested country")
    )
    topic = forms.CharField(max_length=255, label=_("Topic"))
    note = forms.CharField(
        required=False, label=_("Note"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, learner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_peer"].queryset = (
            Pilot.objects.countries()
            .filter(status__in=ANNOUNCED_PILOT_STATUSES)
            .exclude(pk=learner.pk)
            .select_related("country")
        )


class ReportPeriodForm(forms.Form):
    """The period the programme report covers: both days included, the first not after the
    last, and no later than today (the report tells what happened)."""

    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        for name in ("start", "end"):
            self.fields[name].widget.attrs["max"] = today.isoformat()

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if end and end > self.today:
            self.add_error("end", _("The period ends today at the latest."))
        if start and end and start > end:
            self.add_error("start", _("The period starts on or before its last day."))
        return data
