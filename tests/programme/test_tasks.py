import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from programme.tasks import clear_expired_sessions


@pytest.mark.celery
def test_session_clean_up_runs_on_a_real_worker(celery_worker_real):
    expired = Session.objects.create(
        session_key="x" * 32, session_data="e30=", expire_date=timezone.now() - dt.timedelta(days=1)
    )
    live = Session.objects.create(
        session_key="y" * 32, session_data="e30=", expire_date=timezone.now() + dt.timedelta(days=1)
    )
    result = clear_expired_sessions.delay()
    result.get(timeout=30)
    assert not Session.objects.filter(pk=expired.pk).exists()
    assert Session.objects.filter(pk=live.pk).exists()


def test_every_periodic_task_is_a_registered_task():
    from config.celery import app

    app.loader.import_default_modules()
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, name
