"""Large API answers are kept compressed and sent compressed to clients that accept gzip (as
browsers and HTTP libraries do); a client that does not gets the same JSON unpacked."""

from __future__ import annotations

import gzip
import json

import pytest
from django.core.cache import cache

from base.api import base as api_base
from roadmaps.choices import VersionStatus
from tests.factories import RoadmapFactory, RoadmapVersionFactory, finalised_assessment
from tests.programme.test_cache_language import settle

pytestmark = pytest.mark.django_db

URL = "/api/v1/assessments/"


@pytest.fixture
def published_scorecards(ghana, kenya):
    for country in (ghana, kenya):
        version = RoadmapVersionFactory(
            roadmap=RoadmapFactory(country=country), number=1, status=VersionStatus.PUBLISHED
        )
        finalised_assessment(version, dict.fromkeys(range(1, 11), 3))
    settle()


def _vary(response) -> set[str]:
    return {v.strip().lower() for v in response["Vary"].split(",")}


def test_a_large_answer_is_sent_compressed_to_a_client_that_accepts_it(
    partner_api_client, published_scorecards, monkeypatch
):
    monkeypatch.setattr(api_base, "GZIP_MIN_BYTES", 100)
    zipped = partner_api_client.get(URL, HTTP_ACCEPT_ENCODING="gzip, deflate")
    plain = partner_api_client.get(URL)
    assert zipped.status_code == plain.status_code == 200
    assert zipped["Content-Encoding"] == "gzip"
    assert not plain.has_header("Content-Encoding")
    assert len(zipped.content) < len(plain.content)
    assert json.loads(gzip.decompress(zipped.content)) == plain.json()
    assert len(plain.json()["results"]) == 2
    # Two representations: each its own validator, and caches told they vary with the header.
    assert zipped["ETag"] != plain["ETag"]
    assert "accept-encoding" in _vary(zipped) and "accept-encoding" in _vary(plain)
    for response in (zipped, plain):
        again = partner_api_client.get(
            URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"]
        )
        assert again.status_code == 304
    # What the cache kept is the same JSON a fresh read makes.
    cache.clear()
    fresh = partner_api_client.get(URL)
    assert fresh.json() == plain.json()


def test_a_small_answer_is_sent_as_it_is(partner_api_client, published_scorecards):
    response = partner_api_client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert len(response.content) < api_base.GZIP_MIN_BYTES
    assert not response.has_header("Content-Encoding")
    assert len(response.json()["results"]) == 2
