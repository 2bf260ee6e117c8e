"""Pages for reviewing, consolidating and reading assessments, and for the rubric."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook

from base.cache import READ_TTL, page_read_key
from base.errors import DomainError, form_errors_add
from base.generic import RuleMixin, ScopedFilterView, ServiceFormView
from base.spreadsheets import spreadsheet_row
from pilots.models import Cohort, Country, Pilot, Region
from programme.models import Organisation, User
from programme.roles import RoleRequiredMixin
from programme.selectors import get_visible_or_404
from roadmaps.choices import CriterionGroupCode, ReviewStatus
from roadmaps.downloads import INLINE_TYPES
from roadmaps.filtersets import AssessmentFilterSet, ReviewAssignmentFilterSet
from roadmaps.forms import (
    AssessmentFinaliseForm,
    ConsolidatedScoreForm,
    CriterionScoreForm,
    OutsideExpertInviteForm,
    ReviewAssignmentForm,
    RubricVersionForm,
)
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Criterion,
    CriterionGroup,
    ReviewAssignment,
    Roadmap,
    RoadmapVersion,
    Rubric,
)
from roadmaps.rules import (
    assessment_can_consolidate,
    assessment_can_open,
    assessment_consolidation_open,
    assessment_heatmap_can_open,
    expert_can_invite,
    review_can_assign,
    review_list_can_open,
    rubric_can_publish,
    rubric_publish_refusal,
)
from roadmaps.selectors import (
    assessment_consolidation,
    assessment_heatmap,
    assessment_list,
    assessment_scorecard_get,
    feedback_replies_for,
    heatmap_criteria,
    review_assignment_for_reviewer,
    review_assignment_list,
    review_peer_reviews,
    rubric_list,
)
from roadmaps.services import (
    assessment_save,
    current_rubric,
    outside_expert_invite,
    review_assignment_create,
    review_save,
    rubric_publish_new_version,
)

# --- Assessment against the effectiveness criteria -----------------------------------------


class ReviewAssignmentListView(RoleRequiredMixin, ScopedFilterView):
    """A reviewer's assignments ("My reviews"), with their due dates and progress."""

    template_name = "roadmaps/assessment_review_list.html"

    @classmethod
    def allows(cls, user) -> bool:
        return review_list_can_open(user)

    selector = staticmethod(review_assignment_list)
    filterset_class = ReviewAssignmentFilterSet

    def get_queryset(self):
        qs = super().get_queryset()
        # The secretariat reads every review on the consolidation pages; this list is personal.
        # Open reviews first, soonest due first; submitted ones after.
        submitted = Case(
            When(review__status=ReviewStatus.SUBMITTED, then=Value(1)), default=Value(0)
        )
        return qs.filter(reviewer=self.request.user).order_by(submitted, "milestone__due_on", "pk")


class ReviewEditView(LoginRequiredMixin, TemplateView):
    """A reviewer scores each criterion, saves a draft, then submits; then it is read-only."""

    template_name = "roadmaps/assessment_review_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.assignment = review_assignment_for_reviewer(user=request.user, pk=kwargs["pk"])
            self.review = self.assignment.review
        return super().dispatch(request, *args, **kwargs)

    def _criteria(self):
        return list(self.review.rubric.criteria.select_related("group").prefetch_related("levels"))

    def _forms(self, criteria, data=None):
        existing = {s.criterion_id: s for s in self.review.scores.all()}
        return {
            c.number: CriterionScoreForm(
                data,
                prefix=f"c{c.number}",
                initial=CriterionScoreForm.initial_for(existing.get(c.pk)),
            )
            for c in criteria
        }

    def _render(self, criteria, forms_by_number):
        rows = [(c, forms_by_number[c.number]) for c in criteria]
        scored = sum(1 for f in forms_by_number.values() if f.has_answer())
        # One line per field to correct, linking to it; the message itself is beside the field.
        errors = [
            (c, form[name]) for c, form in rows for name in form.errors if name in form.fields
        ]
        peers = review_peer_reviews(user=self.request.user, assignment=self.assignment)
        peer_scores = {(r.pk, s.criterion.number): s for r in peers for s in r.scores.all()}
        own = {s.criterion_id: s for s in self.review.scores.all()}
        return self.render_to_response(
            self.get_context_data(
                assignment=self.assignment,
                review=self.review,
                rows=rows,
                scored=scored,
                error_summary=errors,
                draft_inline=self.assignment.version.content_type in INLINE_TYPES,
                peers=peers,
                submitted_rows=[
                    (c, own.get(c.pk), [peer_scores.get((r.pk, c.number)) for r in peers])
                    for c in criteria
                ],
            )
        )

    def get(self, request, *args, **kwargs):
        criteria = self._criteria()
        return self._render(criteria, self._forms(criteria))

    def post(self, request, *args, **kwargs):
        criteria = self._criteria()
        forms_by_number = self._forms(criteria, request.POST)
        submit = "submit" in request.POST
        if all(f.is_valid() for f in forms_by_number.values()):
            try:
                review_save(
                    actor=request.user,
                    review=self.review,
                    scores={n: f.values() for n, f in forms_by_number.items()},
                    submit=submit,
                )
            except ValidationError as exc:
                form_errors_add(forms_by_number, exc)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("roadmaps:review-edit", pk=self.assignment.pk)
            else:
                messages.success(
                    request,
                    gettext("Your review is submitted. Thank you.")
                    if submit
                    else gettext("Your draft is saved. Submit it when every criterion is scored."),
                )
                return redirect("roadmaps:review-edit", pk=self.assignment.pk)
        messages.error(request, gettext("Nothing was saved: correct the criteria marked below."))
        return self._render(criteria, forms_by_number)


class AssessmentDetailView(LoginRequiredMixin, TemplateView):
    """The secretariat's page for one version: assign reviewers, read their submitted scores,
    then one form for the consolidated scores and the summary, saved or saved and finalised
    together, so a refusal never throws away what was typed."""

    template_name = "roadmaps/assessment_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # Out of scope is 404 like every other page; in scope but not the secretariat's, 403.
        self.version = get_visible_or_404(
            RoadmapVersion.objects.select_related("roadmap__country"),
            request.user,
            pk=kwargs["pk"],
        )
        if not assessment_can_open(request.user, self.version):
            raise PermissionDenied
        self.assessment = (
            Assessment.objects.filter(version=self.version).select_related("rubric").first()
        )
        return super().dispatch(request, *args, **kwargs)

    def _assignments(self):
        return list(
            ReviewAssignment.objects.filter(version=self.version)
            .select_related("reviewer", "expert", "milestone", "review")
            .with_progress()
        )

    def _forms(self, rows, data=None):
        return {
            r.criterion.number: ConsolidatedScoreForm(
                data,
                prefix=f"c{r.criterion.number}",
                initial=ConsolidatedScoreForm.initial_for(r.consolidated, r.proposal),
            )
            for r in rows
        }

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        version, assessment = self.version, self.assessment
        assignments = self._assignments()
        due_on = timezone.localdate() + dt.timedelta(days=21)
        assign_form = kwargs.get("assign_form") or ReviewAssignmentForm(
            exclude_ids=[a.reviewer_id for a in assignments if a.reviewer_id],
            initial={"due_on": due_on},
        )
        # Declined and withdrawn assignments await nothing: consolidation does not wait.
        active = [a for a in assignments if not a.is_closed]
        ctx.update(
            version=version,
            assessment=assessment,
            assignments=assignments,
            can_assign=review_can_assign(self.request.user, version, assessment),
            assign_form=assign_form,
            can_invite_expert=expert_can_invite(self.request.user, version, assessment),
            expert_form=kwargs.get("expert_form")
            or OutsideExpertInviteForm(
                prefix="expert",
                initial={"due_on": due_on, "language": self.request.LANGUAGE_CODE},
            ),
            # Everyone with the reviewer role is assigned: say so rather than show an empty list.
            reviewers_left=assign_form.fields["reviewer"].queryset.exists(),
            # The country's reply to the feedback on this version, and on the one before it.
            **feedback_replies_for(user=self.request.user, version=version),
        )
        if assessment is not None:
            rows = kwargs.get("rows") or assessment_consolidation(assessment=assessment)
            forms_by_number = kwargs.get("consolidation_forms") or self._forms(rows)
            ctx["rows"] = [(r, forms_by_number[r.criterion.number]) for r in rows]
            ctx["reviews_in"] = sum(1 for a in active if a.review.is_submitted)
            ctx["reviewers_active"] = len(active)
            ctx["all_submitted"] = assessment_consolidation_open(
                reviewers=len(active),
                reviews_in=ctx["reviews_in"],
                finalised=False,
            )
            ctx["history"] = assessment.changes.select_related("criterion", "actor", "expert")[:50]
            ctx["finalise_form"] = kwargs.get("finalise_form") or AssessmentFinaliseForm(
                initial={
                    "summary": assessment.summary,
                    "show_reviewer_names": assessment.show_reviewer_names,
                }
            )
        return ctx

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "assign":
            return self._assign(request)
        if action == "invite_expert":
            return self._invite_expert(request)
        if action in ("save", "finalise") and self.assessment is not None:
            if not assessment_can_consolidate(request.user, self.assessment):
                raise PermissionDenied
            return self._save(request, finalise=action == "finalise")
        messages.error(request, gettext("Unknown action."))
        return redirect("roadmaps:version-assessment", pk=self.version.pk)

    def _assign(self, request):
        form = ReviewAssignmentForm(request.POST)
        if form.is_valid():
            try:
                assignment = review_assignment_create(
                    actor=request.user,
                    version=self.version,
                    reviewer=form.cleaned_data["reviewer"],
                    due_on=form.cleaned_data["due_on"],
                )
            except (ValidationError, DomainError) as exc:
                form_errors_add(form, RuleMixin.service_error(exc))
            else:
                messages.success(
                    request,
                    gettext("%(reviewer)s is asked to review by email.")
                    % {"reviewer": assignment.reviewer},
                )
                return redirect("roadmaps:version-assessment", pk=self.version.pk)
        return self.render_to_response(self.get_context_data(assign_form=form))

    def _invite_expert(self, request):
        form = OutsideExpertInviteForm(request.POST, prefix="expert")
        if form.is_valid():
            try:
                assignment = outside_expert_invite(
                    actor=request.user, version=self.version, **form.cleaned_data
                )
            except (ValidationError, DomainError) as exc:
                form_errors_add(form, RuleMixin.service_error(exc))
            else:
                messages.success(
                    request,
                    gettext("%(expert)s is invited to review by email.")
                    % {"expert": assignment.expert},
                )
                return redirect("roadmaps:version-assessment", pk=self.version.pk)
        return self.render_to_response(self.get_context_data(expert_form=form), status=400)

    def _save(self, request, *, finalise: bool):
        rows = assessment_consolidation(assessment=self.assessment)
        assignments = [a for a in self._assignments() if not a.is_closed]
        all_submitted = bool(assignments) and all(a.review.is_submitted for a in assignments)
        forms_by_number = self._forms(rows, request.POST if all_submitted else None)
        finalise_form = AssessmentFinaliseForm(request.POST)
        valid = finalise_form.is_valid()
        if all_submitted:
            valid = all([f.is_valid() for f in forms_by_number.values()]) and valid
        if valid:
            try:
                assessment_save(
                    actor=request.user,
                    assessment=self.assessment,
                    scores=(
                        {n: f.values() for n, f in forms_by_number.items()}
                        if all_submitted
                        else None
                    ),
                    finalise=finalise,
                    **finalise_form.cleaned_data,
                )
            except (ValidationError, DomainError) as exc:
                form_errors_add(
                    {None: finalise_form, **forms_by_number}, RuleMixin.service_error(exc)
                )
            else:
                if finalise:
                    messages.success(
                        request, gettext("The assessment is finalised; its scorecard is ready.")
                    )
                    return redirect("roadmaps:version-scorecard", pk=self.version.pk)
                messages.success(request, gettext("Saved. Finalise when every score is set."))
                return redirect("roadmaps:version-assessment", pk=self.version.pk)
        messages.error(request, gettext("Nothing was saved: correct what is marked below."))
        return self.render_to_response(
            self.get_context_data(
                rows=rows, consolidation_forms=forms_by_number, finalise_form=finalise_form
            )
        )


class ScorecardView(LoginRequiredMixin, TemplateView):
    """A version's finalised scorecard: per criterion, per group, overall, against earlier
    versions, with charts and tables. Focal points read it as their feedback."""

    template_name = "roadmaps/scorecard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # A finalised scorecard changes rarely: its page body is cached under `read_key` until
        # one of SCORECARD_MODELS is written. The version (for the title and breadcrumbs) is
        # kept beside it once the scorecard was found readable; until then, and whenever the
        # body must be drawn again, the scorecard is read (a 404 caches nothing).
        key = ctx["read_key"] = page_read_key(self.request, "scorecard", SCORECARD_MODELS)
        # The breadcrumbs ask whether the roadmap's and the version's pages may be opened (a
        # query each): what they answer is kept beside the body, under the same generations.
        ctx["crumbs_key"] = key.part("crumbs")
        version_key = key.part("version")
        version = cache.get(version_key)
        if version is None:
            card = self.scorecard()
            version = card.assessment.version
            if version_key.storable:
                cache.set(version_key, version, READ_TTL)
            ctx["card"] = card
        else:
            ctx["card"] = self.scorecard
        ctx["version"] = version
        return ctx

    def scorecard(self):
        return assessment_scorecard_get(user=self.request.user, version_pk=self.kwargs["pk"])


HEAT_CLASSES = {0: "heat-0", 1: "heat-1", 2: "heat-2", 3: "heat-3", 4: "heat-4"}


class HeatmapMixin(RoleRequiredMixin):
    """The programme-wide view of the latest finalised assessment of every roadmap."""

    @classmethod
    def allows(cls, user) -> bool:
        return assessment_heatmap_can_open(user)

    def heatmap(self):
        filterset = AssessmentFilterSet(
            self.request.GET or None, queryset=assessment_list(user=self.request.user)
        )
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        rows = assessment_heatmap(user=self.request.user, assessments=qs)
        return filterset, heatmap_criteria(), rows

    @staticmethod
    def table(criteria, rows):
        groups = CriterionGroupCode.choices
        header = ["Country or organisation", "Region", "Cohort", "Version", "Rubric", "Finalised"]
        header += [f"{c.number}. {c.short_name}" for c in criteria]
        header += [f"{label} (mean)" for _code, label in groups]
        header += [
            "Overall mean",
            "Insufficient information (criteria)",
            "Illustrative (made up for a demonstration)",
        ]
        body = []
        for row in rows:
            a = row.assessment
            line = [
                row.label,
                row.region,
                row.cohort,
                f"v{a.version.number}",
                f"v{a.rubric.version}",
                timezone.localtime(a.finalised_at).date().isoformat(),
            ]
            line += [
                "" if cell is None else ("n/i" if cell.score is None else cell.score)
                for cell in row.cells
            ]
            line += [
                row.summary.groups[code].mean if code in row.summary.groups else None
                for code, _label in groups
            ]
            line += [
                row.summary.overall,
                row.summary.insufficient,
                "yes" if a.illustrative or a.version.illustrative else "no",
            ]
            body.append(line)
        return header, body


class HeatmapView(HeatmapMixin, TemplateView):
    template_name = "roadmaps/heatmap.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The page's body is cached under `read_key` until one of HEATMAP_MODELS is written;
        # `heat` is read (by the template) only when that copy is missing.
        ctx["read_key"] = page_read_key(self.request, "heatmap", HEATMAP_MODELS)
        ctx["heat"] = self.heat
        ctx["querystring"] = self.request.GET.urlencode()
        return ctx

    def heat(self) -> dict:
        ctx = {}
        filterset, criteria, rows = self.heatmap()
        groups = CriterionGroupCode.choices
        ctx.update(
            filter=filterset,
            criteria=criteria,
            groups=groups,
            rows=[
                (
                    row,
                    [
                        (
                            cell,
                            "heat-none"
                            if cell is None or cell.score is None
                            else HEAT_CLASSES[int(cell.score.to_integral_value())],
                        )
                        for cell in row.cells
                    ],
                    [row.summary.groups.get(code) for code, _label in groups],
                )
                for row in rows
            ],
            querystring=self.request.GET.urlencode(),
        )
        # Versions still being assessed are the review queue's (one list, one name).
        ctx["queue_link"] = assessment_can_open(self.request.user)
        return ctx


# What a scorecard is built from (its history, scoping and reviewers included).
SCORECARD_MODELS = (
    Assessment,
    ConsolidatedScore,
    Criterion,
    CriterionGroup,
    Rubric,
    RoadmapVersion,
    Roadmap,
    ReviewAssignment,
    Country,
    Organisation,
    User,
)

# What the heatmap page is built from (rows, scoping, filters, the secretariat's queue).
HEATMAP_MODELS = (
    Assessment,
    ConsolidatedScore,
    Criterion,
    CriterionGroup,
    Rubric,
    RoadmapVersion,
    Roadmap,
    ReviewAssignment,
    Country,
    Region,
    Pilot,
    Cohort,
    Organisation,
)


class HeatmapCsvView(HeatmapMixin, View):
    def get(self, request, *args, **kwargs):
        _filterset, criteria, rows = self.heatmap()
        header, body = self.table(criteria, rows)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="assessment-heatmap.csv"'
        writer = csv.writer(response)
        writer.writerow(spreadsheet_row(header))
        writer.writerows(spreadsheet_row("" if v is None else v for v in line) for line in body)
        return response


class HeatmapXlsxView(HeatmapMixin, View):
    def get(self, request, *args, **kwargs):
        _filterset, criteria, rows = self.heatmap()
        header, body = self.table(criteria, rows)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Assessments"
        sheet.append(spreadsheet_row(header))
        for line in body:
            sheet.append(spreadsheet_row(float(v) if isinstance(v, Decimal) else v for v in line))
        sheet.freeze_panes = "B2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="assessment-heatmap.xlsx"'
        return response


class RubricListView(LoginRequiredMixin, TemplateView):
    """The effectiveness-criteria rubric, version by version, with its level descriptors:
    what reviewers score against and what countries are judged by."""

    template_name = "roadmaps/rubric_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rubrics = list(
            rubric_list(user=self.request.user)
            .order_by("-version")
            .prefetch_related("groups__criteria__levels")
        )
        ctx["rubrics"] = rubrics
        ctx["shown"] = next(
            (r for r in rubrics if str(r.version) == self.request.GET.get("version")),
            rubrics[0] if rubrics else None,
        )
        return ctx


class RubricNewVersionView(ServiceFormView):
    """The secretariat publishes a revised rubric; assessments already made keep theirs."""

    template_name = "roadmaps/rubric_form.html"
    form_class = RubricVersionForm
    rule = staticmethod(rubric_publish_refusal)

    @classmethod
    def allows(cls, user) -> bool:
        return rubric_can_publish(user)

    def get_success_url(self):
        return reverse("roadmaps:rubric-list")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rubric": current_rubric()}

    def perform(self, form):
        rubric = rubric_publish_new_version(
            actor=self.request.user,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            criteria_changes=form.criteria_changes(),
        )
        self.success_message = gettext(
            "Rubric version %(version)s is published. New assessments use it; "
            "earlier ones keep the version they were made with."
        ) % {"version": rubric.version}
        return f"{reverse('roadmaps:rubric-list')}?version={rubric.version}"
