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
    status = forms.ChoiceField(choices=StepStatus.choices)
    started_on = forms.DateField(required=False, widget=DATE, label=_("Started"))
    completed_on = forms.DateField(required=False, widget=DATE, label=_("Completed"))
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


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
