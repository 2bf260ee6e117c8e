"""Links in emails: every address an email carries is absolute, on the site's own address."""

from __future__ import annotations

from django.conf import settings


def absolute(path: str) -> str:
    """A path of the site as the full address an email carries (`SITE_URL`)."""
    return settings.SITE_URL.rstrip("/") + path
