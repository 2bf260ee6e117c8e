"""Assessment lists and exports are read as values (roadmaps.selectors.assessment_api_rows):
each row must be exactly what the serializer gives for the same assessment and caller."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from roadmaps.api.serializers import AssessmentSerializer
from roadmaps.choices import VersionStatus
from roadmaps.models import Assessment
from roadmaps.selectors import assessment_api_list, assessment_api_rows
from tests.factories import (
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    UserFactory,
    finalised_assessment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessments(ghana, kenya):
    """Published and returned versions of two countries; names shown for one; a score with
    insufficient information, thirds that round, a second reviewer with only a username."""
    made = []
    for country, shown in ((ghana, True), (kenya, False)):
        roadmap = RoadmapFactory(country=country)
        for number, status in enumerate((VersionStatus.RETURNED, VersionStatus.PUBLISHED), start=1):
            version = RoadmapVersionFactory(roadmap=roadmap, number=number, status=status)
            ReviewAssignmentFactory(version=version)
            ReviewAssignmentFactory(
                version=version,
                reviewer=UserFactory(first_name="", last_name="", roles=["reviewer"]),
            )
            scores = {1: 3, 2: None, 3: 2, 4: 1, 5: 4, 6: 2, 7: 3, 8: 0, 9: 2, 10: 1}
            made.append(finalised_assessment(version, scores, show_reviewer_names=shown))
    return made


def _serializer_rows(user, ids):
    request = APIRequestFactory().get("/")
    request.user = user
    objects = {a.pk: a for a in assessment_api_list(user=user).filter(pk__in=ids)}
    data = AssessmentSerializer(
        [objects[pk] for pk in ids], many=True, context={"request": request}
    ).data
    return json.loads(JSONRenderer().render(data))


@pytest.mark.parametrize(
    "who", ["secretariat_user", "partner_user", "focal_point_user", "advisory_user"]
)
def test_rows_are_the_serializers(request, who, assessments):
    user = request.getfixturevalue(who)
    ids = list(assessment_api_list(user=user).order_by("pk").values_list("pk", flat=True))
    assert ids, "every role here reads some assessments"
    rows = json.loads(JSONRenderer().render(assessment_api_rows(user=user, ids=ids)))
    assert rows == _serializer_rows(user, ids)


def test_reviewer_names_follow_the_rule(
    assessments, secretariat_user, partner_user, focal_point_user
):
    ids = [a.pk for a in assessments]
    staff = {r["id"]: r["reviewers"] for r in assessment_api_rows(user=secretariat_user, ids=ids)}
    assert all(len(names) == 2 for names in staff.values())
    partner = assessment_api_rows(user=partner_user, ids=ids)
    assert all(r["reviewers"] == [] for r in partner)
    focal = {
        r["country"]["iso3"]: r["reviewers"]
        for r in assessment_api_rows(user=focal_point_user, ids=ids)
    }
    assert len(focal["GHA"]) == 2 and focal.get("KEN", []) == []


def test_list_rows_equal_single_rows(partner_api_client, staff_api_client, assessments):
    for client in (partner_api_client, staff_api_client):
        listed = client.get("/api/v1/assessments/").json()["results"]
        assert listed
        for row in listed:
            assert client.get(f"/api/v1/assessments/{row['id']}/").json() == row


def test_export_rows_equal_single_rows(staff_api_client, assessments):
    body = b"".join(
        staff_api_client.get("/api/v1/assessments/export/?format=json").streaming_content
    )
    exported = json.loads(body)
    assert len(exported) == Assessment.objects.count() == 4
    for row in exported:
        assert staff_api_client.get(f"/api/v1/assessments/{row['id']}/").json() == row
    text = b"".join(
        staff_api_client.get("/api/v1/assessments/export/?format=csv").streaming_content
    ).decode()
    lines = list(csv.DictReader(io.StringIO(text)))
    assert [int(line["id"]) for line in lines] == [row["id"] for row in exported]
    assert json.loads(lines[0]["scores"]) == exported[0]["scores"]
