"""Monitoring fixtures: Ghana's roadmap (the focal point's own country) with a published
version, a small results framework and a yearly reporting period."""

import pytest

from roadmaps.choices import VersionStatus
from tests.factories import (
    RoadmapVersionFactory,
    national_roadmap,
    reporting_period,
    results_framework,
)


@pytest.fixture
def roadmap(ghana):
    return national_roadmap(ghana, title="Ghana STI for SDGs roadmap")


@pytest.fixture
def version(roadmap, secretariat_user):
    return RoadmapVersionFactory(
        roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED, created_by=secretariat_user
    )


@pytest.fixture
def framework(version, secretariat_user):
    return results_framework(version, actor=secretariat_user, indicators=2)


@pytest.fixture
def period(roadmap, secretariat_user, framework, focal_point_user):
    return reporting_period(roadmap, actor=secretariat_user, year=2021)


@pytest.fixture
def indicators(framework):
    from monitoring.models import Indicator

    return list(Indicator.objects.filter(action__objective__framework=framework).order_by("pk"))


@pytest.fixture
def action(framework):
    from monitoring.models import Action

    return Action.objects.get(objective__framework=framework)


@pytest.fixture
def kenya_roadmap(kenya, secretariat_user):
    roadmap = national_roadmap(kenya, title="Kenya STI for SDGs roadmap")
    version = RoadmapVersionFactory(
        roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED, created_by=secretariat_user
    )
    results_framework(version, actor=secretariat_user)
    return roadmap
