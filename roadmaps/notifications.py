"""Email about roadmap versions and their review: what each message says and who gets it.

Celery tasks call these; services queue the tasks once their transaction commits, so no
service and task module import each other."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from roadmaps.choices import VersionStatus
from roadmaps.models import ReviewAssignment, RoadmapVersion, VersionTransition

# Moves that tell someone by email once the transaction has committed.
NOTIFY_ON = frozenset({VersionStatus.SUBMITTED, VersionStatus.RETURNED, VersionStatus.ACCEPTED})


def _focal_point_emails(version: RoadmapVersion) -> list[str]:
    from pilots.models import FocalPoint

    emails: list[str] = []
    if version.roadmap.country_id:
        emails += list(
            FocalPoint.objects.current()
            .filter(country_id=version.roadmap.country_id)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    if version.created_by.email:
        emails.append(version.created_by.email)
    return sorted(set(emails))


def version_transition_notify(*, transition_id: int) -> int:
    """Email the people a workflow move concerns; returns how many messages were sent.

    The secretariat hears of submissions; the country's focal points hear of returns and
    acceptances. A move that no longer exists (rolled back, deleted) sends nothing.
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
        recipients = [settings.SECRETARIAT_EMAIL]
    else:
        recipients = _focal_point_emails(version)
    if not recipients:
        return 0
    context = {
        "transition": transition,
        "version": version,
        "roadmap": version.roadmap,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("roadmaps:version-detail", args=[version.pk]),
    }
    subject = f"[STI Roadmaps] {version}: {transition.get_to_status_display().lower()}"
    body = render_to_string(f"roadmaps/email/version_{transition.to_status}.txt", context)
    send_mail(subject, body, None, recipients)
    return 1


def review_assignment_notify(*, assignment: ReviewAssignment) -> None:
    """Email the reviewer what to review and by when (called from a Celery task)."""
    review_url = settings.SITE_URL.rstrip("/") + reverse(
        "roadmaps:review-edit", args=[assignment.pk]
    )
    send_mail(
        subject=f"Review requested: {assignment.version}",
        message=(
            f"Dear {assignment.reviewer},\n\n"
            f"The IATT secretariat asks you to assess {assignment.version} against the "
            f"effectiveness criteria by {assignment.milestone.due_on:%d %B %Y}.\n\n"
            f"Your review: {review_url}\n\n"
            "Your scores stay private to the secretariat until the assessment is finalised.\n"
        ),
        from_email=None,
        recipient_list=[assignment.reviewer.email],
    )
