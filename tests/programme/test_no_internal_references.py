"""Sources are named as readers know them: no internal file name (the demo's reference file)
reaches a page, the calendar feeds or the API."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.urls import reverse

from guidebook.models import Chapter, GuidebookEdition
from programme.models import Milestone
from tests.conftest import seed_demo_in_test
from tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db

FILE_NAME = re.compile(r"000_2cfb|\b[\w-]+\.txt\b")


@pytest.fixture
def demo(reference_data, settings):
    cache.clear()
    seed_demo_in_test(settings)
    yield
    cache.clear()


def _shown(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_pages_and_feeds_name_no_internal_file(demo, staff_client, client):
    edition = GuidebookEdition.objects.get(label="Draft 2019")
    chapter = Chapter.objects.get(edition=edition, number=1)
    urls = [
        reverse("programme:milestone-list"),
        reverse("programme:timeline"),
        reverse("guidebook:edition-list"),
        reverse("guidebook:edition-detail", args=[edition.pk]),
        reverse("guidebook:chapter-detail", args=[chapter.pk]),
        "/api/v1/milestones/",
    ]
    for url in urls:
        assert not FILE_NAME.search(_shown(staff_client, url)), url
    # Anonymous, over a window reaching back to the demo's 2018-2019 record.
    feed = _shown(client, reverse("programme:calendar-public") + "?years_back=10")
    assert "BEGIN:VEVENT" in feed
    assert not FILE_NAME.search(feed.replace("\r\n ", ""))  # unfolded lines
    # The source is still named, as readers know it.
    assert "2018 work-programme presentation" in _shown(
        staff_client, reverse("guidebook:edition-detail", args=[edition.pk])
    )


def test_existing_records_lose_the_file_name(reference_data):
    old = MilestoneFactory(
        description="Source: the IATT's 2018 work programme on STI for SDGs roadmaps "
        "(reference 000_2cfb5180f8429451.txt). Establishment of a trust fund."
    )
    edition = GuidebookEdition.objects.create(
        label="Draft 2019",
        title="Guidebook",
        source="IATT work-programme presentation, 2018 (reference 000_2cfb5180f8429451.txt)",
    )
    migration = importlib.import_module("guidebook.migrations.0005_sources_name_no_internal_files")
    migration.drop_file_references(apps, None)
    old.refresh_from_db()
    edition.refresh_from_db()
    assert old.description == (
        "Source: the IATT's 2018 work programme on STI for SDGs roadmaps. "
        "Establishment of a trust fund."
    )
    assert edition.source == "IATT work-programme presentation, 2018"
    assert not Milestone.objects.filter(description__contains="000_2cfb").exists()
