"""The pages an outside expert's personal link opens, and the secretariat's actions on an
expert's assignment.

The link's pages stand alone: no menu, no search, no link to any other page. They answer for
the one assignment the link names (roadmaps.expert_links) through the same services and rules
as a reviewer's pages, in the expert's language, and create no session (no sign-in, no
messages). A forged, expired or replaced link is a 404; once the review is submitted, or the
assignment declined or withdrawn, the link answers 410."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from django.views import View

from base.errors import DomainError, form_errors_add
from base.generic import ServiceActionView
from programme.selectors import get_visible_or_404
from roadmaps.choices import AssignmentStatus
from roadmaps.downloads import INLINE_TYPES, version_file_response
from roadmaps.expert_links import expert_link_assignment
from roadmaps.forms import CriterionScoreForm, ReviewAnswerForm
from roadmaps.models import ReviewAssignment, RoadmapVersion
from roadmaps.rules import (
    expert_assignment_withdraw_refusal,
    expert_draft_readable,
    expert_link_resend_refusal,
    expert_link_spent,
)
from roadmaps.services import (
    expert_assignment_withdraw,
    expert_link_resend,
    review_assignment_answer,
    review_save,
)


def _gone(request, assignment: ReviewAssignment):
    return render(request, "roadmaps/expert_link_gone.html", {"assignment": assignment}, status=410)


class _ExpertLinkMixin:
    """Reads the assignment the link names (404 otherwise) and speaks the expert's language."""

    def dispatch(self, request, *args, **kwargs):
        self.token = kwargs["token"]
        self.assignment = expert_link_assignment(self.token)
        if self.assignment is None:
            raise Http404(gettext("This link is not valid."))
        with translation.override(self.assignment.expert.language):
            if expert_link_spent(self.assignment):
                response = _gone(request, self.assignment)
            else:
                response = super().dispatch(request, *args, **kwargs)
        # Personal: never kept by a shared cache, and in the expert's language.
        response["Content-Language"] = self.assignment.expert.language
        response["Cache-Control"] = "private, no-store"
        return response


class ExpertReviewView(_ExpertLinkMixin, View):
    """The one page of an expert's link: accept or decline (with any conflict of interest),
    then the draft and the scoring form of that one assignment."""

    template_name = "roadmaps/expert_review.html"

    def _criteria(self):
        review = self.assignment.review
        return list(review.rubric.criteria.select_related("group").prefetch_related("levels"))

    def _score_forms(self, criteria, data=None):
        existing = {s.criterion_id: s for s in self.assignment.review.scores.all()}
        return {
            c.number: CriterionScoreForm(
                data,
                prefix=f"c{c.number}",
                initial=CriterionScoreForm.initial_for(existing.get(c.pk)),
            )
            for c in criteria
        }

    def _render(self, *, answer_form=None, criteria=None, score_forms=None, status=200, **extra):
        assignment = self.assignment
        ctx = {
            "assignment": assignment,
            "version": assignment.version,
            "expert": assignment.expert,
            "token": self.token,
            "offered": assignment.status == AssignmentStatus.OFFERED,
            "draft_inline": assignment.version.content_type in INLINE_TYPES,
            **extra,
        }
        if ctx["offered"]:
            ctx["answer_form"] = answer_form or ReviewAnswerForm()
        else:
            criteria = criteria if criteria is not None else self._criteria()
            score_forms = score_forms or self._score_forms(criteria)
            rows = [(c, score_forms[c.number]) for c in criteria]
            ctx.update(
                review=assignment.review,
                rows=rows,
                scored=sum(1 for f in score_forms.values() if f.has_answer()),
                error_summary=[
                    (c, form[name])
                    for c, form in rows
                    for name in form.errors
                    if name in form.fields
                ],
            )
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, token):
        return self._render(saved=request.GET.get("saved") == "1")

    def post(self, request, token):
        if self.assignment.status == AssignmentStatus.OFFERED:
            return self._answer(request)
        return self._review(request)

    def _answer(self, request):
        form = ReviewAnswerForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                assignment = review_assignment_answer(
                    actor=None,
                    assignment=self.assignment,
                    accept=data["answer"] == "accept",
                    conflict=data["conflict"],
                    conflict_statement=data["conflict_statement"],
                    reason=data["reason"],
                    token=self.token,
                )
            except (ValidationError, DomainError) as exc:
                form_errors_add(form, exc)
            else:
                if assignment.status == AssignmentStatus.DECLINED:
                    return render(request, "roadmaps/expert_link_done.html", {"declined": True})
                return redirect(request.path)
        return self._render(answer_form=form, status=400)

    def _review(self, request):
        criteria = self._criteria()
        score_forms = self._score_forms(criteria, request.POST)
        submit = "submit" in request.POST
        if all([f.is_valid() for f in score_forms.values()]):
            try:
                review_save(
                    actor=None,
                    review=self.assignment.review,
                    scores={n: f.values() for n, f in score_forms.items()},
                    submit=submit,
                    token=self.token,
                )
            except ValidationError as exc:
                form_errors_add(score_forms, exc)
            except DomainError as exc:
                return self._render(refused=exc.message, status=409)
            else:
                if submit:
                    return render(request, "roadmaps/expert_link_done.html", {"submitted": True})
                return redirect(f"{request.path}?saved=1")
        return self._render(criteria=criteria, score_forms=score_forms, status=400, not_saved=True)


class ExpertDraftView(_ExpertLinkMixin, View):
    """The draft of the one version an expert's link names; any other version is a 404."""

    def get(self, request, token, pk):
        version = RoadmapVersion.objects.select_related("roadmap").filter(pk=pk).first()
        if version is None or not expert_draft_readable(self.assignment, token, version):
            raise Http404(gettext("No file available."))
        return version_file_response(
            user=request.user,
            version=version,
            inline=request.GET.get("view") == "1",
            readable=True,
        )


class _ExpertAssignmentActionView(ServiceActionView):
    def get_object(self):
        return get_visible_or_404(
            ReviewAssignment.objects.select_related("expert", "review"),
            self.request.user,
            pk=self.kwargs["pk"],
        )

    def get_success_url(self) -> str:
        return reverse("roadmaps:version-assessment", args=[self.object.version_id])


class ExpertAssignmentWithdrawView(_ExpertAssignmentActionView):
    """The secretariat withdraws an outside expert's assignment (its link then answers 410)."""

    rule = staticmethod(expert_assignment_withdraw_refusal)
    success_message = gettext_lazy("The outside expert's assignment is withdrawn.")

    def perform(self, form):
        expert_assignment_withdraw(actor=self.request.user, assignment=self.object)


class ExpertLinkResendView(_ExpertAssignmentActionView):
    """The secretariat sends an outside expert a new link; the old one stops working."""

    rule = staticmethod(expert_link_resend_refusal)
    success_message = gettext_lazy("A new link is sent; the earlier one no longer works.")

    def perform(self, form):
        expert_link_resend(actor=self.request.user, assignment=self.object)
