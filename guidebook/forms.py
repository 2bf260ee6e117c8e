"""Forms for the Guidebook pages. They collect input; the models (through the services) decide
what is valid, and `base.errors.form_errors_add` (through the pages' base view) puts their
answers on the right fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guidebook.choices import ChapterStatus, CommentStatus, DocumentKind, EditionStatus, Language
from guidebook.models import BackgroundPaper, Chapter, OutlineVersion
from programme.models import Organisation, User

# Meetings are the egm app's, which stands on this one (its outcomes name chapters). An outline
# names the meeting that refined it through its ForeignKey's lazy model reference ("egm.Meeting").
Meeting = OutlineVersion._meta.get_field("meeting").related_model


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EditionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    label = forms.CharField(label=_("Label"), max_length=40, help_text=_("e.g. 'Draft 2019'."))
    status = forms.ChoiceField(label=_("Status"), choices=EditionStatus.choices)
    target_on = forms.DateField(
        label=_("Target date"), required=False, widget=DATE,
        help_text=_("Kept as a milestone, so reminders follow it."),
    )  # fmt: skip
    published_on = forms.DateField(label=_("Published on"), required=False, widget=DATE)
    published_year = forms.IntegerField(label=_("Year of publication"), required=False)
    series_number = forms.CharField(label=_("Report number"), max_length=60, required=False)
    doi = forms.CharField(label=_("DOI"), max_length=100, required=False)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)  # fmt: skip
    source = forms.CharField(label=_("Source"), max_length=500, required=False)


class ChapterForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=0)
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)  # fmt: skip
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.all(), required=False
    )
    authors = forms.ModelMultipleChoiceField(
        label=_("Authors (accounts)"), queryset=User.objects.filter(is_active=True),
        required=False,
    )  # fmt: skip
    author_names = forms.CharField(label=_("Authors as credited"), max_length=500, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    translation_of = forms.ModelChoiceField(
        label=_("Translation of"), queryset=Chapter.objects.none(), required=False
    )
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=DATE,
        help_text=_("Kept as a milestone, so reminders follow it."),
    )  # fmt: skip
    background_papers = forms.ModelMultipleChoiceField(
        label=_("Cites"), queryset=BackgroundPaper.objects.all(), required=False
    )
    source = forms.CharField(label=_("Source"), max_length=500, required=False)

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        if edition is not None:
            self.fields["translation_of"].queryset = edition.chapters.filter(
                translation_of__isnull=True
            )


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=ChapterStatus.choices)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)


class DraftForm(forms.Form):
    text = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Markdown: # headings, *emphasis*, [links](https://…). Raw HTML is refused."),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_("PDF, Word (DOCX) or OpenDocument text (ODT)."),
    )
    change_summary = forms.CharField(
        label=_("Summary of changes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("file") is not None:
            # The text box starts with the latest text; with a file, that copy is left aside,
            # but text someone typed is never silently dropped.
            if "text" in self.changed_data and (data.get("text") or "").strip():
                raise forms.ValidationError(
                    _("Upload a file or change the text, not both."), code="text_and_file"
                )
            data["text"] = ""
        return data


class DocumentVersionForm(DraftForm):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    field_order = ["kind", "text", "file", "change_summary"]


class OutlineVersionForm(forms.Form):
    text = forms.CharField(
        label=_("Annotated outline (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("One heading per chapter, with what it will cover."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Refined at"), queryset=Meeting.objects.none(), required=False,
        help_text=_("The meeting (usually an EGM) that refined the outline."),
    )  # fmt: skip
    change_summary = forms.CharField(
        label=_("Summary of changes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("The whole draft")), *sections]


class CommentResponseForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommentStatus.choices)
    response = forms.CharField(
        label=_("Response"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InvitationForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Person"), queryset=User.objects.filter(is_active=True), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Or a whole organisation"), queryset=Organisation.objects.all(), required=False
    )


class BackgroundPaperForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    authors = forms.CharField(label=_("Authors"), max_length=500, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    reference = forms.CharField(label=_("Reference"), max_length=255, required=False)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("Or upload the file"), required=False)
    source = forms.CharField(label=_("Source"), max_length=500, required=False)


class DiffForm(forms.Form):
    """Which two of the chapter's versions to compare, chosen among those that exist."""

    old = forms.TypedChoiceField(label=_("From version"), coerce=int)
    new = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Version %(number)s") % {"number": n}) for n in sorted(numbers)]
        self.fields["old"].choices = self.fields["new"].choices = choices
