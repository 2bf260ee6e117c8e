from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pilots.choices import (
    PILOT_STATUS_MOVES,
    SDG_CHOICES,
    STEP_CHOICES,
    PilotStatus,
    RoadmapStep,
    StepStatus,
    SupportRole,
    TaskTeamRole,
)
from pilots.models import Cohort, Country
from pilots.rules import focal_point_candidates
from programme.forms import ListedModelChoiceField
from programme.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotTransitionForm(forms.Form):
    """Move a pilot's status; only the moves allowed from its current status are offered."""

    prefix = "status"

    to_status = forms.ChoiceField(label=_("New status"), choices=PilotStatus.choices)
    reason = forms.CharField(
        label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, current: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is not None:
            allowed = PILOT_STATUS_MOVES.get(current, frozenset())
            self.fields["to_status"].choices = [
                (value, label) for value, label in PilotStatus.choices if value in allowed
            ]


class PilotStepForm(forms.Form):
    """Progress in one methodology step."""

    step = forms.TypedChoiceField(choices=RoadmapStep.choices, coerce=int, widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=StepStatus.choices, label=_("Status"))
    started_on = forms.DateField(required=False, widget=DATE, label=_("Started"))
    completed_on = forms.DateField(required=False, widget=DATE, label=_("Completed"))
    notes = forms.CharField(
        required=False, label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PilotSupportForm(forms.Form):
    """An organisation's support role for a pilot, over a period."""

    prefix = "support"

    organisation = ListedModelChoiceField(
        queryset=Organisation.objects.all(), label=_("Organisation")
    )
    role = forms.ChoiceField(choices=SupportRole.choices, label=_("Role"))
    start_on = forms.DateField(required=False, widget=DATE, label=_("From"))
    end_on = forms.DateField(required=False, widget=DATE, label=_("Until"))
    # What the support covers, as on the work programme's landscape: a support recorded here
    # with its steps is no gap there.
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


class TaskTeamMemberForm(forms.Form):
    """A member institution of the national task team."""

    prefix = "team"

    organisation = ListedModelChoiceField(
        queryset=Organisation.objects.all(), label=_("Organisation")
    )
    role = forms.ChoiceField(
        choices=TaskTeamRole.choices, initial=TaskTeamRole.MEMBER, label=_("Role")
    )


class FocalPointLinkForm(forms.Form):
    """Link a person to the pilot's country as its focal point."""

    prefix = "fp"

    # Only accounts the rule allows are offered (partners and reviewers never are); the
    # service checks again.
    user = ListedModelChoiceField(queryset=focal_point_candidates(), label=_("Person"))
    is_primary = forms.BooleanField(required=False, initial=True, label=_("Primary focal point"))


class PilotCreateForm(forms.Form):
    """A country expressing interest in becoming a pilot, and where and when it did."""

    country = ListedModelChoiceField(
        queryset=Country.objects.filter(pilot__isnull=True).order_by("name"),
        label=_("Country"),
    )
    interest_expressed_on = forms.DateField(widget=DATE, label=_("Interest expressed on"))
    interest_source_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label=_("Source (web address)"),
        help_text=_("Where the interest is on record, e.g. a statement or a news item."),
    )
    interest_source_reference = forms.CharField(
        required=False,
        max_length=255,
        label=_("Source (document reference)"),
        help_text=_("E.g. the letter's reference number, or the meeting where it was said."),
    )
    cohort = ListedModelChoiceField(
        queryset=Cohort.objects.all(), required=False, label=_("Cohort")
    )
    summary = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Summary")
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Note for the status history"),
    )


class PilotUpdateForm(forms.Form):
    """A pilot's record as the secretariat corrects it (its status moves separately)."""

    cohort = ListedModelChoiceField(
        queryset=Cohort.objects.all(), required=False, label=_("Cohort")
    )
    phase = forms.CharField(required=False, max_length=100, label=_("Phase"))
    announced_on = forms.DateField(required=False, widget=DATE, label=_("Announced on"))
    joined_on = forms.DateField(required=False, widget=DATE, label=_("Joined on"))
    lead_institution = ListedModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        label=_("Lead institution"),
    )
    summary = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Summary")
    )
    interest_expressed_on = forms.DateField(
        required=False, widget=DATE, label=_("Interest expressed on")
    )
    interest_source_url = forms.URLField(
        required=False, assume_scheme="https", label=_("Source (web address)")
    )
    interest_source_reference = forms.CharField(
        required=False, max_length=255, label=_("Source (document reference)")
    )


class CohortForm(forms.Form):
    """A cohort of pilots that join together."""

    name = forms.CharField(max_length=100, label=_("Name"))
    started_on = forms.DateField(widget=DATE, label=_("Started on"))
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Description")
    )


class LinesField(forms.CharField):
    """One value per line (evidence links): the model checks each value."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class CountryStepForm(forms.Form):
    """Progress in one methodology step, as the country records it: status, dates, a short
    note and links to evidence."""

    status = forms.ChoiceField(choices=StepStatus.choices, label=_("Status"))
    started_on = forms.DateField(required=False, widget=DATE, label=_("Started"))
    completed_on = forms.DateField(required=False, widget=DATE, label=_("Completed"))
    notes = forms.CharField(
        required=False, label=_("Short note"), widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_links = LinesField(
        required=False,
        label=_("Evidence links"),
        help_text=_("One web address per line, e.g. the validated step report."),
    )


class TaskTeamPersonForm(forms.Form):
    """A person on the national task team."""

    name = forms.CharField(max_length=200, label=_("Name"))
    organisation = forms.CharField(max_length=200, required=False, label=_("Organisation"))
    role = forms.ChoiceField(
        choices=TaskTeamRole.choices, initial=TaskTeamRole.MEMBER, label=_("Role")
    )
    contact = forms.CharField(
        max_length=200,
        required=False,
        label=_("Contact"),
        help_text=_("Shown only to the secretariat and the country's focal points."),
    )
