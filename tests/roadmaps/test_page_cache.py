"""Cached roadmap pages (heatmap, roadmap list, scorecard, a version's page): a write shows on
the next read."""

from __future__ import annotations

import pytest

from roadmaps.choices import VersionStatus
from roadmaps.models import ConsolidatedScore
from roadmaps.services.roadmaps import roadmap_version_transition
from tests.factories import RoadmapFactory, RoadmapVersionFactory, finalised_assessment
from tests.programme.test_cache_language import settle
from tests.querycount import counted

pytestmark = pytest.mark.django_db

SCORES = {n: 2 for n in range(1, 11)}


@pytest.fixture
def published(kenya):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=kenya, title="Kenya's roadmap"),
        status=VersionStatus.PUBLISHED,
    )
    finalised_assessment(version, SCORES)
    return version


def test_scorecard_shows_a_changed_score_on_the_next_read(staff_client, published):
    url = f"/roadmaps/versions/{published.pk}/scorecard/"
    assert "A sharper diagnosis" not in staff_client.get(url).content.decode()
    assert staff_client.get(url).status_code == 200  # from the cache
    score = ConsolidatedScore.objects.filter(assessment__version=published).first()
    score.comment = "A sharper diagnosis"
    score.save()
    assert "A sharper diagnosis" in staff_client.get(url).content.decode()


def test_a_cached_scorecard_is_not_served_outside_its_scope(
    staff_client, focal_point_client, kenya, secretariat_user
):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=kenya), status=VersionStatus.RETURNED
    )
    finalised_assessment(version, SCORES)
    url = f"/roadmaps/versions/{version.pk}/scorecard/"
    assert staff_client.get(url).status_code == 200
    # Ghana's focal point may not read Kenya's returned draft's scorecard, cached or not.
    assert focal_point_client.get(url).status_code == 404


def test_heatmap_shows_a_new_assessment_on_the_next_read(staff_client, published, ghana):
    assert "Ghana" not in staff_client.get("/roadmaps/assessments/heatmap/").content.decode()
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.PUBLISHED
    )
    finalised_assessment(version, SCORES)
    page = staff_client.get("/roadmaps/assessments/heatmap/").content.decode()
    assert "Ghana" in page.split("<tbody>")[1]


def test_roadmap_list_shows_a_new_title_on_the_next_read(staff_client, published):
    assert "Kenya&#x27;s roadmap" in staff_client.get("/roadmaps/").content.decode()
    roadmap = published.roadmap
    roadmap.title = "Kenya's renewed roadmap"
    roadmap.save()
    page = staff_client.get("/roadmaps/").content.decode()
    assert "Kenya&#x27;s renewed roadmap" in page


def test_a_version_page_is_kept_per_reader_and_shows_a_move_at_once(
    staff_client, focal_point_client, kenya, secretariat_user
):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=kenya), status=VersionStatus.SUBMITTED
    )
    url = f"/roadmaps/versions/{version.pk}/"
    settle()
    first, _page = counted(lambda: staff_client.get(url).content.decode())
    again, kept = counted(lambda: staff_client.get(url).content.decode())
    assert again < first, (again, first)
    assert 'name="to_status" value="under_review"' in kept
    # Ghana's focal point may not read Kenya's draft, whoever's copy is kept.
    assert focal_point_client.get(url).status_code == 404
    roadmap_version_transition(actor=secretariat_user, version=version, to_status="under_review")
    settle()
    page = staff_client.get(url).content.decode()
    assert 'name="to_status" value="under_review"' not in page
    assert page.split('id="history-h"')[1].count("<li") > kept.split('id="history-h"')[1].count(
        "<li"
    )
