from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from egm.models import Meeting
from pilots.choices import PilotStatus
from pilots.models import Pilot
from programme.errors import DomainError
from programme.filtersets import MilestoneFilterSet, OrganisationFilterSet
from programme.forms import ApiTokenForm
from programme.generic import ScopedFilterView, ServiceActionView  # noqa: F401 (importable here)
from programme.models import ApiToken
from programme.roles import RoleRequiredMixin
from programme.selectors import milestone_list, organisation_list
from programme.services import api_token_create, api_token_revoke
from roadmaps.choices import WITH_SECRETARIAT_STATUSES, VersionStatus
from roadmaps.models import RoadmapVersion


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
        ctx["milestones"] = milestone_list(user=user).upcoming(today)[:8]
        ctx["meetings"] = (
            Meeting.objects.visible_to(user)
            .select_related("country")
            .order_by(F("start_date").desc(nulls_last=True))[:5]
        )
        counts = Pilot.objects.visible_to(user).values("status").annotate(n=Count("id")).order_by()
        ctx["pilot_counts"] = [{**row, "label": PilotStatus(row["status"]).label} for row in counts]
        ctx["pilots_total"] = sum(row["n"] for row in ctx["pilot_counts"])
        versions = RoadmapVersion.objects.visible_to(user)
        ctx["awaiting_review"] = versions.filter(status__in=WITH_SECRETARIAT_STATUSES).count()
        ctx["published"] = versions.filter(status=VersionStatus.PUBLISHED).count()
        return ctx


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
