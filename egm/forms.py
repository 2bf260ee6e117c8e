"""Forms of the meeting pages. Validation is the models' (called by the services); these only
shape the input."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from base.dates import DatePrecision
from egm.choices import (
    AttendanceMode,
    DocumentKind,
    HostRole,
    InvitationAnswer,
    ParticipantCategory,
    ParticipantLevel,
    ParticipantStatus,
)
from egm.invitations import invitable_users, invitation_addresses
from egm.models import (
    ActionItem,
    AdvisoryGroupMembership,
    AgendaSession,
    Meeting,
    Outcome,
    Participant,
    RegionalTrack,
    meeting_is_over,
)
from guidebook.models import Chapter
from pilots.models import Pilot
from programme.models import Organisation, User
from programme.services import programme_people

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
            "registration_open",
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

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting_is_over(meeting) and self.instance.pk is None:
            # Nobody is "invited" to a meeting that is over: the secretariat picks what
            # happened (the model refuses "invited").
            self.fields["status"].choices = [("", "---------")] + [
                choice for choice in ParticipantStatus.choices if choice[0] != "invited"
            ]
            self.fields["status"].initial = ""


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

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The date picker offers only the meeting's days (the model's clean() says the same).
        if meeting is not None and meeting.start_date:
            self.fields["day"].widget.attrs.update(
                min=meeting.start_date.isoformat(),
                max=(meeting.end_date or meeting.start_date).isoformat(),
            )
            self.fields["day"].help_text = _("Within the meeting's dates.")


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
        # Only people the save accepts as a milestone's owner (programme.services' rule).
        queryset=programme_people().order_by("last_name", "first_name", "username"),
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


class ParticipantListingForm(forms.ModelForm):
    """The person's own choice of who sees their name."""

    class Meta:
        model = Participant
        fields = ["listed_to_participants", "listed_to_users", "listed_to_partners"]
        labels = {
            "listed_to_participants": _("Show my name to the other participants"),
            "listed_to_users": _("Show my name to everyone signed in to the site"),
            "listed_to_partners": _("Show my name to the programme's partners"),
        }


class ParticipantAnswerForm(ParticipantListingForm):
    """The invitee's answer, how they take part, their needs, and who sees their name."""

    answer = forms.ChoiceField(
        label=_("Your answer"), choices=InvitationAnswer.choices, widget=forms.RadioSelect
    )
    attendance_mode = forms.ChoiceField(
        label=_("How you take part"),
        choices=[("", _("(not decided)")), *list(AttendanceMode.choices)],
        required=False,
    )
    needs = forms.CharField(
        label=_("Access or dietary needs"),
        help_text=_("Seen by the secretariat only."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    class Meta(ParticipantListingForm.Meta):
        pass

    field_order = ["answer", "attendance_mode", "needs"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        participant = self.instance
        if participant.status in InvitationAnswer.values:
            self.fields["answer"].initial = participant.status
        self.fields["attendance_mode"].initial = participant.attendance_mode
        self.fields["needs"].initial = participant.needs


class InviteForm(forms.Form):
    """The secretariat invites accounts and people by address; each gets an email."""

    users = forms.ModelMultipleChoiceField(
        label=_("People with an account"),
        queryset=invitable_users(),
        required=False,
    )
    addresses = forms.CharField(
        label=_("Others, by email address"),
        help_text=_("One a line: “Name <address>” or the address alone."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the emails to these addresses"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
    level = forms.ChoiceField(label=_("Level"), choices=ParticipantLevel.choices)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", "---------"), *list(ParticipantCategory.choices)],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Help texts are shown as HTML: the angle brackets of the example must stay text.
        field = self.fields["addresses"]
        field.help_text = escape(str(field.help_text))

    def clean_addresses(self):
        return invitation_addresses(self.cleaned_data.get("addresses", ""))


class RegistrationForm(forms.Form):
    """Signing up through a meeting's open registration link."""

    full_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your email"))
    affiliation = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=ParticipantLevel.choices)
    attendance_mode = forms.ChoiceField(
        label=_("How you take part"), choices=AttendanceMode.choices, widget=forms.RadioSelect
    )
    needs = forms.CharField(
        label=_("Access or dietary needs"),
        help_text=_("Seen by the secretariat only."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of our emails"), choices=settings.LANGUAGES, required=False
    )


class AttendanceForm(forms.Form):
    """Who attended a meeting that is over."""

    attended = forms.ModelMultipleChoiceField(
        label=_("Attended"),
        queryset=Participant.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        field.queryset = meeting.participants.exclude(status=ParticipantStatus.DECLINED)
        field.initial = [p.pk for p in field.queryset if p.status == ParticipantStatus.ATTENDED]


class AdvisoryMembershipForm(forms.ModelForm):
    class Meta:
        model = AdvisoryGroupMembership
        fields = [
            "organisation",
            "role",
            "representatives",
            "responsibilities",
            "start_on",
            "end_on",
            "source",
        ]
        widgets = {
            "start_on": DATE,
            "end_on": DATE,
            "responsibilities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representatives"].queryset = User.objects.filter(is_active=True)


class RegionalTrackForm(forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text=_(
            "Hold Ctrl (Cmd on a Mac) to choose several or to remove one. Organisations "
            "already in the track keep their role; new ones join as partners."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = RegionalTrack
        fields = ["name", "slug", "region", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["partners"].initial = [
                link.organisation_id for link in self.instance.partners.all()
            ]
