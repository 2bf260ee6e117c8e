"""Benchmarks of the monitoring pages and the IATI results export (`make bench`). They report
timings; they assert only that the page worked."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from monitoring.models import ResultsFramework
from programme.models import User

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


@pytest.fixture
def demo_monitoring(reference_data):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return ResultsFramework.objects.select_related("roadmap").first()


@pytest.mark.parametrize("page", ["programme", "results"])
def test_bench_monitoring_pages(benchmark, client, demo_monitoring, page):
    client.force_login(User.objects.get(username="secretariat"))
    args = [demo_monitoring.roadmap_id] if page == "results" else []
    response = benchmark(client.get, reverse(f"monitoring:{page}", args=args))
    assert response.status_code == 200


def test_bench_iati_results_export(benchmark, client, demo_monitoring):
    client.force_login(User.objects.get(username="secretariat"))
    url = reverse("api:results-framework-iati", args=[demo_monitoring.pk])
    response = benchmark(client.get, url)
    assert response.status_code == 200
