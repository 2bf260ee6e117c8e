"""Benchmarks of the monitoring pages, the public progress pages, the IATI results export and
the monitoring exports (`make bench`). They report timings; they assert only that the page
worked. Query counts flat as updates grow are tested in tests/monitoring/test_queries.py."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from monitoring import services
from monitoring.models import CountryUpdate, ReportingPeriod, ResultsFramework
from programme.models import User

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


@pytest.fixture
def demo_monitoring(reference_data):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return ResultsFramework.objects.select_related("roadmap").get(roadmap__country__iso3="GHA")


@pytest.fixture
def released(demo_monitoring):
    """A published roadmap released to the public, with eight indicators and two approved
    updates: what the public progress page shows (the demo releases none with a framework)."""
    import datetime as dt
    from decimal import Decimal

    from monitoring.models import Indicator
    from portal.workprogramme.services import public_release_consent_record
    from roadmaps.choices import VersionStatus
    from tests.factories import (
        RoadmapVersionFactory,
        country,
        national_roadmap,
        reporting_period,
        results_framework,
    )

    actor = User.objects.get(username="secretariat")
    roadmap = national_roadmap(country("NGA"))
    version = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED)
    framework = results_framework(version, actor=actor, indicators=8)
    indicators = Indicator.objects.filter(action__objective__framework=framework)
    for year in (2021, 2022):
        update = services.update_start(
            actor=actor, period=reporting_period(roadmap, actor=actor, year=year)
        )
        services.update_save(
            actor=actor, update=update, narrative="Reported.",
            values={i.pk: Decimal(year - 2000) for i in indicators},
        )  # fmt: skip
        services.update_transition(actor=actor, update=update, to_status="submitted")
        services.update_transition(actor=actor, update=update, to_status="approved")
    public_release_consent_record(
        actor=actor, version=version, given_by="Ministry", given_on=dt.date(2024, 1, 1),
        evidence="Letter to the secretariat.",
    )  # fmt: skip
    return roadmap


@pytest.fixture
def secretariat_client(client, demo_monitoring):
    client.force_login(User.objects.get(username="secretariat"))
    return client


def _read(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(body)


@pytest.mark.parametrize("page", ["programme", "results", "framework-edit"])
def test_bench_monitoring_pages(benchmark, secretariat_client, demo_monitoring, page):
    args = {
        "programme": [],
        "results": [demo_monitoring.roadmap_id],
        "framework-edit": [demo_monitoring.pk],
    }[page]
    status, size = benchmark(_read, secretariat_client, reverse(f"monitoring:{page}", args=args))
    assert status == 200 and size


@pytest.mark.parametrize("page", ["update-detail", "update-edit"])
def test_bench_update_pages(benchmark, secretariat_client, demo_monitoring, page):
    # The demo leaves its 2026 period for the country: start that draft to fill in.
    period = ReportingPeriod.objects.filter(roadmap=demo_monitoring.roadmap).order_by("-pk")[0]
    draft = services.update_start(actor=User.objects.get(username="secretariat"), period=period)
    update = draft if page == "update-edit" else CountryUpdate.objects.get(status="approved")
    url = reverse(f"monitoring:{page}", args=[update.pk])
    status, size = benchmark(_read, secretariat_client, url)
    assert status == 200 and size


@pytest.mark.parametrize("page", ["list", "roadmap"])
def test_bench_public_progress(benchmark, client, released, page):
    args = [released.pk] if page == "roadmap" else []
    status, size = benchmark(_read, client, reverse(f"public-progress:{page}", args=args))
    assert status == 200 and size


@pytest.mark.parametrize(
    "url",
    [
        "iati-json",
        "iati-xml",
        "/api/v1/country-updates/export/?format=csv",
        "/api/v1/country-updates/export/?format=json",
        "/api/v1/results-indicators/export/?format=csv",
    ],
)
def test_bench_results_exports(benchmark, secretariat_client, demo_monitoring, url):
    iati = reverse("api:results-framework-iati", args=[demo_monitoring.pk])
    url = {"iati-json": iati, "iati-xml": f"{iati}?format=xml"}.get(url, url)
    status, size = benchmark(_read, secretariat_client, url)
    assert status == 200 and size
