"""The monitoring pages: a roadmap's results, its framework and periods, the country's
updates and the secretariat's review of them, and the programme view across pilots.

Objects come through the scoped querysets (outside one's scope: 404); whether a visible
object may be changed is asked of monitoring/rules.py (refused: 403); writes go through
monitoring/services.py and their errors reach forms through `form_errors_add`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from base.errors import DomainError, form_errors_add
from base.generic import ServiceActionView
from monitoring import rules, services
from monitoring.charts import indicator_chart, plain
from monitoring.choices import Progress
from monitoring.forms import (
    ActionForm,
    CorrectionForm,
    EvidenceForm,
    IndicatorForm,
    ObjectiveForm,
    PeriodForm,
    TransitionForm,
    UpdateForm,
)
from monitoring.models import (
    EDIT,
    Action,
    CountryUpdate,
    Evidence,
    Indicator,
    Objective,
    ReportingPeriod,
    ResultsFramework,
)
from monitoring.selectors import (
    framework_current,
    period_list,
    programme_progress,
    public_progress,
    public_progress_roadmaps,
    roadmap_results,
    update_detail_rows,
    update_list,
)
from programme.selectors import get_visible_or_404
from roadmaps.models import Roadmap


def _refuse(refusal: DomainError | None) -> None:
    """A visible object the rules do not let this user change: 403, with the rule's reason."""
    if refusal is not None:
        raise PermissionDenied(refusal.message)


def _with_charts(results) -> None:
    """Give each indicator result its chart and the table rows beside it."""
    for result in results:
        indicator = result.indicator
        result.chart = indicator_chart(
            title=indicator.title,
            unit=indicator.unit,
            baseline_year=indicator.baseline_year,
            baseline_value=indicator.baseline_value,
            targets=result.targets,
            actuals=result.actuals,
        )
        result.rows = [
            {
                "year": year,
                "baseline": plain(indicator.baseline_value)
                if year == indicator.baseline_year
                else None,
                "target": plain(result.targets.get(year)),
                "actual": plain(result.actuals.get(year)),
            }
            for year in result.years
        ]


class ResultsView(LoginRequiredMixin, TemplateView):
    """A roadmap's results framework, each indicator's baseline, targets and approved actuals
    (chart and table), and its reporting periods with their updates."""

    template_name = "monitoring/results.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        roadmap = get_visible_or_404(
            Roadmap.objects.select_related("country"), user, pk=self.kwargs["pk"]
        )
        framework = framework_current(user=user, roadmap=roadmap)
        results = roadmap_results(user=user, roadmap=roadmap, framework=framework)
        _with_charts(results)
        updates_by_period: dict[int, list[CountryUpdate]] = {}
        for update in update_list(user=user).filter(period__roadmap=roadmap):
            updates_by_period.setdefault(update.period_id, []).append(update)
        periods = list(period_list(user=user).filter(roadmap=roadmap))
        # The start rule asked once for all periods (a fixed number of queries).
        reportable = set(
            ReportingPeriod.objects.restrict(user, EDIT)
            .filter(roadmap=roadmap)
            .values_list("pk", flat=True)
        )
        with_update = set(
            CountryUpdate.objects.filter(
                period__roadmap=roadmap, corrects__isnull=True
            ).values_list("period_id", flat=True)
        )
        for period in periods:
            period.visible_updates = updates_by_period.get(period.pk, [])
            period.can_start = (
                rules.update_start_refusal_on(
                    may_report=period.pk in reportable,
                    has_update=period.pk in with_update,
                    has_framework=framework is not None,
                )
                is None
            )
        latest_version = roadmap.versions.order_by("-number").first()
        ctx.update(
            roadmap=roadmap,
            framework=framework,
            results=results,
            periods=periods,
            can_keep=rules.monitoring_can_keep(user, roadmap),
            can_create_framework=latest_version is not None
            and rules.framework_create_refusal(user, latest_version) is None,
            latest_version=latest_version,
        )
        return ctx


class ProgrammeView(LoginRequiredMixin, TemplateView):
    """Across the pilots: which roadmaps are on track and which updates are late."""

    template_name = "monitoring/programme.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lines = programme_progress(user=self.request.user)
        ctx["lines"] = lines
        ctx["object_list"] = [line.roadmap for line in lines]
        ctx["counts"] = {
            "on_track": sum(line.progress == Progress.ON_TRACK for line in lines),
            "off_track": sum(line.progress == Progress.OFF_TRACK for line in lines),
            "late": sum(bool(line.late_periods) for line in lines),
        }
        ctx["on_track_share"] = int(rules.ON_TRACK_SHARE * 100)
        return ctx


class FrameworkCreateView(ServiceActionView):
    """Start the framework of the roadmap's latest version (a copy of the previous one's)."""

    success_message = _("Results framework started.")

    def get_object(self):
        roadmap = get_visible_or_404(Roadmap.objects, self.request.user, pk=self.kwargs["pk"])
        _refuse(rules.monitoring_keep_refusal(self.request.user, roadmap))
        return roadmap

    def perform(self, form):
        version = self.object.versions.order_by("-number").first()
        if version is None:
            raise ValidationError(gettext("Upload a version of the roadmap first."))
        services.framework_create(actor=self.request.user, version=version)

    def get_success_url(self) -> str:
        return reverse("monitoring:results", args=[self.object.pk])


class _FrameworkFormView(LoginRequiredMixin, FormView):
    """A form that adds or changes part of a framework: visible (else 404), changeable by
    this user (else 403), saved by a service."""

    template_name = "monitoring/form.html"
    heading = ""

    def load(self):
        """Set self.framework (and what the form edits) from the URL."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.instance = None
        self.load()
        _refuse(rules.framework_edit_refusal(request.user, self.framework))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.instance is not None:
            kwargs["instance"] = self.instance
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            heading=self.heading,
            roadmap=self.framework.roadmap,
            back=reverse("monitoring:framework-edit", args=[self.framework.pk]),
        )
        return ctx

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.save(form)
        except (ValidationError, DomainError) as exc:
            form_errors_add(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Saved."))
        return redirect("monitoring:framework-edit", self.framework.pk)


def _fields(form, *exclude: str) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k not in exclude}


class FrameworkEditView(LoginRequiredMixin, TemplateView):
    """The framework's objectives, actions and indicators, with links to change them."""

    template_name = "monitoring/framework_edit.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        framework = get_visible_or_404(
            ResultsFramework.objects.select_related("roadmap", "version"),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        _refuse(rules.framework_edit_refusal(self.request.user, framework))
        ctx["framework"] = (
            ResultsFramework.objects.filter(pk=framework.pk)
            .select_related("roadmap", "version")
            .prefetch_related(
                "objectives__actions__indicators__targets",
                "objectives__actions__indicators__sdg_indicator",
                "objectives__actions__lead_institution",
                "objectives__actions__targets",
            )
            .get()
        )
        return ctx


class ObjectiveCreateView(_FrameworkFormView):
    form_class = ObjectiveForm
    heading = _("Add an objective")

    def load(self):
        self.framework = get_visible_or_404(
            ResultsFramework.objects.select_related("roadmap"),
            self.request.user,
            pk=self.kwargs["pk"],
        )

    def save(self, form):
        services.objective_save(actor=self.request.user, framework=self.framework, **_fields(form))


class ObjectiveUpdateView(_FrameworkFormView):
    form_class = ObjectiveForm
    heading = _("Change the objective")

    def load(self):
        self.instance = get_visible_or_404(
            Objective.objects.select_related("framework__roadmap"),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        self.framework = self.instance.framework

    def save(self, form):
        services.objective_save(
            actor=self.request.user,
            framework=self.framework,
            objective=self.instance,
            **_fields(form),
        )


class ActionCreateView(_FrameworkFormView):
    form_class = ActionForm
    heading = _("Add an action")

    def load(self):
        self.objective = get_visible_or_404(
            Objective.objects.select_related("framework__roadmap"),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        self.framework = self.objective.framework

    def save(self, form):
        services.action_save(
            actor=self.request.user,
            objective=self.objective,
            targets=form.cleaned_data["targets"],
            **_fields(form, "targets"),
        )


class ActionUpdateView(_FrameworkFormView):
    form_class = ActionForm
    heading = _("Change the action")

    def load(self):
        self.instance = get_visible_or_404(
            Action.objects.select_related("objective__framework__roadmap"),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        self.framework = self.instance.objective.framework

    def save(self, form):
        services.action_save(
            actor=self.request.user,
            objective=self.instance.objective,
            action=self.instance,
            targets=form.cleaned_data["targets"],
            **_fields(form, "targets"),
        )


class IndicatorCreateView(_FrameworkFormView):
    form_class = IndicatorForm
    heading = _("Add an indicator")

    def load(self):
        self.action = get_visible_or_404(
            Action.objects.select_related("objective__framework__roadmap"),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        self.framework = self.action.objective.framework

    def save(self, form):
        services.indicator_save(
            actor=self.request.user,
            action=self.action,
            targets=form.cleaned_data["targets"],
            **_fields(form, "targets"),
        )


class IndicatorUpdateView(_FrameworkFormView):
    form_class = IndicatorForm
    heading = _("Change the indicator")

    def load(self):
        self.instance = get_visible_or_404(
            Indicator.objects.select_related("action__objective__framework__roadmap"),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        self.framework = self.instance.action.objective.framework

    def save(self, form):
        services.indicator_save(
            actor=self.request.user,
            action=self.instance.action,
            indicator=self.instance,
            targets=form.cleaned_data["targets"],
            **_fields(form, "targets"),
        )


class _PeriodFormView(LoginRequiredMixin, FormView):
    template_name = "monitoring/form.html"
    form_class = PeriodForm
    heading = ""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            heading=self.heading,
            roadmap=self.roadmap,
            back=reverse("monitoring:results", args=[self.roadmap.pk]),
        )
        return ctx

    def form_valid(self, form):
        try:
            self.save(form)
        except (ValidationError, DomainError) as exc:
            form_errors_add(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Saved."))
        return redirect("monitoring:results", self.roadmap.pk)


class PeriodCreateView(_PeriodFormView):
    """Add a reporting period (its due date becomes the focal points' milestone)."""

    heading = _("Add a reporting period")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.roadmap = get_visible_or_404(
            Roadmap.objects.select_related("country"), request.user, pk=kwargs["pk"]
        )
        _refuse(rules.monitoring_keep_refusal(request.user, self.roadmap))
        return super().dispatch(request, *args, **kwargs)

    def save(self, form):
        services.period_create(actor=self.request.user, roadmap=self.roadmap, **form.cleaned_data)


class PeriodUpdateView(_PeriodFormView):
    heading = _("Change the reporting period")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.period = get_visible_or_404(
            ReportingPeriod.objects.select_related("roadmap"), request.user, pk=kwargs["pk"]
        )
        self.roadmap = self.period.roadmap
        _refuse(rules.period_keep_refusal(request.user, self.period))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.period}

    def save(self, form):
        services.period_update(actor=self.request.user, period=self.period, **form.cleaned_data)


class UpdateStartView(ServiceActionView):
    """Start the period's update, then fill it in."""

    success_message = _("Update started: fill it in, then submit it.")

    def get_object(self):
        period = get_visible_or_404(
            ReportingPeriod.objects.select_related("roadmap"),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        if not ReportingPeriod.objects.restrict(self.request.user, EDIT).filter(pk=period.pk):
            raise PermissionDenied
        return period

    def perform(self, form):
        self.update = services.update_start(actor=self.request.user, period=self.object)

    def get_success_url(self) -> str:
        update = getattr(self, "update", None)
        if update is not None:
            return reverse("monitoring:update-edit", args=[update.pk])
        return reverse("monitoring:results", args=[self.object.roadmap_id])


def _update_or_404(user, pk: int) -> CountryUpdate:
    return get_visible_or_404(
        CountryUpdate.objects.select_related(
            "period__roadmap__country", "period__milestone", "framework__version", "corrects"
        ),
        user,
        pk=pk,
    )


class UpdateDetailView(LoginRequiredMixin, TemplateView):
    """An update as submitted or approved: values, statuses, narrative, evidence, history."""

    template_name = "monitoring/update_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        update = _update_or_404(self.request.user, self.kwargs["pk"])
        ctx.update(
            update=update,
            roadmap=update.period.roadmap,
            rows=update_detail_rows(update),
            evidence=list(update.evidence.all()),
            transitions=list(update.transitions.select_related("actor")),
            transition_form=TransitionForm(),
            correction_form=CorrectionForm(),
            evidence_form=EvidenceForm(),
        )
        return ctx


class UpdateEditView(LoginRequiredMixin, FormView):
    """The country fills its update: narrative, actual values, action statuses."""

    template_name = "monitoring/update_form.html"
    form_class = UpdateForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.update = _update_or_404(request.user, kwargs["pk"])
        _refuse(rules.update_edit_refusal(request.user, self.update))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["rows"] = update_detail_rows(self.update)
        kwargs.setdefault("initial", {})["narrative"] = self.update.narrative
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(update=self.update, roadmap=self.update.period.roadmap)
        return ctx

    def form_valid(self, form):
        try:
            services.update_save(
                actor=self.request.user,
                update=self.update,
                narrative=form.cleaned_data["narrative"],
                values=form.values(),
                statuses=form.statuses(),
            )
        except (ValidationError, DomainError) as exc:
            form_errors_add(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Update saved."))
        return redirect("monitoring:update-detail", self.update.pk)


class _UpdateActionView(ServiceActionView):
    """A POST on an update: visible (else 404) and within the user's writing scope (else
    403); the service then decides the move itself."""

    def get_object(self):
        update = _update_or_404(self.request.user, self.kwargs["pk"])
        if not CountryUpdate.objects.restrict(self.request.user, EDIT).filter(pk=update.pk):
            raise PermissionDenied
        return update

    def get_success_url(self) -> str:
        return reverse("monitoring:update-detail", args=[self.object.pk])


class UpdateTransitionView(_UpdateActionView):
    """Submit an update; approve it, or return it with comments (the secretariat)."""

    form_class = TransitionForm
    success_message = _("Done.")

    def perform(self, form):
        services.update_transition(
            actor=self.request.user,
            update=self.object,
            to_status=form.cleaned_data["to_status"],
            comment=form.cleaned_data["comment"],
        )


class UpdateCorrectView(_UpdateActionView):
    """Correct an approved update: a new draft that says why."""

    form_class = CorrectionForm
    success_message = _("Correction started: change what was wrong, then submit it.")

    def perform(self, form):
        self.correction = services.update_correct(
            actor=self.request.user, update=self.object, reason=form.cleaned_data["reason"]
        )

    def get_success_url(self) -> str:
        correction = getattr(self, "correction", None)
        if correction is not None:
            return reverse("monitoring:update-edit", args=[correction.pk])
        return super().get_success_url()


class EvidenceAddView(_UpdateActionView):
    """Attach a file or a link to an update the country may still change."""

    form_class = EvidenceForm
    success_message = _("Evidence added.")

    def perform(self, form):
        services.evidence_add(
            actor=self.request.user,
            update=self.object,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            url=form.cleaned_data["url"],
        )


class EvidenceDownloadView(LoginRequiredMixin, View):
    """An evidence file, for those who may read its update; nobody else learns it exists."""

    def get(self, request, pk):
        evidence = Evidence.objects.filter(
            pk=pk, update__in=CountryUpdate.objects.visible_to(request.user)
        ).first()
        if evidence is None or not evidence.file:
            raise Http404(gettext("Not found."))
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404(gettext("Not found.")) from exc
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=evidence.original_filename,
            content_type=evidence.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class PublicProgressView(TemplateView):
    """The public site: a released roadmap's indicators and approved progress."""

    template_name = "monitoring/public_progress.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        roadmap = get_object_or_404(public_progress_roadmaps(), pk=kwargs["pk"])
        framework, results = public_progress(roadmap=roadmap)
        _with_charts(results)
        ctx.update(roadmap=roadmap, framework=framework, results=results)
        return ctx


class PublicProgressListView(TemplateView):
    """The public site: roadmaps whose approved progress the world may read."""

    template_name = "monitoring/public_progress_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object_list"] = list(public_progress_roadmaps())
        return ctx
