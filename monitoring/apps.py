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

        from monitoring import notifications
        from programme.notify import register_notification_kind

        # Submissions, returns and approvals are emailed through the outbox, after commit.
        for kind, label in notifications.LABELS.items():
            register_notification_kind(kind, label, notifications.update_transition_email)
