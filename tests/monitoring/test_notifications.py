"""Emails of the update workflow: who gets them, in their language, as text and HTML, owed
through the notification module (after commit, once, with a per-kind mute)."""

from decimal import Decimal

import pytest
from django.core import mail

from monitoring import services
from monitoring.choices import ActionStatus
from monitoring.notifications import UPDATE_RETURNED
from programme.models import NotificationMute, OutboxEmail
from programme.outbox import outbox_send

pytestmark = pytest.mark.django_db


def _sent(kind_suffix: str) -> list:
    """Send every outbox row of the kind, as the worker would; return the messages."""
    mail.outbox.clear()
    for row in OutboxEmail.objects.filter(kind=f"monitoring.update_{kind_suffix}"):
        outbox_send(row_id=row.pk)
    return list(mail.outbox)


@pytest.fixture
def submitted(period, indicators, action, focal_point_user, django_capture_on_commit_callbacks):
    update = services.update_start(actor=focal_point_user, period=period)
    services.update_save(
        actor=focal_point_user,
        update=update,
        narrative="Done.",
        values={indicators[0].pk: Decimal("12")},
        statuses={action.pk: ActionStatus.DELAYED},
    )
    with django_capture_on_commit_callbacks() as callbacks:
        services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    # The email is queued only once the move commits.
    assert len(callbacks) == 1
    return update


def test_submission_tells_the_secretariat(submitted, settings):
    [message] = _sent("submitted")
    assert message.to == [settings.SECRETARIAT_EMAIL]
    assert "Ghana STI for SDGs roadmap" in message.body and "submitted" in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f"/monitoring/updates/{submitted.pk}/" in html


def test_a_return_tells_the_focal_points_in_their_language(
    submitted, focal_point_user, secretariat_user
):
    focal_point_user.language = "fr"
    focal_point_user.save()
    services.update_transition(
        actor=secretariat_user, update=submitted, to_status="returned", comment="Sources ?"
    )
    [message] = _sent("returned")
    assert message.to == [focal_point_user.email]
    assert "31 décembre 2021" in message.body and "Sources ?" in message.body
    assert "Bonjour" in message.body
    html = message.alternatives[0][0]
    assert "31 décembre 2021" in html and 'lang="fr"' in html
    # The per-kind mute link and the settings page are in both parts.
    assert "/accounts/notifications/mute/" in message.body and "/accounts/notifications/" in html


def test_a_muted_return_is_not_sent(submitted, focal_point_user, secretariat_user):
    NotificationMute.objects.create(user=focal_point_user, kind=UPDATE_RETURNED)
    services.update_transition(
        actor=secretariat_user, update=submitted, to_status="returned", comment="Sources ?"
    )
    assert not OutboxEmail.objects.filter(kind=UPDATE_RETURNED).exists()
    assert _sent("returned") == []


def test_approval_tells_the_focal_points(submitted, focal_point_user, secretariat_user):
    services.update_transition(actor=secretariat_user, update=submitted, to_status="approved")
    [message] = _sent("approved")
    assert message.to == [focal_point_user.email]
    assert "approved" in message.subject
