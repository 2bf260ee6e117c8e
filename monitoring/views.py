"""The monitoring pages: a roadmap's results, its framework and periods, the country's
updates and the secretariat's review of them, and the programme view across pilots.

Objects come through the scoped querysets (outside one's scope: 404); whether a visible
object may be changed is asked of monitoring/rules.py (refused: 403); writes go through
monitoring/services.py and their errors reach forms through `form_errors_add`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from base.cache import page_read_key, read_through
from base.errors import DomainError, NotPermitted, error_messages, form_errors_add
from base.generic import ServiceActionView
from base.httpcache import PublicPageMixin, app_models
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
    ActionReport,
    CountryUpdate,
    Evidence,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Objective,
    ReportingPeriod,
    ResultsFramework,
    SdgIndicator,
    UpdateTransition,
)
from monitoring.rules import framework_of
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
from pilots.models import Country
from programme.models import Organisation, User
from programme.selectors import get_visible_or_404
from roadmaps.models import ReviewAssignment, Roadmap, RoadmapVersion, Target


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
        # What the page shows, this reader's rules included, is read once per reader's scope,
        # language, day and generation of MONITORING_MODELS and kept; the page's forms (and
        # their tokens) are drawn from it afresh each time.
        key = page_read_key(self.request, "monitoring-results", MONITORING_MODELS)
        ctx.update(read_through(key, lambda: _results_page(user, roadmap)))
        ctx["roadmap"] = roadmap
        return ctx


def _results_page(user, roadmap: Roadmap) -> dict:
    """What the results page shows of `roadmap` to `user`: the current framework with its
    indicators (drawn: charts and tables, the page's biggest part, hold no form), the periods
    with their updates, and which buttons the rules offer."""
    framework = framework_current(user=user, roadmap=roadmap)
    results = roadmap_results(user=user, roadmap=roadmap, framework=framework)
    _with_charts(results)
    indicators = render_to_string(
        "monitoring/includes/indicator_results.html", {"results": results}
    )
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
        CountryUpdate.objects.filter(period__roadmap=roadmap, corrects__isnull=True).values_list(
            "period_id", flat=True
        )
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
    if framework is not None:
        # Only the framework's own fields are shown around the indicators.
        framework._prefetched_objects_cache = {}
    return {
        "framework": framework,
        "indicators": indicators,
        "periods": periods,
        "can_keep": rules.monitoring_can_keep(user, roadmap),
        "can_edit_framework": framework is not None and rules.framework_can_edit(user, framework),
        "can_create_framework": latest_version is not None
        and rules.framework_create_refusal(user, latest_version) is None,
        "latest_version": latest_version,
    }


class ProgrammeView(LoginRequiredMixin, TemplateView):
    """Across the pilots: which roadmaps are on track and which updates are late."""

    template_name = "monitoring/programme.html"

    @classmethod
    def allows(cls, user) -> bool:
        """Whether `user` may open this page: the rule the menu asks too."""
        return rules.progress_overview_can_open(user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        # The body is drawn once per reader's scope, language, day (which updates are late)
        # and generation of MONITORING_MODELS, and kept (`read_key`); it holds no form. What
        # it shows is read only when that copy is gone.
        ctx["read_key"] = page_read_key(self.request, "monitoring-programme", MONITORING_MODELS)
        ctx["shown"] = SimpleLazyObject(lambda: _programme_body(user))
        ctx["on_track_share"] = int(rules.ON_TRACK_SHARE * 100)
        return ctx


def _programme_body(user) -> dict:
    """What the programme view's body shows: each roadmap's line and the counts above them."""
    lines = programme_progress(user=user)
    return {
        "lines": lines,
        "counts": {
            "on_track": sum(line.progress == Progress.ON_TRACK for line in lines),
            "off_track": sum(line.progress == Progress.OFF_TRACK for line in lines),
            "late": sum(bool(line.late_periods) for line in lines),
        },
    }


# What the results page and the programme view read, scoping included: the framework and its
# indicators, periods, updates and their values; the roadmaps, whose published versions and
# review assignments decide who sees them; the countries, and the organisations that lead
# actions.
MONITORING_MODELS = (
    SdgIndicator,
    ResultsFramework,
    Objective,
    Action,
    Indicator,
    IndicatorTarget,
    ReportingPeriod,
    CountryUpdate,
    IndicatorValue,
    Roadmap,
    RoadmapVersion,
    ReviewAssignment,
    Country,
    Organisation,
)


# What an update's page reads: the monitoring models, the action reports, the evidence, the
# moves and who made them.
UPDATE_PAGE_MODELS = (*MONITORING_MODELS, ActionReport, Evidence, UpdateTransition, User)

# What the framework editor's items read: the monitoring models, the action reports that put
# an action on record (so it may no longer be removed) and the SDG targets actions name.
FRAMEWORK_EDIT_MODELS = (*MONITORING_MODELS, ActionReport, Target)


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
        ctx["framework"] = framework
        # The objectives, actions and indicators (with which may be removed) are drawn once
        # per reader's scope, language and generation of what they show, and kept
        # (`read_key`); they are read only when that copy is gone. The page holds no form.
        ctx["read_key"] = page_read_key(
            self.request, "monitoring-framework-edit", FRAMEWORK_EDIT_MODELS
        )
        ctx["objectives"] = SimpleLazyObject(lambda: self._objectives(framework))
        return ctx

    def _objectives(self, framework: ResultsFramework) -> list[Objective]:
        on_record = rules.framework_items_on_record(framework)
        objectives = list(
            framework.objectives.prefetch_related(
                "actions__indicators__targets",
                "actions__indicators__sdg_indicator",
                "actions__lead_institution",
                "actions__targets",
            )
        )
        # Which items may be removed: the rule on what is on record, read once for the whole
        # framework (the page has already been refused to anyone who may not change it).
        for objective in objectives:
            objective.can_remove = self._removable(objective, on_record["objective"])
            for action in objective.actions.all():
                action.can_remove = self._removable(action, on_record["action"])
                for indicator in action.indicators.all():
                    indicator.can_remove = self._removable(indicator, on_record["indicator"])
        return objectives

    @staticmethod
    def _removable(item, on_record: set[int]) -> bool:
        return rules.framework_item_delete_refusal_on(on_record=item.pk in on_record) is None


@dataclass(frozen=True)
class FrameworkLevel:
    """One level of a results framework as its pages add, change and remove it: the item's
    model, its parent's (what a new one is added to), and the service that saves it."""

    model: type[Objective | Action | Indicator]
    parent_model: type[ResultsFramework | Objective | Action]
    # The item's field naming its parent, and the service's argument names for both.
    parent_field: str
    item_arg: str
    # From the item to its framework and roadmap, for select_related.
    path: str
    form_class: type
    save: Callable[..., Objective | Action | Indicator]
    add_heading: str
    change_heading: str
    remove_heading: str


LEVELS = {
    "objective": FrameworkLevel(
        model=Objective,
        parent_model=ResultsFramework,
        parent_field="framework",
        item_arg="objective",
        path="framework__roadmap",
        form_class=ObjectiveForm,
        save=services.objective_save,
        add_heading=_("Add an objective"),
        change_heading=_("Change the objective"),
        remove_heading=_("Remove the objective"),
    ),
    "action": FrameworkLevel(
        model=Action,
        parent_model=Objective,
        parent_field="objective",
        item_arg="action",
        path="objective__framework__roadmap",
        form_class=ActionForm,
        save=services.action_save,
        add_heading=_("Add an action"),
        change_heading=_("Change the action"),
        remove_heading=_("Remove the action"),
    ),
    "indicator": FrameworkLevel(
        model=Indicator,
        parent_model=Action,
        parent_field="action",
        item_arg="indicator",
        path="action__objective__framework__roadmap",
        form_class=IndicatorForm,
        save=services.indicator_save,
        add_heading=_("Add an indicator"),
        change_heading=_("Change the indicator"),
        remove_heading=_("Remove the indicator"),
    ),
}


def _parent_path(level: FrameworkLevel) -> str:
    """From the parent to the roadmap: the item's path less its first step."""
    return level.path.split("__", 1)[1]


class FrameworkItemFormView(LoginRequiredMixin, FormView):
    """Add an objective, action or indicator to its parent (`adding`: the URL names the
    parent), or change one (the URL names the item). `level` says which (LEVELS). The object
    is visible or 404; the framework is changeable by this user or 403; a service saves."""

    template_name = "monitoring/form.html"
    level: str = ""
    adding = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        spec = LEVELS[self.level]
        self.spec = spec
        if self.adding:
            self.instance = None
            self.parent = get_visible_or_404(
                spec.parent_model.objects.select_related(_parent_path(spec)),
                request.user,
                pk=kwargs["pk"],
            )
        else:
            self.instance = get_visible_or_404(
                spec.model.objects.select_related(spec.path), request.user, pk=kwargs["pk"]
            )
            self.parent = getattr(self.instance, spec.parent_field)
        self.framework = (
            self.parent if isinstance(self.parent, ResultsFramework) else framework_of(self.parent)
        )
        _refuse(rules.framework_edit_refusal(request.user, self.framework))
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.spec.form_class

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.instance is not None:
            kwargs["instance"] = self.instance
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            heading=self.spec.add_heading if self.adding else self.spec.change_heading,
            roadmap=self.framework.roadmap,
            back=reverse("monitoring:framework-edit", args=[self.framework.pk]),
        )
        return ctx

    def form_valid(self, form):
        arguments = {self.spec.parent_field: self.parent, **form.cleaned_data}
        if self.instance is not None:
            arguments[self.spec.item_arg] = self.instance
        try:
            self.spec.save(actor=self.request.user, **arguments)
        except (ValidationError, DomainError) as exc:
            form_errors_add(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Saved."))
        return redirect("monitoring:framework-edit", self.framework.pk)


class FrameworkItemDeleteView(LoginRequiredMixin, TemplateView):
    """Remove an objective, action or indicator: a page that says what goes with it, then a
    POST. Visible or 404; a framework this user may not change is 403; an item on record is
    refused with the rule's reason (on the page, and as a message if posted anyway)."""

    template_name = "monitoring/framework_item_confirm_delete.html"
    level: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.spec = LEVELS[self.level]
        self.item = get_visible_or_404(
            self.spec.model.objects.select_related(self.spec.path),
            request.user,
            pk=kwargs["pk"],
        )
        self.framework = framework_of(self.item)
        _refuse(rules.framework_edit_refusal(request.user, self.framework))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        refusal = rules.framework_item_delete_refusal(self.request.user, self.item)
        ctx.update(
            heading=self.spec.remove_heading,
            item=self.item,
            level=self.level,
            roadmap=self.framework.roadmap,
            refusal=refusal.message if refusal is not None else "",
            under=self._under(),
            back=reverse("monitoring:framework-edit", args=[self.framework.pk]),
        )
        return ctx

    def _under(self) -> dict[str, int]:
        """How many actions and indicators go with the item (two counts at most)."""
        if isinstance(self.item, Objective):
            return {
                "actions": self.item.actions.count(),
                "indicators": Indicator.objects.filter(action__objective=self.item).count(),
            }
        if isinstance(self.item, Action):
            return {"actions": 0, "indicators": self.item.indicators.count()}
        return {"actions": 0, "indicators": 0}

    def post(self, request, *args, **kwargs):
        try:
            services.framework_item_delete(actor=request.user, item=self.item)
        except (ValidationError, DomainError) as exc:
            for error in error_messages(exc):
                messages.error(request, error)
        else:
            messages.success(request, gettext("Removed from the framework."))
        return redirect("monitoring:framework-edit", self.framework.pk)


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
        user = self.request.user
        update = _update_or_404(user, self.kwargs["pk"])
        # What the rules offer this reader, and the page's parts that hold no form (the values
        # and evidence; the history), are kept per reader's scope, language, day and
        # generation of what they read (`read_key`); the forms and their tokens are drawn
        # afresh each time, and the parts are read only when their copy is gone.
        key = page_read_key(self.request, "monitoring-update", UPDATE_PAGE_MODELS)
        ctx.update(
            update=update,
            roadmap=update.period.roadmap,
            read_key=key,
            history_key=key.part("history"),
            offered=read_through(key.part("offered"), lambda: _update_offers(user, update)),
            rows=SimpleLazyObject(lambda: update_detail_rows(update)),
            evidence=SimpleLazyObject(lambda: list(update.evidence.all())),
            transitions=SimpleLazyObject(lambda: list(update.transitions.select_related("actor"))),
            transition_form=TransitionForm(),
            correction_form=CorrectionForm(),
            evidence_form=EvidenceForm(),
        )
        return ctx


def _update_offers(user, update: CountryUpdate) -> dict:
    """What the update's page offers `user`, asked of the rules: filling it in (and removing
    its evidence), correcting it, the moves they may make and why others are blocked."""
    return {
        "can_edit": rules.update_can_edit(user, update),
        "can_correct": rules.update_can_correct(user, update),
        "moves": rules.update_allowed_moves(user, update),
        "blocked": [str(reason) for reason in rules.update_blocked_reasons(user, update)],
    }


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


class EvidenceRemoveView(LoginRequiredMixin, TemplateView):
    """Take evidence off an update the country may still change: a page that names it, then
    a POST. Evidence of an update one may not read is 404, of one's not to change 403; once
    the update is handed over, the page and the POST say why it stays."""

    template_name = "monitoring/evidence_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.evidence = get_object_or_404(
            Evidence.objects.select_related("update__period__roadmap"),
            pk=kwargs["pk"],
            update__in=CountryUpdate.objects.visible_to(request.user),
        )
        self.refusal = rules.evidence_remove_refusal(request.user, self.evidence)
        if isinstance(self.refusal, NotPermitted):
            _refuse(self.refusal)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        update = self.evidence.update
        ctx.update(
            evidence=self.evidence,
            update=update,
            roadmap=update.period.roadmap,
            refusal=self.refusal.message if self.refusal is not None else "",
        )
        return ctx

    def post(self, request, *args, **kwargs):
        try:
            services.evidence_remove(actor=request.user, evidence=self.evidence)
        except (ValidationError, DomainError) as exc:
            for error in error_messages(exc):
                messages.error(request, error)
        else:
            messages.success(request, gettext("Evidence removed."))
        return redirect("monitoring:update-detail", self.evidence.update_id)


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


class _PublicProgressMixin(PublicPageMixin):
    """One copy per language and generation of what the page reads (monitoring's records, the
    roadmaps and their consents, the SDG indicators' countries), shared by every visitor
    with public cache headers (`base.httpcache`)."""

    def shared_models(self):
        return app_models("monitoring", "roadmaps", "pilots")


class PublicProgressView(_PublicProgressMixin, TemplateView):
    """The public site: a released roadmap's indicators and approved progress."""

    template_name = "monitoring/public_progress.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        roadmap = get_object_or_404(public_progress_roadmaps(), pk=kwargs["pk"])
        framework, results = public_progress(roadmap=roadmap)
        _with_charts(results)
        ctx.update(roadmap=roadmap, framework=framework, results=results)
        return ctx


class PublicProgressListView(_PublicProgressMixin, TemplateView):
    """The public site: roadmaps whose approved progress the world may read."""

    template_name = "monitoring/public_progress_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object_list"] = list(public_progress_roadmaps())
        return ctx
