"""The reviewer's answer to an assignment offered to them (accept, or decline with a reason
or a declared conflict of interest). Only the reviewer asked reaches it (404 for anyone
else); the service and its rule do the rest."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from base.generic import ServiceFormView
from roadmaps.choices import AssignmentStatus
from roadmaps.forms.review_answers import ReviewAnswerForm
from roadmaps.rules import review_assignment_answer_refusal
from roadmaps.selectors import review_assignment_for_reviewer
from roadmaps.services import review_assignment_answer


class ReviewAnswerView(ServiceFormView):
    template_name = "roadmaps/review_answer.html"
    form_class = ReviewAnswerForm
    rule = staticmethod(review_assignment_answer_refusal)
    success_message = gettext_lazy("Your answer is saved.")

    def setup_objects(self):
        self.object = review_assignment_for_reviewer(user=self.request.user, pk=self.kwargs["pk"])

    def get_refused_url(self):
        return reverse("roadmaps:review-list")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["assignment"] = self.object
        return ctx

    def perform(self, form):
        data = form.cleaned_data
        assignment = review_assignment_answer(
            actor=self.request.user,
            assignment=self.object,
            accept=data["answer"] == "accept",
            conflict=data["conflict"],
            conflict_statement=data["conflict_statement"],
            reason=data["reason"],
        )
        if assignment.status == AssignmentStatus.ACCEPTED:
            return reverse("roadmaps:review-edit", args=[assignment.pk])
        return reverse("roadmaps:review-list")
