"""Email about country updates: what each message says and who gets it, in each recipient's
language, as plain text with an HTML alternative.

The Celery task calls this; services queue the task once their transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from monitoring.choices import UpdateStatus
from monitoring.models import UpdateTransition
from pilots.models import FocalPoint


def _focal_point_recipients(country_id: int | None) -> dict[str, str]:
    """The country's current focal points: {email: language}."""
    if country_id is None:
        return {}
    rows = (
        FocalPoint.objects.current()
        .filter(country_id=country_id, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", "user__language")
    )
    return {email: language or settings.LANGUAGE_CODE for email, language in rows}


def _by_language(recipients: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for email, language in sorted(recipients.items()):
        groups.setdefault(language, []).append(email)
    return groups


def update_transition_notify(*, transition_id: int) -> int:
    """Email the people a move concerns, one message per language; returns how many were sent.

    The secretariat hears of submissions (in the site's language); the country's focal points
    hear of returns and approvals. A move that no longer exists sends nothing."""
    transition = (
        UpdateTransition.objects.select_related("update__period__roadmap__country", "actor")
        .filter(pk=transition_id)
        .first()
    )
    if transition is None or transition.to_status not in (
        UpdateStatus.SUBMITTED,
        UpdateStatus.RETURNED,
        UpdateStatus.APPROVED,
    ):
        return 0
    update = transition.update
    roadmap = update.period.roadmap
    if transition.to_status == UpdateStatus.SUBMITTED:
        recipients = {settings.SECRETARIAT_EMAIL: settings.LANGUAGE_CODE}
    else:
        recipients = _focal_point_recipients(roadmap.country_id)
    url = settings.SITE_URL.rstrip("/") + reverse("monitoring:update-detail", args=[update.pk])
    sent = 0
    for language, emails in _by_language(recipients).items():
        with translation.override(language):
            context = {
                "transition": transition,
                "update": update,
                "period": update.period,
                "roadmap": roadmap,
                "url": url,
            }
            subject = gettext("[STI Roadmaps] Progress update on %(roadmap)s: %(status)s") % {
                "roadmap": roadmap,
                "status": transition.get_to_status_display().lower(),
            }
            template = f"monitoring/email/update_{transition.to_status}"
            text = render_to_string(f"{template}.txt", context)
            html = render_to_string(f"{template}.html", context)
        message = EmailMultiAlternatives(subject, text, None, emails)
        message.attach_alternative(html, "text/html")
        message.send()
        sent += 1
    return sent
