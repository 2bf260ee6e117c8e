from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EgmConfig(AppConfig):
    verbose_name = _("Meetings (EGMs)")
    name = "egm"
