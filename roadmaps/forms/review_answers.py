"""The reviewer's answer to an assignment: accept or decline, and a conflict-of-interest
declaration. The model and the service say what is required."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from roadmaps.choices import ConflictOfInterest


class ReviewAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("I accept this review")), ("decline", _("I decline it"))],
        widget=forms.RadioSelect,
    )
    conflict = forms.ChoiceField(
        label=_("Conflict of interest"),
        choices=ConflictOfInterest.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A relationship with the country, its roadmap or its authors that could bias the "
            "review. Declaring one declines the review; the secretariat assigns someone else."
        ),
    )
    conflict_statement = forms.CharField(
        label=_("The relationship"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason = forms.CharField(
        label=_("Why you decline"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class OutsideExpertInviteForm(forms.Form):
    """The secretariat invites someone outside the programme to review one version by email
    (on the assessment page beside the reviewer's form, hence its `expert` prefix there)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of the emails and pages"), choices=settings.LANGUAGES
    )
    # A date input reads only ISO dates, whatever the page's language.
    due_on = forms.DateField(
        label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
