"""A write replaces its models' generation tokens (base.cache.generation_bump); inside a
transaction it also marks them pending, so a read built meanwhile is not stored. Both are
written together, in one round trip to Redis, at every write."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction
from redis.client import Pipeline

from base.cache import PENDING_SECONDS, generation_bump, generations
from pilots.models import Country, Pilot


@pytest.fixture
def pipelines(monkeypatch):
    """The Redis pipelines sent (one round trip each), as the commands each held."""
    sent: list[list[str]] = []
    real = Pipeline.execute

    def execute(self, *args, **kwargs):
        sent.append([str(command[0][0]) for command in self.command_stack])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "execute", execute)
    return sent


def _ttl(key: str) -> int:
    return cache._cache.get_client(write=True).ttl(cache.make_and_validate_key(key))


@pytest.mark.django_db(transaction=True)
def test_a_bump_inside_a_transaction_marks_pending_and_replaces_tokens_in_one_round_trip(
    pipelines,
):
    before, storable = generations([Country, Pilot])
    assert storable
    pipelines.clear()
    with transaction.atomic():
        generation_bump(Country, Pilot)
        assert len(pipelines) == 1
        assert pipelines[0] == ["SET"] * 4  # sent as one MULTI ... EXEC transaction
        after, storable = generations([Country, Pilot])
    assert after != before
    assert not storable  # a read built now is not kept: the write may not be committed yet
    for model in ("pilots.country", "pilots.pilot"):
        assert 0 < _ttl(f"generation:{model}:pending") <= PENDING_SECONDS
        assert _ttl(f"generation:{model}") == -1  # tokens never expire


@pytest.mark.django_db(transaction=True)
def test_a_bump_outside_a_transaction_only_replaces_the_tokens(pipelines):
    cache.delete_many(["generation:pilots.country:pending"])
    before, _ = generations([Country])
    pipelines.clear()
    generation_bump(Country)
    assert len(pipelines) == 1
    after, storable = generations([Country])
    assert after != before
    assert storable
