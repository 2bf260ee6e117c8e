from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView

from programme.views import ScopedFilterView
from roadmaps.filtersets import RoadmapFilterSet
from roadmaps.selectors import roadmap_list, roadmap_version_list


class RoadmapListView(ScopedFilterView):
    """Roadmaps the user may see, filterable by country, region and SDG."""

    template_name = "roadmaps/roadmap_list.html"
    selector = staticmethod(roadmap_list)
    filterset_class = RoadmapFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("goals")


class RoadmapDetailView(LoginRequiredMixin, DetailView):
    """A roadmap with the versions this user may see."""

    template_name = "roadmaps/roadmap_detail.html"
    context_object_name = "roadmap"

    def get_queryset(self):
        return roadmap_list(user=self.request.user).prefetch_related(
            "goal_links__goal", "target_links__target"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["versions"] = roadmap_version_list(user=self.request.user).filter(roadmap=self.object)
        return ctx
