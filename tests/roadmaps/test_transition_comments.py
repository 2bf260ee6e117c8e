"""Who reads what was said on a workflow move (roadmaps.rules.transition_comment_visible): the
secretariat; the version's own country's focal points, but not an override reason; nobody else.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from roadmaps.choices import VersionStatus
from roadmaps.models import VersionTransition
from tests.factories import PilotFactory, RoadmapVersionFactory, national_roadmap

pytestmark = pytest.mark.django_db


@pytest.fixture
def ghana_published(ghana):
    """A published version of Ghana's roadmap with the secretariat's comments on its moves."""
    PilotFactory(country=ghana)
    version = RoadmapVersionFactory(roadmap=national_roadmap(ghana), status=VersionStatus.PUBLISHED)
    VersionTransition.objects.create(
        version=version, from_status="under_review", to_status="accepted",
        comment="Override: the panel could not meet in time.", override=True,
    )  # fmt: skip
    VersionTransition.objects.create(
        version=version, from_status="accepted", to_status="published",
        comment="Published in audit.",
    )  # fmt: skip
    return version


def _pages(version):
    pilot = version.roadmap.country.pilot
    return [
        reverse("pilots:pilot-detail", args=[pilot.pk]),
        reverse("roadmaps:version-detail", args=[version.pk]),
    ]


@pytest.mark.parametrize(
    "client_name",
    ["other_focal_point_client", "reviewer_client", "advisory_client"],
)
def test_other_readers_see_the_move_not_the_comment(request, client_name, ghana_published):
    client = request.getfixturevalue(client_name)
    for url in _pages(ghana_published):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Published in audit." not in body, url
        assert "the panel could not meet" not in body, url


def test_the_countrys_focal_point_reads_comments_but_not_the_override_reason(
    focal_point_client, ghana_published
):
    pilot_page, version_page = _pages(ghana_published)
    assert "Published in audit." in focal_point_client.get(pilot_page).content.decode()
    body = focal_point_client.get(version_page).content.decode()
    assert "Published in audit." in body
    assert "the panel could not meet" not in body


def test_the_secretariat_reads_everything(staff_client, ghana_published):
    body = staff_client.get(_pages(ghana_published)[1]).content.decode()
    assert "Published in audit." in body and "the panel could not meet" in body
