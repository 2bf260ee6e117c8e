from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.views import View
from django.views.generic import DetailView

from pilots.filtersets import PilotFilterSet
from pilots.selectors import pilot_list
from programme.choices import Role
from programme.roles import RoleRequiredMixin
from programme.views import ScopedFilterView


class PilotListView(RoleRequiredMixin, ScopedFilterView):
    """All pilots with filters, for the secretariat, reviewers and advisers."""

    allowed_roles = (Role.SECRETARIAT, Role.REVIEWER, Role.ADVISORY_GROUP)
    template_name = "pilots/pilot_list.html"
    selector = staticmethod(pilot_list)
    filterset_class = PilotFilterSet


class PilotDetailView(LoginRequiredMixin, DetailView):
    """One pilot's whole picture."""

    template_name = "pilots/pilot_detail.html"
    context_object_name = "pilot"

    def get_queryset(self):
        return pilot_list(user=self.request.user).prefetch_related(
            "steps", "supports__organisation", "task_team__organisation", "status_changes__actor"
        )


class MyCountryView(LoginRequiredMixin, View):
    """A focal point's way in: their (first) country's pilot page."""

    def get(self, request):
        pilot = (
            pilot_list(user=request.user).filter(country_id__in=request.user.country_ids).first()
        )
        if pilot is None:
            raise Http404("You are not the focal point of a pilot country.")
        return redirect("pilots:pilot-detail", pk=pilot.pk)
