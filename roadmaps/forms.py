from __future__ import annotations

from django import forms
from django.conf import settings

from roadmaps.choices import Priority
from roadmaps.models import Goal


class VersionUploadForm(forms.Form):
    """A new draft; the file's checks live in roadmaps.uploads via the model and service."""

    file = forms.FileField(
        label="Roadmap document",
        help_text="PDF, Word (DOCX) or OpenDocument text (ODT), up to "
        f"{settings.ROADMAP_UPLOAD_MAX_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.odt,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.oasis.opendocument.text"
            }
        ),
    )
    change_summary = forms.CharField(
        label="Summary of changes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What changed since the previous version, for the secretariat and reviewers.",
    )


class TransitionForm(forms.Form):
    """A workflow move; the service decides whether it is allowed and if a comment is needed."""

    to_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RoadmapGoalForm(forms.Form):
    """An SDG the roadmap addresses."""

    goal = forms.ModelChoiceField(queryset=Goal.objects.all(), label="SDG")
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.PRIMARY)
    notes = forms.CharField(
        required=False, label="Synergies and trade-offs", widget=forms.Textarea(attrs={"rows": 2})
    )
