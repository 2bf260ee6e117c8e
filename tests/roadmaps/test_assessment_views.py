"""Assessment pages: the permission table, the forms, exports and query budgets."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pilots.models import Cohort
from programme.choices import Role
from roadmaps.choices import VersionStatus
from roadmaps.models import Assessment, ReviewScore, RoadmapVersion
from roadmaps.urls import assessment_urlpatterns
from tests.factories import (
    PilotFactory,
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    UserFactory,
    country,
    finalised_assessment,
    review_scores,
)
from tests.programme.test_cache_language import settle

pytestmark = pytest.mark.django_db

ALL_TWO = dict.fromkeys(range(1, 11), 2)
ROLES = [
    "anonymous", "secretariat", "reviewer", "reviewer_other", "focal_own", "focal_other",
    "advisory", "partner",
]  # fmt: skip


@pytest.fixture
def clients(role_clients, db):
    other = Client()
    other.force_login(UserFactory(username="rev-other", roles=[Role.REVIEWER]))
    return role_clients | {"reviewer_other": other}


@pytest.fixture
def objects(ghana, kenya, reviewer_user):
    submitted = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=3, status=VersionStatus.SUBMITTED
    )
    returned = RoadmapVersionFactory(
        roadmap=submitted.roadmap, number=2, status=VersionStatus.RETURNED
    )
    under_review = RoadmapVersionFactory(
        roadmap=submitted.roadmap, number=1, status=VersionStatus.UNDER_REVIEW
    )
    other = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=kenya), number=1, status=VersionStatus.RETURNED
    )
    finalised_assessment(returned, ALL_TWO)
    finalised_assessment(under_review, ALL_TWO)
    finalised_assessment(other, ALL_TWO)
    return {
        "assignment": ReviewAssignmentFactory(version=submitted, reviewer=reviewer_user),
        "submitted": submitted,
        "returned_own": returned,
        "undecided_own": under_review,
        "returned_other": other,
    }


# (url name, object key or None) -> expected status per role, in ROLES order.
# 302 = sent to sign in; 403 = page not for this role; 404 = object outside scope.
PAGES = {
    # A personal list: the secretariat reads reviews on the consolidation pages.
    ("roadmaps:review-list", None): [302, 403, 200, 200, 403, 403, 403, 403],
    ("roadmaps:review-edit", "assignment"): [302, 404, 200, 404, 404, 404, 404, 403],
    # Accepting or declining: the reviewer asked only.
    ("roadmaps:review-answer", "assignment"): [302, 404, 200, 404, 404, 404, 404, 403],
    # Out of scope is 404 as everywhere; in scope but not the secretariat's page, 403.
    ("roadmaps:version-assessment", "submitted"): [302, 200, 403, 404, 403, 404, 404, 403],
    # The advisory group reads scorecards of published versions only (none here).
    ("roadmaps:version-scorecard", "returned_own"): [302, 200, 404, 404, 200, 404, 404, 403],
    ("roadmaps:version-scorecard", "undecided_own"): [302, 200, 404, 404, 404, 404, 404, 403],
    ("roadmaps:version-scorecard", "returned_other"): [302, 200, 404, 404, 404, 200, 404, 403],
    ("roadmaps:version-scorecard", "submitted"): [302, 404, 404, 404, 404, 404, 404, 403],
    ("roadmaps:assessment-heatmap", None): [302, 200, 403, 403, 403, 403, 200, 403],
    ("roadmaps:assessment-heatmap-csv", None): [302, 200, 403, 403, 403, 403, 200, 403],
    ("roadmaps:assessment-heatmap-xlsx", None): [302, 200, 403, 403, 403, 403, 200, 403],
    ("roadmaps:rubric-list", None): [302, 200, 200, 200, 200, 200, 200, 403],
    ("roadmaps:rubric-create", None): [302, 200, 403, 403, 403, 403, 403, 403],
}


@pytest.mark.parametrize(("page", "expected"), PAGES.items(), ids=lambda v: str(v))
def test_page_permissions(page, expected, clients, objects):
    name, key = page
    url = reverse(name, args=[objects[key].pk]) if key else reverse(name)
    got = [clients[role].get(url).status_code for role in ROLES]
    assert got == expected


def test_every_assessment_page_is_in_the_permission_table():
    routes = {f"roadmaps:{p.name}" for p in assessment_urlpatterns}
    assert routes == {name for name, _key in PAGES}


def test_an_assigned_reviewer_sees_the_version_and_an_unassigned_one_does_not(objects, db):
    submitted = objects["submitted"]
    assigned = objects["assignment"].reviewer
    stranger = UserFactory(roles=[Role.REVIEWER])
    assert submitted in RoadmapVersion.objects.visible_to(assigned)
    assert submitted in RoadmapVersion.objects.restrict(assigned, "review")
    assert submitted not in RoadmapVersion.objects.visible_to(stranger)


def test_reviewer_saves_a_draft_then_submits_from_the_form(reviewer_client, objects):
    url = reverse("roadmaps:review-edit", args=[objects["assignment"].pk])
    page = reviewer_client.get(url).content.decode()
    assert "1. Diagnostics of STI needs and gaps" in page
    assert "What each score means" in page
    draft = {"c1-score": "3", "c1-justification": "A sound diagnosis.", "c1-evidence": "p. 4"}
    response = reviewer_client.post(url, draft | {"save": "1"}, follow=True)
    assert b"Your draft is saved" in response.content
    assert ReviewScore.objects.get().score == 3
    missing = {"c2-score": "2", "c2-justification": ""}
    response = reviewer_client.post(url, draft | missing | {"save": "1"})
    assert response.status_code == 200
    assert b"Say why you gave this score." in response.content
    assert ReviewScore.objects.count() == 1
    everything = {}
    for n in range(1, 11):
        everything |= {f"c{n}-score": "2", f"c{n}-justification": "Reasons.", f"c{n}-evidence": ""}
    everything["c7-score"] = "insufficient"
    response = reviewer_client.post(url, everything | {"submit": "1"}, follow=True)
    assert b"Your review is submitted" in response.content
    assert b"submitted and locked" in response.content
    again = reviewer_client.post(url, everything | {"c1-score": "4", "save": "1"}, follow=True)
    assert b"can no longer be changed" in again.content
    assert ReviewScore.objects.get(criterion__number=1).score == 2


def test_secretariat_assigns_consolidates_and_finalises_through_the_page(
    staff_client, objects, reviewer_user
):
    version = objects["submitted"]
    url = reverse("roadmaps:version-assessment", args=[version.pk])
    second = UserFactory(roles=[Role.REVIEWER])
    response = staff_client.post(
        url, {"action": "assign", "reviewer": second.pk, "due_on": "2099-01-31"}, follow=True
    )
    assert b"is asked to review" in response.content
    assert version.assignments.count() == 2
    finalise = staff_client.post(url, {"action": "finalise", "summary": "x"}, follow=True)
    assert b"Waiting for the review of" in finalise.content
    review_scores(objects["assignment"], ALL_TWO | {1: 1})
    review_scores(version.assignments.get(reviewer=second), ALL_TWO | {1: 3})
    page = staff_client.get(url).content.decode()
    assert "Needs moderation" in page
    data = {"action": "save"}
    for n in range(1, 11):
        data |= {f"c{n}-score": "2", f"c{n}-comment": ""}
    refused = staff_client.post(url, data)
    assert b"record the moderation in a comment" in refused.content
    data["c1-comment"] = "Discussed with both reviewers."
    staff_client.post(url, data, follow=True)
    done = staff_client.post(
        url, data | {"action": "finalise", "summary": "Well done."}, follow=True
    )
    assert done.redirect_chain[-1][0] == reverse("roadmaps:version-scorecard", args=[version.pk])
    assert Assessment.objects.get(version=version).is_finalised


def test_scorecard_compares_with_the_earlier_version_and_draws_charts(ghana, staff_client):
    roadmap = RoadmapFactory(country=ghana)
    v1 = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.RETURNED)
    v2 = RoadmapVersionFactory(roadmap=roadmap, number=2, status=VersionStatus.ACCEPTED)
    finalised_assessment(v1, ALL_TWO | {3: None})
    finalised_assessment(v2, ALL_TWO | {1: 3, 2: 1})
    page = staff_client.get(reverse("roadmaps:version-scorecard", args=[v2.pk])).content.decode()
    assert "▲ Improved" in page
    assert "▼ Fell back" in page
    assert "Not comparable" in page  # criterion 3 had insufficient information in v1
    assert page.count('role="img"') == 3  # two radars and the trend
    assert "Means over versions" in page


def test_focal_point_feedback_hides_reviewer_names_unless_shown(ghana, focal_point_client):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.RETURNED
    )
    assignment = ReviewAssignmentFactory(
        version=version, reviewer=UserFactory(first_name="Zadie", last_name="Quill")
    )
    review_scores(assignment, ALL_TWO)
    assessment = finalised_assessment(version, ALL_TWO)
    url = reverse("roadmaps:version-scorecard", args=[version.pk])
    page = focal_point_client.get(url).content.decode()
    assert "Feedback for the country." in page
    assert "Zadie" not in page
    assert "Evidence for criterion" not in page  # reviewers' own justifications stay private
    Assessment.objects.filter(pk=assessment.pk).update(show_reviewer_names=True)
    assert "Zadie Quill" in focal_point_client.get(url).content.decode()


def _heatmap_data(iso3s):
    cohort = Cohort.objects.create(name="First cohort", started_on="2019-07-09")
    for i, iso3 in enumerate(iso3s):
        c = country(iso3)
        PilotFactory(country=c, cohort=cohort if i % 2 == 0 else None)
        roadmap = RoadmapFactory(country=c)
        for n in (1, 2):
            v = RoadmapVersionFactory(roadmap=roadmap, number=n, status=VersionStatus.RETURNED)
            finalised_assessment(v, dict.fromkeys(range(1, 11), n) | {5: None})
    return cohort


def test_heatmap_shows_the_latest_assessment_per_country_with_text_values(
    staff_client, reference_data
):
    cohort = _heatmap_data(["GHA", "KEN", "IND"])
    page = staff_client.get(reverse("roadmaps:assessment-heatmap")).content.decode()
    assert page.count('class="score heat-2"') == 27  # 3 countries x 9 scored criteria, v2
    assert page.count(">n/i<") == 3
    assert "heat-1" not in page.replace('class="heat-1"', "")  # v1 rows are not shown
    filtered = staff_client.get(reverse("roadmaps:assessment-heatmap"), {"cohort": cohort.pk})
    assert filtered.content.decode().count('class="score heat-2"') == 18
    asia = staff_client.get(
        reverse("roadmaps:assessment-heatmap"), {"region": country("IND").region_id}
    ).content.decode()
    assert "India" in asia
    assert "Kenya" not in asia


def test_heatmap_exports_csv_and_xlsx_with_the_same_filters(staff_client, reference_data):
    cohort = _heatmap_data(["GHA", "KEN", "IND"])
    response = staff_client.get(reverse("roadmaps:assessment-heatmap-csv"), {"cohort": cohort.pk})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Country or organisation", "Region", "Cohort"]
    assert [r[0] for r in rows[1:]] == ["Ghana", "India"]
    assert rows[1][6:16] == ["2.00", "2.00", "2.00", "2.00", "n/i"] + ["2.00"] * 5
    # Overall mean, criteria with insufficient information, and whether it is made up.
    assert rows[1][-3:] == ["2.00", "1", "no"]
    assert rows[0][-1] == "Illustrative (made up for a demonstration)"
    response = staff_client.get(reverse("roadmaps:assessment-heatmap-xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "Country or organisation"
    assert [sheet.cell(r, 1).value for r in range(2, 5)] == ["Ghana", "India", "Kenya"]
    assert sheet.cell(2, 7).value == 2


# Session, user, roles, then the page's own fixed reads (the heatmap page also lists
# versions waiting for assessment and renders its filter form).
QUERIES = {
    # The versions still to assess are the review queue's now, not a second list here.
    # Two fewer since the session comes from the cache and the roles with the person.
    "roadmaps:assessment-heatmap": 7,
    "roadmaps:assessment-heatmap-csv": 5,
    "roadmaps:assessment-heatmap-xlsx": 5,
}


@pytest.mark.parametrize(
    "url_name",
    [
        "roadmaps:assessment-heatmap",
        "roadmaps:assessment-heatmap-csv",
        "roadmaps:assessment-heatmap-xlsx",
    ],
)
def test_heatmap_query_count_does_not_grow_with_countries(
    staff_client, reference_data, django_assert_num_queries, url_name
):
    _heatmap_data(["GHA", "KEN"])
    with django_assert_num_queries(QUERIES[url_name]):
        assert staff_client.get(reverse(url_name)).status_code == 200
    _more = ["ETH", "IND", "SRB", "UKR"]
    for iso3 in _more:
        roadmap = RoadmapFactory(country=country(iso3))
        v = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.RETURNED)
        finalised_assessment(v, ALL_TWO)
    with django_assert_num_queries(QUERIES[url_name]):
        response = staff_client.get(reverse(url_name))
    assert response.status_code == 200


KEPT_SCORECARD_QUERIES = 1


def test_scorecard_query_count_does_not_grow_with_versions(
    ghana, staff_client, django_assert_num_queries
):
    roadmap = RoadmapFactory(country=ghana)

    def add_versions(numbers):
        last = None
        for n in numbers:
            last = RoadmapVersionFactory(roadmap=roadmap, number=n, status=VersionStatus.RETURNED)
            finalised_assessment(last, dict.fromkeys(range(1, 11), n % 5))
        return last

    latest = add_versions([1, 2])
    url = reverse("roadmaps:version-scorecard", args=[latest.pk])
    # 6 (the session comes from the cache, the roles with the person), and one each for the
    # breadcrumbs asking whether the roadmap's and the version's pages open for the reader.
    with django_assert_num_queries(8):
        staff_client.get(url)
    latest = add_versions([3, 4, 5, 6])
    url = reverse("roadmaps:version-scorecard", args=[latest.pk])
    with django_assert_num_queries(8):
        page = staff_client.get(url).content.decode()
    assert page.count('role="img"') == 7  # six radars and the trend
    # Read again, the body and what the breadcrumbs asked are kept: only the person with
    # their roles, and the version kept beside the body, are read (the roadmap's and the
    # version's links still offered).
    settle()
    staff_client.get(url)
    with django_assert_num_queries(KEPT_SCORECARD_QUERIES):
        kept = staff_client.get(url).content.decode()
    assert reverse("roadmaps:roadmap-detail", args=[roadmap.pk]) in kept
    assert reverse("roadmaps:version-detail", args=[latest.pk]) in kept


def test_version_page_links_into_the_assessment_for_whoever_may_follow(clients, objects):
    def links(role, key):
        url = reverse("roadmaps:version-detail", args=[objects[key].pk])
        page = clients[role].get(url).content.decode()
        return {
            name
            for name in ["version-scorecard", "version-assessment", "review-edit"]
            if reverse(
                f"roadmaps:{name}",
                args=[objects["assignment"].pk if name == "review-edit" else objects[key].pk],
            )
            in page
        }

    assert links("focal_own", "returned_own") == {"version-scorecard"}
    assert links("secretariat", "returned_own") == {"version-scorecard", "version-assessment"}
    assert links("secretariat", "submitted") == {"version-assessment"}
    assert links("reviewer", "submitted") == {"review-edit"}
    assert links("focal_own", "submitted") == set()


def test_rubric_page_shows_the_criteria_and_levels(clients, objects):
    page = clients["focal_own"].get(reverse("roadmaps:rubric-list")).content.decode()
    assert "1. Diagnostics of STI needs and gaps" in page
    assert "10. Resources and funding" in page
    # a level 0 descriptor
    assert "No diagnostic, assessment or policy review of STI needs and gaps." in page
    assert reverse("roadmaps:rubric-create") not in page


def test_secretariat_publishes_a_reworded_rubric_version(clients, objects):
    from roadmaps.models import Assessment, Criterion, Rubric

    url = reverse("roadmaps:rubric-create")
    form = clients["secretariat"].get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["c10_name"] = "Resources, funding and financing strategy"
    data["c10_level4"] = "Fully costed and financed."
    response = clients["secretariat"].post(url, data)
    assert response.status_code == 302
    # After the reference data's v1 and v2.
    new = Rubric.objects.get(version=3)
    assert new.criteria.count() == 10
    assert Criterion.objects.get(rubric=new, number=10).name == data["c10_name"]
    assert Criterion.objects.get(rubric=new, number=1).name == "Diagnostics of STI needs and gaps"
    old = Criterion.objects.get(rubric__version=1, number=10)
    assert old.name == "Resources and funding"  # the old version is untouched
    assert old.levels.get(score=4).descriptor != "Fully costed and financed."
    # Assessments made before keep their version (v2, the newest before).
    assert set(Assessment.objects.values_list("rubric__version", flat=True)) == {2}
    listing = clients["secretariat"].get(f"{reverse('roadmaps:rubric-list')}?version=3")
    assert data["c10_name"] in listing.content.decode()


def test_a_rubric_version_with_an_empty_descriptor_is_refused(clients, objects):
    from roadmaps.models import Rubric

    url = reverse("roadmaps:rubric-create")
    form = clients["secretariat"].get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["c3_level2"] = ""
    response = clients["secretariat"].post(url, data)
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Rubric.objects.count() == 2  # v1 and v2 of the reference data; nothing new
