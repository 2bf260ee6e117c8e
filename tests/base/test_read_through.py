"""A missing read is computed by one request at a time (base.cache.read_through): after a write,
the readers asking meanwhile wait for that one build, or get the copy made before the write."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory

from base import cache as read_cache
from base.cache import generation_bump, read_key, read_through
from base.httpcache import shared_response
from pilots.models import Country


class Builder:
    """A slow build that counts how often it ran."""

    def __init__(self, value="built", seconds=0.4):
        self.value, self.seconds, self.calls = value, seconds, 0
        self.started = threading.Event()

    def __call__(self):
        self.calls += 1
        self.started.set()
        time.sleep(self.seconds)
        return self.value


def _key():
    return read_key("single-flight", None, [Country], "/some/page")


def _in_threads(*calls):
    results = [None] * len(calls)

    def run(i, call):
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)  # the first is building when the second asks
    for thread in threads:
        thread.join(timeout=15)
    return results


@pytest.fixture
def outside_transactions():
    # A write inside a transaction leaves reads unstored for a while (base.cache); these
    # tests are about committed data, which the requests of a running site read.
    assert not connection.in_atomic_block


def test_two_concurrent_requests_build_once(outside_transactions):
    build = Builder()
    key = _key()
    results = _in_threads(lambda: read_through(key, build), lambda: read_through(key, build))
    assert results == ["built", "built"]
    assert build.calls == 1
    # Kept: a third request does not build.
    assert read_through(_key(), build) == "built"
    assert build.calls == 1


def test_after_a_write_the_earlier_copy_is_answered_while_one_builds(outside_transactions):
    read_through(_key(), lambda: "before the write")
    generation_bump(Country)
    build = Builder("after the write")
    key = _key()
    fresh, meanwhile = _in_threads(
        lambda: read_through(key, build, stale_ok=True),
        lambda: read_through(key, build, stale_ok=True),
    )
    assert (fresh, meanwhile) == ("after the write", "before the write")
    assert build.calls == 1
    assert read_through(_key(), build, stale_ok=True) == "after the write"


def test_without_stale_ok_a_reader_waits_for_the_new_copy(outside_transactions):
    read_through(_key(), lambda: "before the write")
    generation_bump(Country)
    build = Builder("after the write")
    key = _key()
    results = _in_threads(lambda: read_through(key, build), lambda: read_through(key, build))
    assert results == ["after the write", "after the write"]
    assert build.calls == 1


def test_a_build_that_keeps_nothing_lets_the_waiter_build(outside_transactions):
    build = Builder("not kept", seconds=0.3)
    key = _key()
    results = _in_threads(
        lambda: read_through(key, build, keep=lambda v: False),
        lambda: read_through(key, build, keep=lambda v: False),
    )
    assert results == ["not kept", "not kept"]
    assert build.calls == 2


def test_a_failed_build_releases_the_lock(outside_transactions):
    key = _key()

    def failing():
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        read_through(key, failing)
    assert read_through(key, lambda: "second try") == "second try"


def test_a_reader_does_not_wait_forever(outside_transactions, monkeypatch):
    monkeypatch.setattr(read_cache, "BUILD_WAIT_SECONDS", 0.2)
    key = _key()
    from django.core.cache import cache

    cache.add(f"{key}:building", "someone else", timeout=30)  # a builder that hangs
    started = time.monotonic()
    assert read_through(key, lambda: "own") == "own"
    assert time.monotonic() - started < 2


def test_an_unstorable_read_is_built_each_time(db):
    # Inside a write's transaction the models are marked pending: nothing is kept.
    Country.objects.filter(pk__in=[]).update(name="x")
    generation_bump(Country)
    build = Builder(seconds=0)
    read_through(_key(), build)
    read_through(_key(), build)
    assert build.calls == 2


def test_a_page_part_is_drawn_once_for_concurrent_readers(outside_transactions):
    build = Builder("<p>rows</p>")
    template = Template("<main>{% readcache read_key %}{{ rows }}{% endreadcache %}</main>")

    class Rows:
        def __str__(self):
            return build()

    def render():
        return template.render(Context({"read_key": _key(), "rows": Rows()}))

    results = _in_threads(render, render)
    assert results == ["<main>&lt;p&gt;rows&lt;/p&gt;</main>"] * 2
    assert build.calls == 1


def test_a_shared_answer_after_a_write_is_built_once_and_the_old_one_revalidated(
    outside_transactions,
):
    factory = RequestFactory()

    def request():
        from django.contrib.auth.models import AnonymousUser

        req = factory.get("/public/")
        req.user = AnonymousUser()
        return req

    def answer(build):
        return shared_response(
            request(), name="single-flight", model_list=[Country], build=build, max_age=300
        )

    old = answer(lambda: HttpResponse(b"old body"))
    generation_bump(Country)
    build = Builder(HttpResponse(b"new body"))
    fresh, meanwhile = _in_threads(lambda: answer(build), lambda: answer(build))
    assert build.calls == 1
    assert fresh.content == b"new body"
    assert fresh["Cache-Control"] == "public, max-age=300"
    # The earlier copy, with its own validators, and to be asked for again at once.
    assert meanwhile.content == b"old body"
    assert meanwhile["ETag"] == old["ETag"]
    assert meanwhile["Cache-Control"] == "public, max-age=0"
