"""Email about roadmap versions and their review: what each message says and who gets it.

Celery tasks call these; services queue the tasks once their transaction commits, so no
service and task module import each other."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from roadmaps.choices import VersionStatus
from roadmaps.models import ReviewAssignment, RoadmapVersion, VersionTransition

# Moves that tell someone by email once the transaction has committed.
NOTIFY_ON = frozenset({VersionStatus.SUBMITTED, VersionStatus.RETURNED, VersionStatus.ACCEPTED})


def _focal_point_recipients(version: RoadmapVersion) -> dict[str, str]:
    """The country's current focal points and the draft's uploader: {email: language}."""
    from pilots.models import FocalPoint

    recipients: dict[str, str] = {}
    if version.roadmap.country_id:
        rows = (
            FocalPoint.objects.current()
            .filter(country_id=version.roadmap.country_id)
            .exclude(user__email="")
            .values_list("user__email", "user__language")
        )
        recipients.update((email, language or settings.LANGUAGE_CODE) for email, language in rows)
    if version.created_by.email:
        recipients[version.created_by.email] = version.created_by.email_language
    return recipients


def _by_language(recipients: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for email, language in sorted(recipients.items()):
        groups.setdefault(language, []).append(email)
    return groups


def version_transition_notify(*, transition_id: int) -> int:
    """Email the people a workflow move concerns, each in their own language; returns how many
    messages were sent (one per language).

    The secretariat hears of submissions (in the site's language); the country's focal points
    hear of returns and acceptances. A move that no longer exists (rolled back, deleted) sends
    nothing.
    """
    transition = (
        VersionTransition.objects.select_related(
            "version__roadmap__country", "version__created_by", "actor"
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None or transition.to_status not in NOTIFY_ON:
        return 0
    version = transition.version
    if transition.to_status == VersionStatus.SUBMITTED:
        recipients = {settings.SECRETARIAT_EMAIL: settings.LANGUAGE_CODE}
    else:
        recipients = _focal_point_recipients(version)
    context = {
        "transition": transition,
        "version": version,
        "roadmap": version.roadmap,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("roadmaps:version-detail", args=[version.pk]),
    }
    sent = 0
    for language, emails in _by_language(recipients).items():
        with translation.override(language):
            subject = gettext("[STI Roadmaps] %(version)s: %(status)s") % {
                "version": version,
                "status": transition.get_to_status_display().lower(),
            }
            body = render_to_string(f"roadmaps/email/version_{transition.to_status}.txt", context)
        send_mail(subject, body, None, emails)
        sent += 1
    return sent


def review_assignment_notify(*, assignment: ReviewAssignment) -> None:
    """Email the reviewer, in their language, what to review and by when (from a Celery task)."""
    review_url = settings.SITE_URL.rstrip("/") + reverse(
        "roadmaps:review-edit", args=[assignment.pk]
    )
    with translation.override(assignment.reviewer.email_language):
        context = {
            "assignment": assignment,
            "version": assignment.version,
            "reviewer": assignment.reviewer,
            "due_on": assignment.milestone.due_on,
            "url": review_url,
        }
        subject = gettext("Review requested: %(version)s") % {"version": assignment.version}
        body = render_to_string("roadmaps/email/review_requested.txt", context)
    send_mail(
        subject=subject,
        message=body,
        from_email=None,
        recipient_list=[assignment.reviewer.email],
    )
