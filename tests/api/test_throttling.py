"""The fair-use limits over sliding windows: calls beyond a limit are refused with a
`Retry-After` that is long enough and no longer, refused calls are not counted, and the limits
let calls through while Redis does not answer."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from programme.api.throttling import FairUseThrottle, seconds_until_allowed, sliding_count
from tests.programme.test_cache_outage import cache_down  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

URL = "/api/v1/sdgs/"


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, set by the test: one second into a minute (and an hour)."""
    now = {"t": 1_800_000_001.0}
    monkeypatch.setattr(FairUseThrottle, "timer", staticmethod(lambda: now["t"]))
    return now


@pytest.fixture
def rates(settings):
    def set_rates(burst: str, sustained: str = "1000/hour"):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"burst": burst, "sustained": sustained},
        }

    return set_rates


def test_the_previous_span_weighs_by_its_share_still_in_the_window():
    assert sliding_count(60, 10, 0.25) == 55
    # 60 in the last minute's span, 30 so far in this one, half-way through: one more waits
    # one second, when 29 of the earlier 60 are still in the window.
    wait = seconds_until_allowed(60, 30, 0.5, 60, 60)
    assert wait == pytest.approx(1.0)
    assert sliding_count(60, 31, 0.5 + wait / 60) <= 60 < sliding_count(60, 31, 0.5)
    # This span is full: the next one, once this span weighs little enough.
    assert seconds_until_allowed(0, 2, 1 / 60, 60, 2) == pytest.approx(59 + 30)


def test_refused_calls_are_not_counted_and_retry_after_is_enough(partner_api_client, rates, clock):
    cache.clear()
    rates("2/min")
    assert [partner_api_client.get(URL).status_code for _ in range(2)] == [200, 200]
    refused = [partner_api_client.get(URL) for _ in range(5)]
    assert {r.status_code for r in refused} == {429}
    wait = int(refused[0]["Retry-After"])
    assert wait == 89
    clock["t"] += wait - 1
    assert partner_api_client.get(URL).status_code == 429
    clock["t"] += 1
    # Had the refused calls counted, seven calls would still weigh in the window.
    assert partner_api_client.get(URL).status_code == 200


def test_the_hourly_limit_holds_across_minutes(partner_api_client, rates, clock):
    cache.clear()
    rates("100/min", "3/hour")
    statuses = []
    for _ in range(4):
        statuses.append(partner_api_client.get(URL).status_code)
        clock["t"] += 120
    assert statuses == [200, 200, 200, 429]


@pytest.mark.usefixtures("cache_down")
def test_calls_go_through_while_redis_does_not_answer(partner_api_client, rates):
    rates("1/min")
    assert [partner_api_client.get(URL).status_code for _ in range(3)] == [200, 200, 200]
