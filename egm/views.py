from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView

from egm.filtersets import MeetingFilterSet
from egm.selectors import advisory_group_list, meeting_list
from programme.views import ScopedFilterView


class MeetingListView(ScopedFilterView):
    """EGMs, regional-track and supplementary meetings, and forum sessions."""

    template_name = "egm/meeting_list.html"
    selector = staticmethod(meeting_list)
    filterset_class = MeetingFilterSet

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["advisory_group"] = advisory_group_list(user=self.request.user)
        return ctx


class MeetingDetailView(LoginRequiredMixin, DetailView):
    """One meeting."""

    template_name = "egm/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return meeting_list(user=self.request.user)
