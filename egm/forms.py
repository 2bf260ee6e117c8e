"""Forms of the meeting pages. Validation is the models' (called by the services); these only
shape the input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from base.dates import DatePrecision
from egm.choices import DocumentKind, HostRole
from egm.models import ActionItem, AgendaSession, Meeting, Outcome, Participant
from guidebook.models import Chapter
from pilots.models import Pilot
from programme.models import Organisation, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "sequence",
            "series",
            "status",
            "start_date",
            "end_date",
            "date_precision",
            "planned_start_date",
            "planned_end_date",
            "planned_note",
            "venue",
            "city",
            "country",
            "track",
            "themes",
            "purpose",
            "objectives",
            "expected_outcomes",
            "summary",
            "source",
            "source_url",
            "is_public",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "planned_start_date": DATE,
            "planned_end_date": DATE,
            "planned_note": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "expected_outcomes": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Most meetings are dated to the day: a form (or a client) that does not say keeps it.
        self.fields["date_precision"].required = False

    def clean_date_precision(self):
        return self.cleaned_data.get("date_precision") or (
            self.instance.date_precision if self.instance.pk else DatePrecision.DAY
        )


class HostForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=HostRole.choices, required=False)


HostFormSet = forms.formset_factory(HostForm, extra=3, can_delete=True)


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "full_name",
            "organisation",
            "affiliation",
            "country",
            "level",
            "category",
            "status",
            "email",
            "phone",
        ]


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns: name, level (required); email, phone, organisation, country, category, "
            "status."
        ),
    )


class SessionForm(forms.ModelForm):
    class Meta:
        model = AgendaSession
        fields = ["title", "day", "start_time", "end_time", "chairs", "speakers", "description"]
        widgets = {
            "day": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "speakers": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class DocumentVersionForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, DOCX or ODT)"), required=False)
    body = forms.CharField(
        label=_("Or text (Markdown)"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    note = forms.CharField(label=_("What changed"), max_length=255, required=False)


class DocumentForm(DocumentVersionForm):
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=AgendaSession.objects.none(), required=False
    )
    field_order = ["title", "kind", "session", "file", "body", "note"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = meeting.sessions.all()


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["title", "description", "pilots", "criteria", "chapters", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the user may see can be linked.
        self.fields["pilots"].queryset = Pilot.objects.visible_to(user).select_related("country")
        self.fields["chapters"].queryset = Chapter.objects.visible_to(user)
        self.fields["criteria"].queryset = self.fields["criteria"].queryset.select_related("rubric")


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=255)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.filter(is_active=True),
        required=False,  # the service says why an owner is needed
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE, required=False)
    outcome = forms.ModelChoiceField(
        label=_("Outcome"), queryset=Outcome.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = meeting.outcomes.all()


class ActionStatusForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["status"]


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
