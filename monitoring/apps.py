from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    verbose_name = _("Monitoring")
    name = "monitoring"

    def ready(self) -> None:
        from django.urls import reverse

        from programme.subjects import register_milestone_subject

        # A period's due date is a milestone of the country's focal points; its reminders link
        # to the roadmap's results page, where the update is filled in.
        register_milestone_subject(
            model="monitoring.ReportingPeriod",
            accessor="reporting_period",
            label=_("Progress update"),
            url=lambda period: reverse("monitoring:results", args=[period.roadmap_id]),
        )
