"""The monitoring pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView

from monitoring.models import CountryUpdate
from roadmaps.models import Roadmap


class ResultsView(LoginRequiredMixin, DetailView):
    template_name = "monitoring/results.html"

    def get_queryset(self):
        return Roadmap.objects.visible_to(self.request.user)


class UpdateDetailView(LoginRequiredMixin, DetailView):
    template_name = "monitoring/update_detail.html"

    def get_queryset(self):
        return CountryUpdate.objects.visible_to(self.request.user)
