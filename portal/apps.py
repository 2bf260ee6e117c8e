from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Pages and commands that span apps; it has no models of its own."""

    name = "portal"
