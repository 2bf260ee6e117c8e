from django.apps import AppConfig


class EgmConfig(AppConfig):
    verbose_name = "Meetings (EGMs)"
    name = "egm"
