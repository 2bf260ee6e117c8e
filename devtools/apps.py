from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Installed only so Django finds the management commands; it has no models."""

    name = "devtools"
