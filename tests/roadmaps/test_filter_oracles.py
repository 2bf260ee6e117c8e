"""Filters answer an id the caller may not see as they answer an unknown one, and the
advisory group reads only scorecards whose version and roadmap it may open."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egm.models import MeetingHost
from roadmaps.choices import VersionStatus
from tests.api.conftest import token_client
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    RoadmapVersionFactory,
    api_token_for,
    finalised_assessment,
    national_roadmap,
)

pytestmark = pytest.mark.django_db


def _answer(client, url, params):
    response = client.get(url, params)
    return response.status_code, response.json()


@pytest.mark.parametrize("user_fixture", ["partner_user", "other_focal_point_user"])
def test_rubrics_by_version_answer_a_hidden_and_an_unknown_id_alike(request, ghana, user_fixture):
    hidden = RoadmapVersionFactory(roadmap=national_roadmap(ghana), status=VersionStatus.SUBMITTED)
    client = token_client(api_token_for(request.getfixturevalue(user_fixture))[1])
    url = "/api/v1/rubrics/"
    # 1 is also rubric v1's number: `version` must not be a filter that finds it (the prober
    # read "1 row" as "this roadmap version exists").
    answers = [_answer(client, url, {"version": value}) for value in (hidden.pk, 1, 987654)]
    assert answers[0] == answers[1] == answers[2]


def test_the_host_filter_does_not_name_hosts_of_private_meetings(advisory_user, reviewer_client):
    secret_host = OrganisationFactory(name="Hidden Host Institute", acronym="HIDDENHOST")
    public_host = OrganisationFactory(name="Open Host Agency", acronym="OPENHOST")
    private = MeetingFactory(is_public=False)
    public = MeetingFactory(is_public=True)
    MeetingHost.objects.create(meeting=private, organisation=secret_host)
    MeetingHost.objects.create(meeting=public, organisation=public_host)
    page = reviewer_client.get(reverse("egm:meeting-list")).content.decode()
    assert "OPENHOST" in page and "HIDDENHOST" not in page
    reviewer_api = reviewer_client
    hidden = reviewer_api.get("/api/v1/meetings/", {"host": secret_host.pk})
    unknown = reviewer_api.get("/api/v1/meetings/", {"host": 987654})
    assert hidden.status_code == unknown.status_code == 400
    assert hidden.json() == unknown.json()
    # The advisory group sees the private meeting, so its host is offered to it.
    advisory = token_client(api_token_for(advisory_user)[1])
    assert advisory.get("/api/v1/meetings/", {"host": secret_host.pk}).status_code == 200


def test_the_advisory_group_reads_scorecards_it_can_follow(advisory_client, ghana):
    roadmap = national_roadmap(ghana)
    accepted = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.ACCEPTED)
    published = RoadmapVersionFactory(roadmap=roadmap, number=2, status=VersionStatus.PUBLISHED)
    finalised_assessment(accepted, {1: 2})
    finalised_assessment(published, {1: 3})
    listed = advisory_client.get("/api/v1/assessments/").json()["results"]
    assert {row["version"] for row in listed} == {published.pk}
    assert (
        advisory_client.get(reverse("roadmaps:version-scorecard", args=[accepted.pk])).status_code
        == 404
    )
    page = advisory_client.get(reverse("roadmaps:version-scorecard", args=[published.pk]))
    assert page.status_code == 200
    # Every link the scorecard offers opens for the advisory group.
    assert (
        advisory_client.get(reverse("roadmaps:roadmap-detail", args=[roadmap.pk])).status_code
        == 200
    )
    assert (
        advisory_client.get(reverse("roadmaps:version-detail", args=[published.pk])).status_code
        == 200
    )
