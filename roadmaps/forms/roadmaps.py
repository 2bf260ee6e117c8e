"""Forms for roadmaps, their SDGs and their versions. They only shape input."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pilots.models import Country
from programme.models import Organisation
from roadmaps.choices import Priority, RoadmapKind, TargetLinkKind, VersionStatus
from roadmaps.models import Goal, RoadmapVersion, Target
from roadmaps.rules import roadmap_can_create_any

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
    notes = forms.CharField(
        required=False,
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Synergies and trade-offs with other targets are links between targets."),
    )


class TargetLinkForm(forms.Form):
    """A synergy or trade-off between two of the roadmap's targets; only its targets, and its
    versions not yet published, are offered (the model checks again)."""

    from_target = forms.ModelChoiceField(queryset=Target.objects.none(), label=_("Target"))
    kind = forms.ChoiceField(choices=TargetLinkKind.choices, label=_("Kind"))
    to_target = forms.ModelChoiceField(queryset=Target.objects.none(), label=_("Other target"))
    note = forms.CharField(
        required=False, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.ModelChoiceField(
        queryset=RoadmapVersion.objects.none(),
        required=False,
        label=_("Version"),
        empty_label=_("The roadmap as a whole"),
        help_text=_("Choose the draft that changes this link, if only that version does."),
    )

    def __init__(self, *args, roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        targets = Target.objects.filter(roadmap_links__roadmap=roadmap).select_related("goal")
        self.fields["from_target"].queryset = targets
        self.fields["to_target"].queryset = targets
        self.fields["version"].queryset = roadmap.versions.exclude(
            status=VersionStatus.PUBLISHED
        ).order_by("-number")


class FeedbackReplyForm(forms.Form):
    """The country's answer to the feedback on a version."""

    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 6}))


class ConsentGiveForm(forms.Form):
    """The country's consent to show a published version to the world."""

    given_by = forms.CharField(
        max_length=255,
        label=_("Given by"),
        help_text=_("Name and title of who agreed for the country."),
    )
    given_on = forms.DateField(widget=DATE, label=_("Given on"))
    evidence = forms.CharField(
        max_length=255, label=_("Evidence"), help_text=_("Letter, email or meeting record.")
    )


class ConsentWithdrawForm(forms.Form):
    """The day the country withdrew its consent."""

    withdrawn_on = forms.DateField(widget=DATE, label=_("Withdrawn on"))
