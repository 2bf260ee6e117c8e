"""Assessments (scorecards) through the API: who sees which, what they hold, and the roadmap
filters built on them (latest status, minimum overall score)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from roadmaps import scoring
from roadmaps.choices import VersionStatus
from roadmaps.models import Assessment
from tests.factories import (
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    current_rubric,
    finalised_assessment,
)

pytestmark = pytest.mark.django_db

# Criterion number -> score (None: insufficient information).
HIGH = {1: 3, 2: 4, 3: None, 4: 3, 5: 2, 6: 3, 7: 4, 8: 3, 9: 2, 10: 3}
LOW = dict.fromkeys(range(1, 11), 1)


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def assessed(ghana, kenya):
    """Kenya: v1 published and assessed HIGH (names shown), v2 returned and assessed LOW.
    Ghana: v1 returned and assessed; v2 under review with an open assessment."""
    kenya_map = RoadmapFactory(country=kenya)
    kenya_v1 = RoadmapVersionFactory(roadmap=kenya_map, number=1, status=VersionStatus.PUBLISHED)
    kenya_v2 = RoadmapVersionFactory(roadmap=kenya_map, number=2, status=VersionStatus.RETURNED)
    assignment = ReviewAssignmentFactory(version=kenya_v1)
    ghana_map = RoadmapFactory(country=ghana)
    ghana_v1 = RoadmapVersionFactory(roadmap=ghana_map, number=1, status=VersionStatus.RETURNED)
    ghana_v2 = RoadmapVersionFactory(roadmap=ghana_map, number=2, status=VersionStatus.UNDER_REVIEW)
    return {
        "kenya_map": kenya_map,
        "ghana_map": ghana_map,
        "kenya_v1": kenya_v1,
        "reviewer": assignment.reviewer,
        "kenya_published": finalised_assessment(kenya_v1, HIGH, show_reviewer_names=True),
        "kenya_returned": finalised_assessment(kenya_v2, LOW),
        "ghana_returned": finalised_assessment(ghana_v1, HIGH),
        "ghana_open": Assessment.objects.create(version=ghana_v2, rubric=current_rubric()),
    }


def test_partners_see_finalised_assessments_of_published_versions_only(
    partner_api_client, assessed
):
    assert _ids(partner_api_client.get("/api/v1/assessments/")) == {assessed["kenya_published"].pk}
    for hidden in ("kenya_returned", "ghana_returned", "ghana_open"):
        url = f"/api/v1/assessments/{assessed[hidden].pk}/"
        response = partner_api_client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        # What is published is published for every role (Kenya's v1).
        ("focal_point_client", {"ghana_returned", "kenya_published"}),
        ("other_focal_point_client", {"kenya_published", "kenya_returned"}),
        # The advisory group reads scorecards of versions it may open: published ones.
        ("advisory_client", {"kenya_published"}),
        ("reviewer_client", {"kenya_published"}),
        ("staff_client", {"kenya_published", "kenya_returned", "ghana_returned", "ghana_open"}),
    ],
)
def test_who_sees_which_assessments(request, role, visible, assessed):
    client = request.getfixturevalue(role)
    assert _ids(client.get("/api/v1/assessments/")) == {assessed[k].pk for k in visible}


def test_an_assessment_is_its_versions_scorecard(partner_api_client, assessed):
    assessment = assessed["kenya_published"]
    body = partner_api_client.get(f"/api/v1/assessments/{assessment.pk}/").json()
    # The means are the scorecard's own arithmetic (roadmaps.scoring), insufficient left out.
    rubric = current_rubric()
    criteria = {c.number: c for c in rubric.criteria.select_related("group")}
    summary = scoring.summarise(
        scoring.CriterionScore(n, criteria[n].group.code, s) for n, s in HIGH.items()
    )
    assert Decimal(str(body["overall_mean"])) == summary.overall == Decimal("3.00")
    assert (body["scored"], body["insufficient"]) == (9, 1)
    assert {g["code"]: Decimal(str(g["mean"])) for g in body["group_means"]} == {
        code: group.mean for code, group in summary.groups.items()
    }
    assert [(s["number"], s["score"], s["insufficient_information"]) for s in body["scores"]] == [
        (n, None if s is None else float(s), s is None) for n, s in HIGH.items()
    ]
    assert body["scores"][0]["short_name"] == criteria[1].short_name
    assert body["scores"][0]["comment"] == "Comment on criterion 1."
    assert (body["version"], body["version_status"], body["rubric_version"]) == (
        assessed["kenya_v1"].pk,
        "published",
        # The rubric new assessments use (v2 since the reference data holds two).
        rubric.version,
    )
    assert body["status"] == "finalised" and body["finalised_at"]
    assert body["country"]["iso3"] == "KEN"


def test_reviewer_names_only_for_the_secretariat_and_the_country_when_shown(
    partner_api_client, advisory_client, other_focal_point_client, staff_api_client, assessed
):
    url = f"/api/v1/assessments/{assessed['kenya_published'].pk}/"
    name = str(assessed["reviewer"])
    assert staff_api_client.get(url).json()["reviewers"] == [name]
    # Kenya's focal point: the secretariat chose to show names on this assessment.
    assert other_focal_point_client.get(url).json()["reviewers"] == [name]
    assert partner_api_client.get(url).json()["reviewers"] == []
    assert advisory_client.get(url).json()["reviewers"] == []
    # Names hidden on this one, even from the country.
    hidden = f"/api/v1/assessments/{assessed['kenya_returned'].pk}/"
    ReviewAssignmentFactory(version=assessed["kenya_returned"].version)
    assert other_focal_point_client.get(hidden).json()["reviewers"] == []


def test_a_versions_scorecard_by_version_id_and_nothing_for_a_hidden_one(
    partner_api_client, assessed
):
    kenya_v1 = assessed["kenya_v1"].pk
    found = partner_api_client.get("/api/v1/assessments/", {"version": kenya_v1})
    assert _ids(found) == {assessed["kenya_published"].pk}
    hidden = assessed["ghana_returned"].version_id
    assert _ids(partner_api_client.get("/api/v1/assessments/", {"version": hidden})) == set()


# --- Roadmap filters: latest status and minimum overall score ------------------------------


def test_latest_status_counts_only_versions_the_caller_may_see(
    partner_api_client, staff_api_client, assessed
):
    kenya = assessed["kenya_map"].pk
    # The secretariat sees Kenya's newer, returned version; partners only the published one,
    # so asking for "returned" tells them nothing about it.
    assert kenya in _ids(staff_api_client.get("/api/v1/roadmaps/", {"status": "returned"}))
    assert _ids(staff_api_client.get("/api/v1/roadmaps/", {"status": "published"})) == set()
    assert _ids(partner_api_client.get("/api/v1/roadmaps/", {"status": "returned"})) == set()
    assert _ids(partner_api_client.get("/api/v1/roadmaps/", {"status": "published"})) == {kenya}


def test_minimum_overall_score_uses_the_latest_assessment_the_caller_may_see(
    partner_api_client, staff_api_client, focal_point_client, assessed
):
    kenya, ghana = assessed["kenya_map"].pk, assessed["ghana_map"].pk
    # Partners: Kenya's latest finalised assessment of a published version (v1, 3.00).
    assert _ids(partner_api_client.get("/api/v1/roadmaps/", {"min_overall_score": "3"})) == {kenya}
    assert _ids(partner_api_client.get("/api/v1/roadmaps/", {"min_overall_score": "3.01"})) == (
        set()
    )
    # The secretariat: Kenya's latest is v2 (1.00); Ghana's open v2 is not finalised, so v1.
    assert _ids(staff_api_client.get("/api/v1/roadmaps/", {"min_overall_score": "2.5"})) == {ghana}
    assert _ids(staff_api_client.get("/api/v1/roadmaps/", {"min_overall_score": "1"})) == {
        kenya,
        ghana,
    }
    # Ghana's focal point sees its own feedback and Kenya's published scorecard (3.00), not
    # Kenya's returned v2.
    assert _ids(focal_point_client.get("/api/v1/roadmaps/", {"min_overall_score": "0"})) == {
        ghana,
        kenya,
    }
    # For them Kenya's score is its published v1's (3.00), where the secretariat's is v2's.
    assert _ids(focal_point_client.get("/api/v1/roadmaps/", {"min_overall_score": "2.5"})) == {
        ghana,
        kenya,
    }


def test_minimum_overall_score_out_of_range_is_a_400(partner_api_client, db):
    response = partner_api_client.get("/api/v1/roadmaps/", {"min_overall_score": "5"})
    assert response.status_code == 400
    assert "min_overall_score" in response.json()["error"]["fields"]


# --- Id filters never reveal hidden rows ---------------------------------------------------


def test_filtering_by_a_hidden_roadmaps_id_is_an_empty_list_like_an_unknown_id(
    partner_api_client, ghana
):
    hidden = RoadmapFactory(country=ghana)
    RoadmapVersionFactory(roadmap=hidden, status=VersionStatus.SUBMITTED)
    for roadmap_id in (hidden.pk, hidden.pk + 100000):
        response = partner_api_client.get("/api/v1/roadmap-versions/", {"roadmap": roadmap_id})
        assert response.status_code == 200
        assert response.json()["results"] == []


def test_filtering_criteria_by_a_draft_rubrics_id_is_an_empty_list(partner_api_client, db):
    from roadmaps.models import Rubric

    draft = Rubric.objects.create(version=99, title="Draft rubric")
    for rubric_id in (draft.pk, draft.pk + 100000):
        response = partner_api_client.get("/api/v1/criteria/", {"rubric": rubric_id})
        assert response.status_code == 200
        assert response.json()["results"] == []


def test_assessments_filter_by_country_region_and_status(staff_api_client, assessed, kenya):
    by_country = staff_api_client.get("/api/v1/assessments/", {"country": kenya.pk})
    assert _ids(by_country) == {assessed["kenya_published"].pk, assessed["kenya_returned"].pk}
    by_region = staff_api_client.get("/api/v1/assessments/", {"region": kenya.region_id})
    assert len(_ids(by_region)) == 4
    open_only = staff_api_client.get("/api/v1/assessments/", {"status": "open"})
    assert _ids(open_only) == {assessed["ghana_open"].pk}
