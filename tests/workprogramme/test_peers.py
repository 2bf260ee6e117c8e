"""Peer-learning suggestions on a small known data set."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pilots.choices import PilotStatus
from pilots.models import Country
from portal.workprogramme.peers import peer_suggestions
from roadmaps.choices import VersionStatus
from roadmaps.models import Goal, RoadmapGoal
from tests.factories import (
    PilotFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    finalised_assessment,
)

pytestmark = pytest.mark.django_db


def _country(iso3, scores, goals, status=VersionStatus.PUBLISHED):
    country = Country.objects.get(iso3=iso3)
    pilot = PilotFactory(country=country, status=PilotStatus.ACTIVE)
    roadmap = RoadmapFactory(country=country)
    version = RoadmapVersionFactory(roadmap=roadmap, status=status)
    for number in goals:
        RoadmapGoal.objects.create(roadmap=roadmap, goal=Goal.objects.get(number=number))
    if scores:
        finalised_assessment(version, scores)
    return pilot


@pytest.fixture
def known(reference_data):
    base = dict.fromkeys(range(1, 11), 3)
    return {
        # Ghana is weakest on criteria 10 (0), 2 (1) and 5 (1).
        "GHA": _country("GHA", {**base, 10: 0, 2: 1, 5: 1, 7: 2}, [7, 9, 13]),
        # Kenya: same region, shares SDG 9, stronger on 2 and 10.
        "KEN": _country("KEN", {**base, 2: 2, 5: 1, 10: 2}, [2, 9]),
        # India: another region, shares 7 and 9, stronger on 2, 5 and 10.
        "IND": _country("IND", {**base}, [7, 9]),
        # Serbia: another region, no shared SDG, weaker everywhere that matters.
        "SRB": _country("SRB", {**dict.fromkeys(range(1, 11), 0)}, [4]),
        # Ethiopia: same region, no scores, no shared SDG.
        "ETH": _country("ETH", None, [2]),
    }


def test_suggestions_rank_region_goals_and_stronger_criteria(known, secretariat_user):
    result = peer_suggestions(user=secretariat_user, pilot=known["GHA"])
    assert [(w.number, w.score) for w in result.weakest] == [
        (10, Decimal("0.00")),
        (2, Decimal("1.00")),
        (5, Decimal("1.00")),
    ]
    got = [
        (str(s.pilot), s.same_region, s.shared_goals, [x.number for x in s.stronger_on], s.points)
        for s in result.suggestions
    ]
    assert got == [
        ("India", False, [7, 9], [10, 2, 5], 8),
        ("Kenya", True, [9], [10, 2], 6),
        ("Ethiopia", True, [], [], 1),
    ]


def test_suggestions_read_only_scores_the_user_may_see(known, ghana, focal_point_user):
    # Kenya's assessment is of an unpublished version: Ghana's focal point may not read it.
    kenya_version = known["KEN"].country.roadmaps.get().versions.get()
    kenya_version.status = VersionStatus.RETURNED
    kenya_version.save()
    result = peer_suggestions(user=focal_point_user, pilot=known["GHA"])
    kenya = next(s for s in result.suggestions if str(s.pilot) == "Kenya")
    assert kenya.stronger_on == []
    # Kenya's roadmap has no published version left, so its SDGs are hidden too.
    assert kenya.shared_goals == []


def test_who_may_open_a_peer_page_agrees_with_the_list(
    reference_data, secretariat_user, advisory_user, reviewer_user, focal_point_user, ghana, kenya
):
    from portal.workprogramme.rules import peer_learning_can_open
    from portal.workprogramme.selectors import peer_learning_pilot_list

    pilots = [
        PilotFactory(country=ghana, status=PilotStatus.ACTIVE),
        PilotFactory(country=kenya, status=PilotStatus.ACTIVE),
        PilotFactory(country=Country.objects.get(iso3="IND"), status=PilotStatus.INTERESTED),
    ]
    seen = {}
    for user in [secretariat_user, advisory_user, reviewer_user, focal_point_user]:
        listed = set(peer_learning_pilot_list(user=user))
        seen[user.username] = [peer_learning_can_open(user, p) for p in pilots]
        assert seen[user.username] == [p in listed for p in pilots]
    assert seen == {
        "sec": [True, True, True],
        "adv": [True, True, False],
        "rev": [False, False, False],
        "fp-gha": [True, False, False],
    }
