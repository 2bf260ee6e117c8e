"""Email about country updates, one kind per move: an update submitted (to the secretariat's
address), returned or approved (to the country's focal points). The service calls
`update_transition_notify` inside the move's transaction; it owes each email through
`programme.notify` (queued after commit, in each person's language, with a per-kind mute).
`monitoring.apps` registers the renderers."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from monitoring.choices import UpdateStatus
from monitoring.models import UpdateTransition
from pilots.models import FocalPoint
from programme.models import OutboxEmail
from programme.notify import Notification, absolute, notify

UPDATE_SUBMITTED = "monitoring.update_submitted"
UPDATE_RETURNED = "monitoring.update_returned"
UPDATE_APPROVED = "monitoring.update_approved"

KINDS = {
    UpdateStatus.SUBMITTED: UPDATE_SUBMITTED,
    UpdateStatus.RETURNED: UPDATE_RETURNED,
    UpdateStatus.APPROVED: UPDATE_APPROVED,
}
LABELS = {
    UPDATE_SUBMITTED: _("A country submits a progress update (the secretariat's address)"),
    UPDATE_RETURNED: _("My country's progress update is returned for revision"),
    UPDATE_APPROVED: _("My country's progress update is approved"),
}


def update_transition_notify(*, transition: UpdateTransition) -> int:
    """Owe an email to each person a move concerns (inside the move's transaction); returns
    how many were written. The secretariat hears of submissions at its address, in the site's
    language; the country's current focal points hear of returns and approvals."""
    kind = KINDS.get(transition.to_status)
    if kind is None:
        return 0
    payload = {"transition": transition.pk}
    if transition.to_status == UpdateStatus.SUBMITTED:
        written = notify(
            kind=kind,
            key=f"{transition.pk}:secretariat",
            payload=payload,
            email=settings.SECRETARIAT_EMAIL,
            language=settings.LANGUAGE_CODE,
        )
        return int(written is not None)
    country_id = transition.update.period.roadmap.country_id
    focal_points = (
        FocalPoint.objects.current().filter(country_id=country_id).select_related("user")
        if country_id
        else []
    )
    people = {fp.user_id: fp.user for fp in focal_points}
    return sum(
        notify(kind=kind, key=f"{transition.pk}:{pk}", payload=payload, recipient=people[pk])
        is not None
        for pk in sorted(people)
    )


def update_transition_email(row: OutboxEmail) -> Notification | None:
    """The email an outbox row owes about a move (None if the move is gone)."""
    transition = (
        UpdateTransition.objects.select_related("update__period__roadmap__country", "actor")
        .filter(pk=row.payload.get("transition"))
        .first()
    )
    if transition is None or transition.to_status not in KINDS:
        return None
    update = transition.update
    roadmap = update.period.roadmap
    return Notification(
        subject=gettext("Progress update on %(roadmap)s: %(status)s")
        % {"roadmap": roadmap, "status": transition.get_to_status_display().lower()},
        template=f"monitoring/email/update_{transition.to_status}",
        url=absolute(reverse("monitoring:update-detail", args=[update.pk])),
        context={
            "transition": transition,
            "update": update,
            "period": update.period,
            "roadmap": roadmap,
        },
    )
