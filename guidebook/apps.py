from django.apps import AppConfig


class GuidebookConfig(AppConfig):
    name = "guidebook"
