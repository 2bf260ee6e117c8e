"""A schema of its own for a migration test: empty, migrated forward only as far as the test
needs, and gone with the test's transaction."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.fixture
def empty_schema(settings):
    """An empty PostgreSQL schema, alone on the search path until the test's transaction is
    rolled back (which drops it and puts the search path back).

    A migration test starts here instead of migrating the test database back: going back to an
    early node unapplies every later migration that depends on it (sixty of them), and Django
    renders every model's state before each one; here only the node's own dependencies are
    applied (a score of small migrations), forward. The migrations recorded as applied are
    the schema's own (its own `django_migrations` table), and Django reads tables, sequences
    and constraints through the search path. Foreign keys are checked as each row is written,
    not at commit: a table with checks still pending in the transaction cannot be altered."""
    from django.contrib.contenttypes.models import ContentType

    assert connection.in_atomic_block, "the test must run in a transaction that is rolled back"
    # The test database is built from the models, with migrations switched off (tests/conftest.py,
    # `django_db_use_migrations`); a migration test reads the project's migrations again.
    settings.MIGRATION_MODULES = {}
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA migration_test")
        cursor.execute("SET LOCAL search_path TO migration_test")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # Content types have other ids in this schema, and again once it is gone.
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()
