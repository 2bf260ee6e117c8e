"""The one way to queue a Celery task: after the database transaction commits.

A rolled-back change queues nothing, and a worker never reads a row before it is committed
(pretix's TransactionAwareTask does the same). The task is named, not imported: write modules
(services, the outbox, the reminders) never import the task modules that call them, so
`tasks.py -> services / notifications` stays the only arrow between them.

A broker that is down does not fail the change that was just committed: the failure is logged
and the caller's own sweep queues the work again (the outbox sweep, the reminders' claim
lease, ...), so nothing is lost. Every caller must have such a sweep or accept the loss.
"""

from __future__ import annotations

import logging

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def _registered(task_name: str):
    tasks = current_app.tasks
    if task_name not in tasks:
        # A worker imports every app's tasks module when it starts; a web process or a
        # management command does so here, on its first queued task.
        current_app.loader.import_default_modules()
    return tasks[task_name]


def task_queue_after_commit(task_name: str, *args) -> None:
    """Queue the task registered as `task_name` (e.g. "programme.tasks.send_outbox_email")
    with `args` (ids, never objects) once the current transaction commits; at once outside
    one. An unknown name fails here, in the change that asks, not later in a worker."""
    task = _registered(task_name)

    def send() -> None:
        try:
            task.delay(*args)
        except Exception:  # the broker is down: the caller's sweep queues it later
            logger.warning(
                "Task %s%r could not be queued; its sweep will queue it again.",
                task_name,
                args,
                exc_info=True,
            )

    transaction.on_commit(send)
