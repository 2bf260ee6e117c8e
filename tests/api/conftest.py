"""Fixtures for API tests: a client per role (partners and staff by token, others by session),
objects on both sides of every scope line, and write payloads."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache
from django.test import Client

from guidebook.choices import EditionStatus
from pilots.models import Region
from roadmaps.choices import VersionStatus
from roadmaps.models import Criterion, Goal, Rubric, Target
from tests.factories import (
    AdvisoryGroupMembershipFactory,
    ChapterFactory,
    GuidebookEditionFactory,
    MeetingFactory,
    MilestoneFactory,
    OrganisationFactory,
    PilotFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    api_token_for,
)

ROLES = [
    "anonymous",
    "partner",
    "focal_own",
    "focal_other",
    "reviewer",
    "advisory",
    "secretariat",
    "secretariat_token",
]


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    # Tests make many calls a minute; the limits themselves are tested with low rates.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"burst": "100000/min", "sustained": "100000/hour"},
    }
    yield
    cache.clear()


def token_client(key: str) -> Client:
    return Client(headers={"authorization": f"Token {key}"})


@pytest.fixture
def partner_token(partner_user):
    return api_token_for(partner_user)


@pytest.fixture
def partner_api_client(partner_token):
    return token_client(partner_token[1])


@pytest.fixture
def staff_api_client(secretariat_user):
    return token_client(api_token_for(secretariat_user)[1])


@pytest.fixture
def api_clients(
    client,
    partner_api_client,
    focal_point_client,
    other_focal_point_client,
    reviewer_client,
    advisory_client,
    staff_client,
    staff_api_client,
):
    """Every role's API client by name, in the permission table's order."""
    return dict(
        zip(
            ROLES,
            [
                client,
                partner_api_client,
                focal_point_client,
                other_focal_point_client,
                reviewer_client,
                advisory_client,
                staff_client,
                staff_api_client,
            ],
            strict=True,
        )
    )


@pytest.fixture
def api_objects(ghana, kenya):
    """One object per scope case: public, own country (Ghana), other country, staff only."""
    roadmap_published = RoadmapFactory(country=kenya)
    version_published = RoadmapVersionFactory(
        roadmap=roadmap_published, status=VersionStatus.PUBLISHED
    )
    roadmap_draft_own = RoadmapFactory(country=ghana)
    version_draft_own = RoadmapVersionFactory(roadmap=roadmap_draft_own)
    edition_public = GuidebookEditionFactory(status=EditionStatus.CONSULTATION)
    return {
        "organisation": OrganisationFactory(),
        "milestone_public": MilestoneFactory(is_public=True),
        "milestone_own": MilestoneFactory(is_public=False, country=ghana),
        "region": Region.objects.filter(parent__isnull=True).first(),
        "country": ghana,
        "pilot": PilotFactory(country=ghana),
        "goal": Goal.objects.get(number=9),
        "target": Target.objects.get(code="9.5"),
        "rubric": Rubric.objects.get(version=1),
        "criterion": Criterion.objects.filter(rubric__version=1, number=1).get(),
        "roadmap_published": roadmap_published,
        "roadmap_draft_own": roadmap_draft_own,
        "version_published": version_published,
        "version_draft_own": version_draft_own,
        "meeting_public": MeetingFactory(is_public=True),
        "meeting_private": MeetingFactory(is_public=False),
        "advisory_membership": AdvisoryGroupMembershipFactory(),
        "edition": edition_public,
        "chapter_public": ChapterFactory(edition=edition_public),
        "chapter_private": ChapterFactory(
            edition=GuidebookEditionFactory(status=EditionStatus.DRAFTING)
        ),
    }


_unique = itertools.count(1)

# A valid body for creating (POST, PUT) or changing (PATCH) each writable resource; every call
# gives fresh unique names.
PAYLOADS = {
    "organisation": lambda n: {"name": f"Institute {n}", "slug": f"inst-{n}", "kind": "research"},
    "milestone": lambda n: {"title": f"Report {n}", "kind": "programme", "due_on": "2030-06-30"},
    "meeting": lambda n: {
        "kind": "supplementary",
        "title": f"Workshop {n}",
        "status": "planned",
        "start_date": "2030-03-02",
        "end_date": "2030-03-03",
    },
}
PATCHES = {
    "organisation": lambda n: {"name": f"Renamed institute {n}"},
    "milestone": lambda n: {"title": f"Renamed report {n}"},
    "meeting": lambda n: {"title": f"Renamed workshop {n}"},
}


def payload_for(basename: str, method: str) -> dict | None:
    table = PATCHES if method == "PATCH" else PAYLOADS
    maker = table.get(basename)
    return maker(next(_unique)) if maker else None
