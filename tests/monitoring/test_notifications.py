"""Emails of the update workflow: who gets them, in their language, as text and HTML."""

from decimal import Decimal

import pytest
from django.core import mail

from monitoring import services
from monitoring.choices import ActionStatus
from monitoring.models import UpdateTransition
from monitoring.notifications import update_transition_notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(period, indicators, action, focal_point_user):
    update = services.update_start(actor=focal_point_user, period=period)
    services.update_save(
        actor=focal_point_user,
        update=update,
        narrative="Done.",
        values={indicators[0].pk: Decimal("12")},
        statuses={action.pk: ActionStatus.DELAYED},
    )
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    return update


def test_submission_tells_the_secretariat(submitted, settings):
    mail.outbox.clear()
    transition = UpdateTransition.objects.get(update=submitted, to_status="submitted")
    assert update_transition_notify(transition_id=transition.pk) == 1
    message = mail.outbox[0]
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
    mail.outbox.clear()
    transition = UpdateTransition.objects.get(update=submitted, to_status="returned")
    assert update_transition_notify(transition_id=transition.pk) == 1
    message = mail.outbox[0]
    assert message.to == [focal_point_user.email]
    # Written in French: the period's dates in French, and (once the catalogues carry this
    # app's strings) the French text.
    assert "31 décembre 2021" in message.body and "Sources ?" in message.body
    assert "31 décembre 2021" in message.alternatives[0][0]


def test_approval_tells_the_focal_points(submitted, focal_point_user, secretariat_user):
    services.update_transition(actor=secretariat_user, update=submitted, to_status="approved")
    mail.outbox.clear()
    transition = UpdateTransition.objects.get(update=submitted, to_status="approved")
    update_transition_notify(transition_id=transition.pk)
    assert mail.outbox[0].to == [focal_point_user.email]
    assert "approved" in mail.outbox[0].subject


def test_a_rolled_back_move_sends_nothing(submitted):
    assert update_transition_notify(transition_id=987654) == 0
