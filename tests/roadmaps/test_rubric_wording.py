"""Rubric v1 carries the programme's own 2018 wording of the ten effectiveness criteria."""

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from roadmaps.models import Criterion, CriterionGroup, LevelDescriptor, Rubric

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "data"
WORDING = json.loads((DATA / "effectiveness_criteria.json").read_text(encoding="utf-8"))
TEXT = {c["number"]: c for g in WORDING["groups"] for c in g["criteria"]}


def _rubric_v1():
    return Rubric.objects.get(version=1)


def _snapshot():
    """Everything the loader writes for the rubric, as plain values."""
    return {
        "rubrics": list(Rubric.objects.values()),
        "groups": list(CriterionGroup.objects.order_by("pk").values()),
        "criteria": list(Criterion.objects.order_by("pk").values()),
        "levels": list(LevelDescriptor.objects.order_by("pk").values()),
    }


def test_every_criterion_is_defined_by_the_2018_text(reference_data):
    criteria = {c.number: c for c in _rubric_v1().criteria.select_related("group")}
    assert sorted(criteria) == sorted(TEXT) == list(range(1, 11))
    for number, source in TEXT.items():
        assert criteria[number].description == source["text"], number
        assert criteria[number].short_name == source["short_name"], number
    groups = {g["name"]: {c["number"] for c in g["criteria"]} for g in WORDING["groups"]}
    loaded = {n: {c.number for c in criteria.values() if c.group.name == n} for n in groups}
    assert loaded == groups


@pytest.mark.parametrize(
    ("number", "elements"),
    [
        (4, ["legal environment", "trade and investment policy", "intellectual property",
             "whole-of-economy", "multidisciplinary"]),
        (5, ["socioeconomic effects", "frontier technologies", "leave no one behind"]),
        (6, ["national development challenges", "universality", "national STI priorities",
             "2030 Agenda"]),
        (8, ["open", "inclusive", "academies of science", "indigenous communities"]),
    ],
)  # fmt: skip
def test_the_top_level_judges_what_the_text_asks(reference_data, number, elements):
    """A score of 4 asks for each element the 2018 text names, and those elements are in the
    text itself (so the descriptors cannot drift from it unnoticed)."""
    criterion = _rubric_v1().criteria.get(number=number)
    top = criterion.levels.get(score=4).descriptor.lower()
    for element in elements:
        assert element.lower() in criterion.description.lower(), element
        assert element.lower() in top, element


def test_each_criterion_has_five_distinct_levels(reference_data):
    for criterion in _rubric_v1().criteria.prefetch_related("levels"):
        descriptors = [level.descriptor for level in criterion.levels.all()]
        assert [level.score for level in criterion.levels.all()] == [0, 1, 2, 3, 4]
        assert len(set(descriptors)) == 5, criterion.number


def test_a_second_load_changes_nothing(reference_data):
    before = _snapshot()
    with open(os.devnull, "w") as devnull:
        call_command("load_reference_data", stdout=devnull)
    assert _snapshot() == before


def test_the_criteria_page_and_the_scorecard_show_every_definition(ghana, staff_client):
    from roadmaps.choices import VersionStatus
    from tests.factories import RoadmapFactory, RoadmapVersionFactory, finalised_assessment

    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, status=VersionStatus.ACCEPTED
    )
    finalised_assessment(version, dict.fromkeys(range(1, 11), 2))
    pages = {
        "criteria page": reverse("roadmaps:rubric-list"),
        "scorecard": reverse("roadmaps:version-scorecard", args=[version.pk]),
    }
    for name, url in pages.items():
        html = staff_client.get(url).content.decode()
        for number, source in TEXT.items():
            assert source["text"].replace("'", "&#x27;") in html, (name, number)


def _rubric(version):
    return Rubric.objects.get(version=version)


def test_v2_reads_the_2018_examples_as_examples(reference_data):
    """Criteria 4 and 8: "e.g." and "such as" name examples; v2 asks for the conditions and
    stakeholders a roadmap concerns, and no longer requires each example (v1 did)."""
    v1, v2 = _rubric(1), _rubric(2)
    for number, example in ((4, "intellectual property"), (8, "indigenous communities")):
        old_top = v1.criteria.get(number=number).levels.get(score=4).descriptor
        new_top = v2.criteria.get(number=number).levels.get(score=4).descriptor
        assert example in old_top  # v1 is never rewritten
        assert example not in new_top
        # Where v2 names the examples, it says they are examples.
        level3 = v2.criteria.get(number=number).levels.get(score=3).descriptor
        assert "the 2018 text's examples" in level3
    # The definitions stay the 2018 text's.
    assert [c.description for c in v2.criteria.all()] == [c.description for c in v1.criteria.all()]


@pytest.mark.parametrize("number", [1, 2, 3, 7, 9])
def test_v2_top_level_is_judged_on_one_draft(reference_data, number):
    """Level 4 asks for what one draft can show, not what only time shows."""
    top = _rubric(2).criteria.get(number=number).levels.get(score=4).descriptor.lower()
    for over_time in ("kept up to date as", "revisited as it is updated", "under way and assessed",
                      "demonstrably update", "they change the roadmap"):  # fmt: skip
        assert over_time not in top
    assert "draft" in top or number == 9


def test_v2_defines_zero_apart_from_insufficient_information(reference_data):
    from django.utils import translation

    v2 = _rubric(2)
    assert "A score of 0 means" in v2.description
    assert "'Insufficient information' is not a score" in v2.description
    with translation.override("fr"):
        from base.i18n import localised

        assert "n'est pas une note" in localised(v2, "description")


def test_v1_french_criterion_6_respects_national_priorities(reference_data):
    """The 2018 text addresses universality while respecting national priorities."""
    from django.utils import translation

    from base.i18n import localised

    criterion = _rubric(1).criteria.get(number=6)
    with translation.override("fr"):
        text = localised(criterion, "description")
    assert "tout en respectant les priorités et les réalités nationales" in text
