"""The one way to queue a task: after the change commits, named, never failing the change."""

import logging

import pytest
from django.db import transaction

from base.tasks import task_queue_after_commit
from programme import tasks

pytestmark = pytest.mark.django_db

NAME = "programme.tasks.send_outbox_email"


@pytest.fixture
def queued(monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.send_outbox_email, "delay", lambda *args: sent.append(args))
    return sent


def test_the_task_is_queued_once_the_change_commits(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        task_queue_after_commit(NAME, 7)
        assert queued == []  # nothing before the commit
    assert len(callbacks) == 1
    assert queued == [(7,)]


def test_a_rolled_back_change_queues_nothing(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                task_queue_after_commit(NAME, 7)
                raise RuntimeError("the change fails")
        except RuntimeError:
            pass
    assert callbacks == []
    assert queued == []


def test_an_unknown_task_fails_in_the_change_that_asks():
    with pytest.raises(KeyError):
        task_queue_after_commit("programme.tasks.no_such_task", 1)


def test_a_broker_outage_is_logged_and_the_committed_change_stands(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broker_down(*args):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.send_outbox_email, "delay", broker_down)
    with (
        caplog.at_level(logging.WARNING, logger="base.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        task_queue_after_commit(NAME, 7)
    assert "could not be queued" in caplog.text
