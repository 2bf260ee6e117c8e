"""Redis down, cache included: the cache only holds copies, so writes and pages go on, the
emails wait in the outbox, and nothing stored before the outage is served as current after it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from base.cache import generations
from base.cache_backend import ResilientRedisCache
from programme.models import OutboxEmail, OutboxStatus
from roadmaps.choices import VersionStatus
from roadmaps.models import RoadmapVersion
from tests.factories import RoadmapFactory, RoadmapVersionFactory
from tests.programme.test_outbox import _closed_port, broker_down  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings):
    """The cache is a Redis nobody answers for."""
    working = settings.CACHES
    settings.CACHES = {
        "default": {**working["default"], "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0"}
    }
    ResilientRedisCache.writes_lost = False
    yield working
    ResilientRedisCache.writes_lost = False


@pytest.mark.usefixtures("broker_down")
def test_a_submission_and_pages_work_with_the_whole_of_redis_down(
    cache_down, focal_point_client, focal_point_user, ghana, staff_client,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, created_by=focal_point_user
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = focal_point_client.post(
            reverse("roadmaps:version-move", args=[version.pk]), {"to_status": "submitted"}
        )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED
    assert OutboxEmail.objects.get().status == OutboxStatus.PENDING
    for url in (reverse("programme:dashboard"), reverse("roadmaps:roadmap-list")):
        assert staff_client.get(url).status_code == 200, url
    assert ResilientRedisCache.writes_lost


def test_reads_stored_before_the_outage_are_not_current_after_it(settings, cache_down, ghana):
    settings.CACHES = cache_down  # Redis answers
    before, _ = generations([RoadmapVersion])
    assert generations([RoadmapVersion])[0] == before
    settings.CACHES = {
        "default": {**cache_down["default"], "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0"}
    }
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana))  # its bump is lost
    assert ResilientRedisCache.writes_lost
    settings.CACHES = cache_down  # Redis answers again, with the old token still in it
    after, _ = generations([RoadmapVersion])
    assert after != before
    assert not ResilientRedisCache.writes_lost
    assert generations([RoadmapVersion])[0] == after
