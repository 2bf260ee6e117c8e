"""The demo's illustrative framework and the programme-scale synthetic data."""

import random

import pytest
from django.core.management import call_command
from django.urls import reverse

from devtools.monitoring_scale import seed_monitoring_scale
from monitoring.choices import UpdateStatus
from monitoring.models import CountryUpdate, Indicator, ReportingPeriod, ResultsFramework
from programme.models import User
from roadmaps.choices import VersionStatus
from tests.factories import RoadmapVersionFactory, country, national_roadmap

pytestmark = pytest.mark.django_db


@pytest.mark.slow  # seeds the demo programme
def test_the_demo_framework_is_marked_illustrative(reference_data, client):
    with open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)
        call_command("seed_demo", stdout=quiet)  # idempotent
    framework = ResultsFramework.objects.get(roadmap__country__iso3="GHA")
    assert framework.illustrative
    periods = ReportingPeriod.objects.filter(roadmap=framework.roadmap)
    assert periods.count() == 2
    assert CountryUpdate.objects.get(period__roadmap=framework.roadmap).status == "approved"
    client.force_login(User.objects.get(username="focal.ghana"))
    page = client.get(reverse("monitoring:results", args=[framework.roadmap_id]))
    assert b"Illustrative." in page.content and b"not the public record" in page.content
    # The 2026 period waits for the focal point's update.
    assert b"Start the update" in page.content


def test_scale_gives_every_published_roadmap_a_framework_and_four_periods(
    reference_data, secretariat_user
):
    roadmaps = []
    for iso3 in ("NGA", "SEN", "ETH"):
        roadmap = national_roadmap(country(iso3))
        RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED)
        roadmaps.append(roadmap)
    unpublished = national_roadmap(country("PER"))
    RoadmapVersionFactory(roadmap=unpublished, number=1, status=VersionStatus.SUBMITTED)
    made = seed_monitoring_scale(rng=random.Random(1), actor=secretariat_user)
    assert made == 3
    assert seed_monitoring_scale(rng=random.Random(1), actor=secretariat_user) == 0
    for roadmap in roadmaps:
        framework = ResultsFramework.objects.get(roadmap=roadmap)
        assert framework.illustrative
        n = Indicator.objects.filter(action__objective__framework=framework).count()
        assert 5 <= n <= 15
        updates = CountryUpdate.objects.filter(period__roadmap=roadmap)
        assert ReportingPeriod.objects.filter(roadmap=roadmap).count() == 4
        assert updates.filter(status=UpdateStatus.APPROVED).count() == 3
        assert sum(u.values.count() for u in updates) == 4 * n
    assert not ResultsFramework.objects.filter(roadmap=unpublished).exists()
    # Released to the public, so the public progress pages have data at scale.
    from monitoring.selectors import public_progress_roadmaps

    assert set(public_progress_roadmaps()) == set(roadmaps)
