"""Every page and endpoint of the bench's table (devtools/bench_endpoints.py) runs as many
queries over a small synthetic programme as over one three times its size: a page whose count
grows with rows would be slow at programme scale whatever the bench says today.

Each page is read uncached (the cache is emptied before each request), as the first reader
after a write reads it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from devtools.bench_endpoints import bench_endpoints, focal_user
from devtools.management.commands import seed_scale
from programme.models import User
from tests.factories import api_token_for
from tests.querycount import counted

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The pilot page's audit panels read the rows before the shown ones in one more query when a
# shown row has a predecessor (rewritten records): one query at most, whatever the rows.
AT_MOST_MORE = {"pilot detail": 1, "pilot detail, focal point": 1}


def _clients() -> dict[str, Client]:
    clients = {"none": Client()}
    for auth, user in (
        ("secretariat", User.objects.get(username="secretariat")),
        ("reviewer", User.objects.get(username="reviewer")),
        ("focal", focal_user()),
    ):
        clients[auth] = Client()
        clients[auth].force_login(user)
    _token, key = api_token_for(User.objects.get(username="partner"))
    clients["partner"] = Client(HTTP_AUTHORIZATION=f"Token {key}")
    return clients


def _counts(endpoints, clients) -> dict[str, tuple[int, int]]:
    counts = {}
    for endpoint in endpoints:
        cache.clear()
        queries, response = counted(lambda e=endpoint: clients[e.auth].get(e.path))
        counts[endpoint.label] = (response.status_code, queries)
    return counts


def _seed(monkeypatch, *, countries: int, grow: int) -> None:
    """Synthetic scale data (devtools seed_scale) for `countries` pilot countries, with
    `grow` times a small share of the programme's organisations, reviewers, meetings,
    participants and milestones; run again with larger numbers, it adds what is missing."""
    for name, value in {
        "ORGANISATIONS": 10 * grow,
        "REVIEWERS": 3 * grow,
        "MEETINGS": 10 * grow,
        "PARTICIPANTS_PER_MEETING": 3 * grow,
    }.items():
        monkeypatch.setattr(seed_scale, name, value)
    call_command(
        "seed_scale",
        countries=countries,
        versions=2,
        milestones=200 * grow,
        allow_without_debug=True,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )


def test_every_bench_page_runs_as_many_queries_at_scale(reference_data, settings, monkeypatch):
    # Fair-use limits would answer 429 to a partner reading every list twice.
    rates = {"burst": "1000000/min", "sustained": "1000000/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    # Small: the demo world and 6 synthetic pilot countries, each with roadmaps, drafts,
    # assessments and monitoring, so every list has rows of every kind.
    _seed(monkeypatch, countries=6, grow=1)
    endpoints = bench_endpoints()
    assert len(endpoints) > 80
    small = _counts(endpoints, _clients())
    assert {label: status for label, (status, _q) in small.items()} == dict.fromkeys(small, 200)

    # Grown: three times the pilot countries, and three times the rest.
    _seed(monkeypatch, countries=18, grow=3)
    large = _counts(endpoints, _clients())
    grown = {
        label: (small[label], large[label])
        for label in large
        if large[label][0] != small[label][0]
        or not small[label][1] <= large[label][1] <= small[label][1] + AT_MOST_MORE.get(label, 0)
    }
    assert grown == {}
