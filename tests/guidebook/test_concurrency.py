"""Two people acting on a chapter at the same moment: the row lock lets exactly one move
through, and versions are numbered without gaps or clashes."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from base.errors import IllegalTransition
from guidebook import services
from guidebook.models import ChapterDraft, ChapterTransition

pytestmark = pytest.mark.django_db(transaction=True)


def _together(target, n=2):
    barrier = threading.Barrier(n)
    results: list = []

    def run():
        barrier.wait()
        try:
            results.append(target())
        except Exception as exc:  # the losing side's refusal is the result
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_the_same_move_twice_at_once_happens_once(chapter, staff):
    results = _together(
        lambda: services.chapter_transition(actor=staff, chapter=chapter, to_status="drafting")
    )
    assert sum(isinstance(r, ChapterTransition) for r in results) == 1
    assert sum(isinstance(r, IllegalTransition) for r in results) == 1
    assert ChapterTransition.objects.filter(chapter=chapter).count() == 1


def test_versions_added_at_once_get_distinct_numbers(chapter, staff):
    results = _together(
        lambda: services.chapter_draft_add(actor=staff, chapter=chapter, text="# Text"), n=3
    )
    assert all(isinstance(r, ChapterDraft) for r in results), results
    assert sorted(chapter.drafts.values_list("number", flat=True)) == [1, 2, 3]
