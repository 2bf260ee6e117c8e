"""Forms for assessing roadmap versions. They only shape input: the rules live on the models
and in roadmaps.services.assessments, whose errors the views put back on these forms
with base.errors.form_errors_add."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from programme.choices import Role
from programme.models import User
from roadmaps.choices import Score

INSUFFICIENT = "insufficient"
# A 5-point scale and "insufficient information", as radio buttons: no choice is "not scored
# yet", which a draft may keep.
SCORE_CHOICES = [
    *[(str(v), label) for v, label in Score.choices],
    (INSUFFICIENT, _("Insufficient information")),
]
# The rubric's distinction, where the reviewer chooses: 0 is a judgement, insufficient
# information is none.
SCORE_HELP = _(
    "0: the draft says enough to judge and shows what the criterion asks is absent. "
    "Insufficient information: the draft does not say enough to judge; it is not a score "
    "and counts in no mean."
)


class ReviewAssignmentForm(forms.Form):
    """Assign a reviewer to a version, with a due date."""

    reviewer = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Reviewer"))
    # A date input reads only ISO dates, whatever the page's language.
    due_on = forms.DateField(
        label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, exclude_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = (
            User.objects.filter(groups__name=Role.REVIEWER, is_active=True)
            .exclude(pk__in=exclude_ids)
            .order_by("last_name", "first_name")
        )


class CriterionScoreForm(forms.Form):
    """One criterion of a review: the score, the justification and where the evidence is."""

    score = forms.ChoiceField(
        label=_("Score"),
        choices=SCORE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=SCORE_HELP,
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required for every criterion you score."),
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=255,
        help_text=_("Page or section of the draft, e.g. p. 12, §3.2."),
    )

    def has_answer(self) -> bool:
        """Whether the criterion is scored (or marked insufficient), as posted or saved."""
        value = self["score"].value()
        return value not in (None, "")

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "score": None if data["score"] in ("", INSUFFICIENT) else int(data["score"]),
            "insufficient_information": data["score"] == INSUFFICIENT,
            "justification": data["justification"],
            "evidence": data["evidence"],
        }

    @staticmethod
    def initial_for(row) -> dict:
        if row is None:
            return {}
        return {
            "score": INSUFFICIENT if row.insufficient_information else str(row.score),
            "justification": row.justification,
            "evidence": row.evidence,
        }


class ConsolidatedScoreForm(forms.Form):
    """The secretariat's consolidated score on one criterion, with its comment."""

    score = forms.DecimalField(
        label=_("Score"),
        required=False,
        max_digits=3,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "4"}),
        help_text=_("0 to 4; the reviewers' mean is proposed."),
    )
    insufficient_information = forms.BooleanField(
        label=_("Insufficient information"), required=False, help_text=SCORE_HELP
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def values(self) -> dict:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_for(row, proposal) -> dict:
        if row is None:
            # Proposed from the reviews: their mean, or "insufficient information" only when
            # reviewers said so and none scored it (never merely because no review is in).
            return {
                "score": proposal.mean,
                "insufficient_information": proposal.mean is None and bool(proposal.insufficient),
            }
        return {
            "score": row.score,
            "insufficient_information": row.insufficient_information,
            "comment": row.comment,
        }


class AssessmentFinaliseForm(forms.Form):
    """Close the assessment with a summary for the country."""

    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Overall feedback the country's focal points will read."),
    )
    show_reviewer_names = forms.BooleanField(
        required=False, label=_("Show the reviewers' names to the country's focal points")
    )


class RubricVersionForm(forms.Form):
    """A new rubric version: the current wording, prefilled, for the secretariat to revise.

    Fields are made per criterion (name, short name, description, five level descriptors) so
    the whole rubric is edited on one page; only what changed is handed to the service.
    """

    title = forms.CharField(max_length=200, label=_("Title"))
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Description")
    )

    def __init__(self, *args, rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        self.criteria = list(rubric.criteria.select_related("group").prefetch_related("levels"))
        self.fields["title"].initial = rubric.title
        self.fields["description"].initial = rubric.description
        for c in self.criteria:
            self.fields[f"c{c.number}_name"] = forms.CharField(
                max_length=255,
                initial=c.name,
                label=format_lazy(_("{number}. Name"), number=c.number),
            )
            self.fields[f"c{c.number}_short_name"] = forms.CharField(
                max_length=60, initial=c.short_name, label=_("Short name")
            )
            self.fields[f"c{c.number}_description"] = forms.CharField(
                initial=c.description,
                label=_("Description"),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            for level in c.levels.all():
                self.fields[f"c{c.number}_level{level.score}"] = forms.CharField(
                    initial=level.descriptor,
                    label=format_lazy(_("Level {score}"), score=level.score),
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def criterion_blocks(self):
        """The bound fields grouped by criterion, for the template."""
        return [
            (c, [self[name] for name in self.fields if name.startswith(f"c{c.number}_")])
            for c in self.criteria
        ]

    def criteria_changes(self) -> dict[int, dict]:
        """Only what differs from the current version, in the service's shape."""
        changes: dict[int, dict] = {}
        data = self.cleaned_data
        for c in self.criteria:
            change = {
                field: data[f"c{c.number}_{field}"]
                for field in ("name", "short_name", "description")
                if data[f"c{c.number}_{field}"] != getattr(c, field)
            }
            levels = [data[f"c{c.number}_level{score}"] for score in range(5)]
            if levels != [level.descriptor for level in c.levels.all()]:
                change["levels"] = levels
            if change:
                changes[c.number] = change
        return changes
