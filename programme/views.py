from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django_filters.views import FilterView

from egm.models import Meeting
from pilots.choices import PilotStatus
from pilots.models import Country, Pilot
from programme.cache import page_read_key
from programme.errors import DomainError
from programme.filtersets import MilestoneFilterSet, OrganisationFilterSet
from programme.forms import ApiTokenForm
from programme.models import ApiToken, Milestone, User, WorkProgrammeComponent
from programme.roles import RoleRequiredMixin
from programme.selectors import milestone_list, organisation_list
from programme.services import api_token_create, api_token_revoke
from roadmaps.choices import VersionStatus
from roadmaps.models import ReviewAssignment, Roadmap, RoadmapVersion


class ScopedFilterView(LoginRequiredMixin, FilterView):
    """A list page: rows come from the app's selector (scoped to the user), then its FilterSet.

    Subclasses set `selector` (a function taking `user=`) and `filterset_class`. One that
    names `cache_models` (every model its rows and filters read) gets `read_key` in its
    context: its template caches the filters and rows under it (programme.cache), so they are
    built again only after a write to one of those models.
    """

    selector = None
    paginate_by = 50
    cache_models: tuple = ()

    def get_queryset(self):
        return type(self).selector(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["querystring"] = query.urlencode()
        if self.cache_models:
            ctx["read_key"] = page_read_key(self.request, type(self).__name__, self.cache_models)
        return ctx


class DashboardView(LoginRequiredMixin, TemplateView):
    """The landing page: what needs attention now, for the signed-in user's role."""

    template_name = "programme/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        if user.is_partner_only:
            # A partner's way in is the API: show their tokens and where the docs are.
            ctx["api_tokens"] = ApiToken.objects.filter(user=user).order_by("-created_at")
        # Everything below is read lazily, by the template, only when its cached copy (under
        # `read_key`) is gone: a write to one of DASHBOARD_MODELS, or a new day.
        ctx["read_key"] = page_read_key(self.request, "dashboard", DASHBOARD_MODELS)
        ctx["milestones"] = milestone_list(user=user).upcoming(today)[:8]
        ctx["meetings"] = (
            Meeting.objects.visible_to(user)
            .select_related("country")
            .order_by(F("start_date").desc(nulls_last=True))[:5]
        )
        ctx["figures"] = lambda: _dashboard_figures(user)
        return ctx


# What the dashboard's cached part is built from (scoping included).
DASHBOARD_MODELS = (
    Milestone,
    Meeting,
    Pilot,
    RoadmapVersion,
    Roadmap,
    ReviewAssignment,
    User,
    WorkProgrammeComponent,
)


def _dashboard_figures(user) -> dict:
    counts = Pilot.objects.visible_to(user).values("status").annotate(n=Count("id")).order_by()
    pilot_counts = [{**row, "label": PilotStatus(row["status"]).label} for row in counts]
    versions = RoadmapVersion.objects.visible_to(user)
    return {
        "pilot_counts": pilot_counts,
        "pilots_total": sum(row["n"] for row in pilot_counts),
        "awaiting_review": versions.filter(
            Q(status=VersionStatus.SUBMITTED) | Q(status=VersionStatus.UNDER_REVIEW)
        ).count(),
        "published": versions.filter(status=VersionStatus.PUBLISHED).count(),
    }


class OrganisationListView(RoleRequiredMixin, ScopedFilterView):
    """Every organisation in the programme, for the secretariat."""

    template_name = "programme/organisation_list.html"
    selector = staticmethod(organisation_list)
    filterset_class = OrganisationFilterSet


class MilestoneListView(ScopedFilterView):
    """The programme's milestones this user may see."""

    template_name = "programme/milestone_list.html"
    selector = staticmethod(milestone_list)
    filterset_class = MilestoneFilterSet
    cache_models = (Milestone, Country, WorkProgrammeComponent, User)


class ServiceActionView(LoginRequiredMixin, View):
    """A POST-only action: bind `form_class`, call a service in `perform`, report the outcome.

    Refusals by the programme's rules (DomainError) and validation errors come back as
    messages on the page the action was taken from; nothing is saved half-way because the
    service is atomic.
    """

    form_class: type[forms.Form] | None = None
    success_message = "Saved."
    http_method_names = ["post"]

    def get_object(self):
        raise NotImplementedError

    def get_form_kwargs(self) -> dict:
        return {}

    def perform(self, form):
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = (
            self.form_class(request.POST, request.FILES, **self.get_form_kwargs())
            if self.form_class
            else None
        )
        if form is not None and not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}: {error}" if label else error)
            return redirect(self.get_success_url())
        try:
            self.perform(form)
        except DomainError as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(request, self.success_message)
        return redirect(self.get_success_url())


class ApiTokenListView(RoleRequiredMixin, ListView):
    """Every API token, so the secretariat can see which are in use and revoke stale ones."""

    template_name = "programme/apitoken_list.html"
    paginate_by = 50

    def get_queryset(self):
        return ApiToken.objects.select_related("user__organisation", "created_by")


class ApiTokenCreateView(RoleRequiredMixin, FormView):
    """Issue a token to a partner account. The key is shown on the answer page, once."""

    template_name = "programme/apitoken_form.html"
    form_class = ApiTokenForm

    def form_valid(self, form):
        try:
            token, key = api_token_create(actor=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        response = render(
            self.request, "programme/apitoken_created.html", {"token": token, "key": key}
        )
        # The key must not linger in any cache or the browser's back-forward history.
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenRevokeView(RoleRequiredMixin, View):
    """Revoke a token after confirmation (GET shows what will stop working, POST does it)."""

    def get(self, request, pk):
        token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
        return render(request, "programme/apitoken_confirm_revoke.html", {"token": token})

    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk)
        try:
            api_token_revoke(actor=request.user, token=token)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Token “{token.name}” ({token.prefix}…) was revoked.")
        return redirect("programme:api-token-list")
