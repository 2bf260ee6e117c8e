"""Forms for roadmaps, their SDGs and their versions. They only shape input."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pilots.models import Country
from programme.models import Organisation
from roadmaps.choices import Priority, RoadmapKind
from roadmaps.models import Goal, Target
from roadmaps.rules import roadmap_can_create_any


class VersionUploadForm(forms.Form):
    """A new draft; the file's checks live in base.uploads via the model and service."""

    file = forms.FileField(
        label=_("Roadmap document"),
        help_text=format_lazy(
            _("PDF, Word (DOCX) or OpenDocument text (ODT), up to {size} MB."),
            size=settings.ROADMAP_UPLOAD_MAX_BYTES // (1024 * 1024),
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.odt,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.oasis.opendocument.text"
            }
        ),
    )
    change_summary = forms.CharField(
        label=_("Summary of changes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changed since the previous version, for the secretariat and reviewers."),
    )


class TransitionForm(forms.Form):
    """A workflow move; the service decides whether it is allowed and if a comment is needed."""

    to_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RoadmapGoalForm(forms.Form):
    """An SDG the roadmap addresses."""

    goal = forms.ModelChoiceField(queryset=Goal.objects.all(), label=_("SDG"))
    priority = forms.ChoiceField(
        choices=Priority.choices, initial=Priority.PRIMARY, label=_("Priority")
    )
    notes = forms.CharField(
        required=False,
        label=_("Synergies and trade-offs"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoadmapForm(forms.Form):
    """A new roadmap. Focal points open national roadmaps for their own countries only."""

    kind = forms.ChoiceField(
        choices=RoadmapKind.choices, initial=RoadmapKind.NATIONAL, label=_("Kind")
    )
    country = forms.ModelChoiceField(
        queryset=Country.objects.all(), required=False, label=_("Country")
    )
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label=_("Owning organisation"),
        help_text=_("For an international or thematic roadmap."),
    )
    title = forms.CharField(max_length=255, label=_("Title"))
    summary = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), label=_("Summary")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not roadmap_can_create_any(user):
            # A focal point's choice is their own countries' national roadmap.
            self.fields["country"].queryset = Country.objects.filter(pk__in=user.country_ids)
            self.fields["country"].required = True
            self.fields["kind"].choices = [(RoadmapKind.NATIONAL, RoadmapKind.NATIONAL.label)]
            del self.fields["owner"]


class RoadmapUpdateForm(forms.Form):
    """A roadmap's title and summary."""

    title = forms.CharField(max_length=255, label=_("Title"))
    summary = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), label=_("Summary")
    )


class RoadmapTargetForm(forms.Form):
    """An SDG target the roadmap addresses, with what it reinforces and what it costs."""

    target = forms.ModelChoiceField(
        queryset=Target.objects.select_related("goal"), label=_("SDG target")
    )
    priority = forms.ChoiceField(
        choices=Priority.choices, initial=Priority.PRIMARY, label=_("Priority")
    )
    synergies = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Other targets this one advances."),
    )
    trade_offs = forms.CharField(
        required=False,
        label=_("Trade-offs"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Targets it may set back, and how the roadmap handles that."),
    )
