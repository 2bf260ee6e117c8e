"""Forms for assessing roadmap versions. They only shape input: the rules live on the models
and in roadmaps.assessment_services, whose errors the views put back on these forms."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from programme.choices import Role
from programme.models import User
from roadmaps.choices import Score

INSUFFICIENT = "insufficient"
SCORE_CHOICES = [
    ("", "Not scored yet"),
    *[(str(v), label) for v, label in Score.choices],
    (INSUFFICIENT, "Insufficient information"),
]


class ReviewAssignmentForm(forms.Form):
    """Assign a reviewer to a version, with a due date."""

    reviewer = forms.ModelChoiceField(queryset=User.objects.none())
    due_on = forms.DateField(label="Due on", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, exclude_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = (
            User.objects.filter(groups__name=Role.REVIEWER, is_active=True)
            .exclude(pk__in=exclude_ids)
            .order_by("last_name", "first_name")
        )


class CriterionScoreForm(forms.Form):
    """One criterion of a review: the score, the justification and where the evidence is."""

    score = forms.ChoiceField(choices=SCORE_CHOICES, required=False)
    justification = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required for every criterion you score.",
    )
    evidence = forms.CharField(
        required=False, max_length=255, help_text="Page or section of the draft, e.g. p. 12, §3.2."
    )

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
        required=False,
        max_digits=3,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "4"}),
        help_text="0 to 4; the reviewers' mean is proposed.",
    )
    insufficient_information = forms.BooleanField(required=False)
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def values(self) -> dict:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_for(row, proposed: Decimal | None) -> dict:
        if row is None:
            return {"score": proposed, "insufficient_information": proposed is None}
        return {
            "score": row.score,
            "insufficient_information": row.insufficient_information,
            "comment": row.comment,
        }


class AssessmentFinaliseForm(forms.Form):
    """Close the assessment with a summary for the country."""

    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Overall feedback the country's focal points will read.",
    )
    show_reviewer_names = forms.BooleanField(
        required=False, label="Show the reviewers' names to the country's focal points"
    )


def add_service_errors(forms_by_number: dict[int, forms.Form], exc: ValidationError) -> None:
    """Put a service's per-criterion errors (keys like `c3_score`) on the matching forms."""
    for key, messages in exc.message_dict.items():
        number_text, _sep, name = key[1:].partition("_")
        form = forms_by_number.get(int(number_text)) if number_text.isdigit() else None
        if form is None:
            continue
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)
