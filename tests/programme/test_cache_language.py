"""The language is part of every cached read: a page or an API answer cached in one language
is never served in another, and a change of wording (translations loaded) shows at once."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.core.cache import cache
from django.urls import reverse

from base.cache import _key, generations
from programme.models import User
from programme.services import user_language_set
from roadmaps.choices import VersionStatus
from roadmaps.services import rubric_translations_load
from tests.factories import (
    MilestoneFactory,
    PilotFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    current_rubric,
    finalised_assessment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_scorecard(ghana):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, status=VersionStatus.PUBLISHED
    )
    finalised_assessment(version, dict.fromkeys(range(1, 11), 3))
    return version


def settle():
    """Forget the marks the test's own writes left (the test runs in one open transaction, so
    every write looks uncommitted and nothing read after it would be stored)."""
    cache.delete_many([f"{_key(m)}:pending" for m in apps.get_models()])


def _switch_to_french(client):
    response = client.post(reverse("programme:language-set"), {"language": "fr", "next": "/"})
    assert response.status_code == 302


# (page, English text in its cached part, the same text in French)
PAGES = [
    ("/", "Key figures", "Chiffres clés"),
    ("/pilots/", "Current step", "Étape en cours"),
    ("/milestones/", "Planned", "Prévu"),
    ("/roadmaps/", "Latest version", "Dernière version"),
    ("heatmap", "Key:", "Légende :"),
    ("scorecard", "Overall mean", "Moyenne globale"),
]


@pytest.mark.parametrize(("url", "english", "french"), PAGES, ids=[p[0] for p in PAGES])
def test_a_page_cached_in_english_is_read_in_french_after_the_switch(
    staff_client, ghana, published_scorecard, url, english, french
):
    PilotFactory(country=ghana)
    MilestoneFactory(title="Launch of the portal", is_public=True)
    if url == "scorecard":
        url = reverse("roadmaps:version-scorecard", args=[published_scorecard.pk])
    elif url == "heatmap":
        url = reverse("roadmaps:assessment-heatmap")
    settle()
    assert english in staff_client.get(url).content.decode()  # cached in English
    _switch_to_french(staff_client)
    page = staff_client.get(url).content.decode()
    assert french in page
    assert english not in page


def test_a_language_choice_bumps_the_people_generation(secretariat_user):
    before, _ = generations([User])
    user_language_set(actor=secretariat_user, language="fr")
    after, _ = generations([User])
    assert before != after


def test_loaded_translations_show_on_the_next_read(staff_client, published_scorecard, tmp_path):
    url = reverse("roadmaps:assessment-heatmap")
    _switch_to_french(staff_client)
    settle()
    assert "Nom révisé" not in staff_client.get(url).content.decode()  # cached in French
    spec = {
        "version": current_rubric().version,
        "fr": {"criteria": {"1": {"short_name": "Nom révisé"}}},
    }
    path = tmp_path / "rubric.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    assert rubric_translations_load(path=path) == 1
    assert "Nom révisé" in staff_client.get(url).content.decode()
