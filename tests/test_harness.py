"""The test harness itself: the tests' Redis is never the developer's, the test database built
from the models is the one the migrations build, and the reference data loaded once per test
database is there again after every test that commits."""

from __future__ import annotations

import uuid

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import migrations
from django.db.migrations.loader import MigrationLoader

from monitoring.models import SdgIndicator
from pilots.models import Country
from programme.models import Organisation
from roadmaps.models import Target
from tests.conftest import DEVELOPER_REDIS_URL, _redis_db, _with_redis_db, redis_db_for_tests
from tests.factories import OrganisationFactory


def test_cache_broker_and_results_are_not_the_developers_redis_database():
    developer = _redis_db(DEVELOPER_REDIS_URL)
    assert _redis_db(settings.CACHES["default"]["LOCATION"]) != developer
    assert _redis_db(settings.CELERY_BROKER_URL) != developer
    assert _redis_db(settings.CELERY_RESULT_BACKEND) != developer
    from config.celery import app

    assert _redis_db(app.conf.broker_url) == _redis_db(settings.CELERY_BROKER_URL)


def test_clearing_the_cache_leaves_the_developers_database_alone():
    if not DEVELOPER_REDIS_URL.startswith("redis"):
        pytest.skip("checked against a TCP Redis")
    developer = redis.Redis.from_url(DEVELOPER_REDIS_URL)
    key = f"sti-test-harness-{uuid.uuid4().hex}"
    developer.set(key, "queued work", ex=60)
    try:
        cache.set("anything", 1)
        cache.clear()
        assert developer.get(key) == b"queued work"
        assert cache.get("anything") is None
    finally:
        developer.delete(key)


@pytest.mark.django_db
def test_the_test_database_is_never_the_developers():
    # `make run` and `make test` at once: the tests migrate, flush and restore their own
    # database (pytest-django's `test_<name>`, `_gw<n>` per worker), never the one DATABASE_URL
    # names, which the development server and worker use.
    import os

    import environ
    from django.db import connection

    developer = os.environ.get("DATABASE_URL")
    if not developer:
        pytest.skip("DATABASE_URL is not set")
    developer_name = environ.Env.db_url_config(developer)["NAME"]
    name = connection.settings_dict["NAME"]
    assert name != developer_name
    assert name.startswith(f"test_{developer_name}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone()[0] == name


def test_each_test_process_has_a_database_of_its_own():
    assert redis_db_for_tests(0, None) == 1
    assert [redis_db_for_tests(0, f"gw{n}") for n in range(3)] == [2, 3, 4]
    assert redis_db_for_tests(15, None) == 0
    assert redis_db_for_tests(8, "gw1") == 11


def test_a_url_keeps_its_server_and_changes_its_database():
    assert _with_redis_db("redis://127.0.0.1:6379/8", 9) == "redis://127.0.0.1:6379/9"
    assert _with_redis_db("redis://h:6379", 2) == "redis://h:6379/2"
    assert _with_redis_db("rediss://h/0?ssl_cert_reqs=none", 3) == "rediss://h/3?ssl_cert_reqs=none"
    assert _with_redis_db("unix:///r/redis.sock?db=0", 1) == "unix:///r/redis.sock?db=1"
    assert (
        _with_redis_db("redis+socket:///r/redis.sock?virtual_host=0", 1)
        == "redis+socket:///r/redis.sock?virtual_host=1"
    )
    assert _redis_db("redis+socket:///r/redis.sock?virtual_host=4") == 4


# These two run in this order on one worker: the first commits rows and changes reference data,
# as a transactional test may; the second finds the kept state back. Both are transactional,
# since pytest-django runs the other database tests before the transactional ones, which would
# put the second first.
@pytest.mark.xdist_group("harness-flush")
@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_commits_what_it_writes():
    assert Country.objects.count() == 195
    Country.objects.filter(iso3="GHA").update(name="Renamed")
    SdgIndicator.objects.filter(target__code="9.5").delete()
    OrganisationFactory(name="Committed institute")
    assert Organisation.objects.filter(name="Committed institute").exists()


@pytest.mark.xdist_group("harness-flush")
@pytest.mark.django_db(transaction=True)
def test_the_next_test_finds_the_kept_state_back(reference_data):
    assert Country.objects.count() == 195
    assert Country.objects.get(iso3="GHA").name == "Ghana"
    assert Target.objects.count() == 169
    assert SdgIndicator.objects.filter(target__code="9.5").count() == 2
    assert not Organisation.objects.exists()
    assert Group.objects.exists()
    content_type = ContentType.objects.get_for_model(Country)
    assert ContentType.objects.get(pk=content_type.pk).model == "country"
    # New rows take ids no restored row has.
    assert Country.objects.order_by("-pk").first().pk < _next_id(Country)


@pytest.mark.django_db(transaction=True)
def test_the_kept_state_is_put_back_only_where_it_changed():
    from tests.conftest import committed_state_restore

    assert committed_state_restore() == []
    OrganisationFactory()
    Country.objects.filter(iso3="KEN").update(name="Renamed")
    changed = committed_state_restore()
    assert changed == sorted([Organisation._meta.db_table, Country._meta.db_table])
    assert Country.objects.get(iso3="KEN").name == "Kenya"
    assert not Organisation.objects.exists()


def _next_id(model) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [model._meta.db_table])
        return cursor.fetchone()[0]


# --- The test database is built from the models (tests/conftest.py, django_db_use_migrations) --


@pytest.mark.django_db
def test_the_migrations_build_exactly_the_models(settings, capsys):
    """No model change lacks its migration: the schema the suite tests on (made from the
    models) is the one `migrate` makes on a real site."""
    settings.MIGRATION_MODULES = {}
    call_command("makemigrations", "--check", "--dry-run", verbosity=1)
    assert "No changes detected" in capsys.readouterr().out


def _operations(operations):
    for operation in operations:
        yield operation
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            yield from _operations(operation.database_operations)


def test_no_migration_runs_sql_the_models_would_not_make(settings):
    """Raw SQL in a migration (a trigger, an extension, an index of its own) would be missing
    from the test database, which the models build: the suite would test another schema."""
    settings.MIGRATION_MODULES = {}
    ours = {c.label for c in apps.get_app_configs() if c.path.startswith(str(settings.BASE_DIR))}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    migrations_of_ours = [m for (app, _n), m in loader.disk_migrations.items() if app in ours]
    assert len(migrations_of_ours) > 50
    with_sql = [
        f"{m.app_label}.{m.name}"
        for m in migrations_of_ours
        if any(isinstance(op, migrations.RunSQL) for op in _operations(m.operations))
    ]
    assert with_sql == []
