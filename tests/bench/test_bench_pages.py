"""Benchmarks of the busiest pages and reads at programme scale (`make bench`).

They report timings; they assert only that the page worked, never how fast it was.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from pilots.models import Country
from programme.models import User
from roadmaps.choices import VersionStatus
from roadmaps.models import RoadmapVersion
from tests.factories import PilotFactory, RoadmapFactory, RoadmapVersionFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


@pytest.fixture
def programme_at_scale(reference_data):
    """Every UN member state as a pilot, each with a roadmap and three versions."""
    countries = list(Country.objects.all())
    for country in countries:
        PilotFactory(country=country)
        roadmap = RoadmapFactory(country=country)
        for number, status in enumerate(
            [VersionStatus.PUBLISHED, VersionStatus.RETURNED, VersionStatus.SUBMITTED], start=1
        ):
            RoadmapVersionFactory(roadmap=roadmap, number=number, status=status)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return countries


@pytest.mark.parametrize(
    "url_name",
    [
        "programme:dashboard",
        "pilots:pilot-list",
        "roadmaps:roadmap-list",
        "roadmaps:assessment-heatmap",
        "workprogramme:landscape",
        "workprogramme:overview",
    ],
)
def test_bench_list_pages_as_secretariat(benchmark, client, programme_at_scale, url_name):
    client.force_login(User.objects.get(username="secretariat"))
    url = reverse(url_name)
    response = benchmark(client.get, url)
    assert response.status_code == 200


def test_bench_scoped_versions_for_a_focal_point(benchmark, programme_at_scale):
    focal_point = User.objects.get(username="focal.ghana")

    def visible():
        focal_point.__dict__.pop("country_ids", None)
        return list(RoadmapVersion.objects.visible_to(focal_point))

    rows = benchmark(visible)
    # Every published version plus Ghana's own unpublished ones.
    published = RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED)
    own_unpublished = RoadmapVersion.objects.filter(roadmap__country__iso3="GHA").exclude(
        status=VersionStatus.PUBLISHED
    )
    assert len(rows) == published.count() + own_unpublished.count()
    assert own_unpublished.count() > 0


def test_bench_reference_data_reload(benchmark, reference_data):
    benchmark(call_command, "load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Country.objects.count() == 195


@pytest.mark.parametrize("resource", ["pilots", "roadmaps", "roadmap-versions", "assessments"])
def test_bench_api_lists_as_partner(benchmark, client, programme_at_scale, resource, settings):
    from tests.factories import api_token_for

    # Fair-use limits would answer 429 long before the benchmark has its rounds.
    rates = {"burst": "1000000/min", "sustained": "1000000/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}

    _token, key = api_token_for(User.objects.get(username="partner"))
    url = f"/api/v1/{resource}/?page_size=500"
    response = benchmark(client.get, url, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
