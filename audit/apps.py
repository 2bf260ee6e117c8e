from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Who changed what and when, for the records the programme must account for."""

    name = "audit"
    verbose_name = _("Audit history")
