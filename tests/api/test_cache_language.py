"""API answers cached in one language are never served in another (base.cache keys
hold the language; the answers say they vary with it)."""

from __future__ import annotations

import pytest

from roadmaps.choices import VersionStatus
from tests.factories import RoadmapFactory, RoadmapVersionFactory, finalised_assessment
from tests.programme.test_cache_language import settle

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_scorecard(ghana):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, status=VersionStatus.PUBLISHED
    )
    finalised_assessment(version, dict.fromkeys(range(1, 11), 3))
    settle()
    return version


def test_an_api_answer_cached_in_french_is_not_served_in_english(
    partner_api_client, published_scorecard
):
    def group_names(language):
        response = partner_api_client.get("/api/v1/assessments/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        rows = response.json()["results"]
        return response, {g["name"] for row in rows for g in row["group_means"]}

    french, names = group_names("fr")
    assert "Résultats en matière de politiques" in names
    english, names = group_names("en")
    assert "Policy outputs" in names
    assert "Résultats en matière de politiques" not in names
    # Each language has its own validator, and caches are told the answer varies with it.
    assert french["ETag"] != english["ETag"]
    vary = {v.strip().lower() for v in english["Vary"].split(",")}
    assert {"accept-language", "cookie", "authorization"} <= vary


def test_a_french_etag_gets_no_304_in_english(partner_api_client, published_scorecard):
    french = partner_api_client.get("/api/v1/assessments/", HTTP_ACCEPT_LANGUAGE="fr")
    again = partner_api_client.get(
        "/api/v1/assessments/", HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=french["ETag"]
    )
    assert again.status_code == 200
