"""Every cached API read is keyed by every model it reads: a list answered from the cache
until one of its `cache_models` is written would otherwise go on showing a row after a write
to a model it reads but does not name.

Each list is read by every role over the shared objects (rows of every kind on both sides of
every scope line), with the cache emptied first; the tables the read itself queries (after the
caller is known: their roles and countries are in the key) must all belong to its
`cache_models`, and so must every model its filters cross."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models import ForeignObjectRel
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from base.api.base import CachedReadsMixin
from config.api import ROUTERS

pytestmark = pytest.mark.django_db

CACHED = [
    (basename, viewset)
    for router in ROUTERS
    for _prefix, viewset, basename in router.registry
    if issubclass(viewset, CachedReadsMixin)
]


def _tables() -> dict[str, type]:
    tables = {m._meta.db_table: m for m in apps.get_models()}
    for model in apps.get_models():
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            tables[through._meta.db_table] = through
    return tables


def _cache_models(viewset) -> set[type]:
    models = set(viewset().cache_models)
    # A many-to-many relation is written through its own table, and a write there bumps both
    # ends (base.cache._on_m2m): naming either end covers it.
    for model in apps.get_models():
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created and (model in models or field.related_model in models):
                models.add(through)
    return models


def _filter_models(viewset) -> set[type]:
    """The models whose columns the viewset's filters, search and ordering read: every
    relation a field path crosses to reach a column beyond it (one it ends on is compared by
    its id alone)."""
    filterset = getattr(viewset, "filterset_class", None)
    serializer_meta = getattr(viewset.serializer_class, "Meta", None)
    start = filterset._meta.model if filterset else getattr(serializer_meta, "model", None)
    if start is None:
        return set()
    paths = [flt.field_name or "" for flt in (filterset.base_filters.values() if filterset else ())]
    paths += [p.lstrip("^=@$") for p in (*viewset.search_fields, *(viewset.ordering_fields or ()))]
    crossed = set()
    for path in paths:
        model = start
        for part in path.split("__"):
            if model is not start:
                crossed.add(model)
            try:
                field = model._meta.get_field(part)
            except Exception:
                break
            if field.many_to_many and not isinstance(field, ForeignObjectRel):
                crossed.add(field.remote_field.through)
            if not field.is_relation or field.related_model is None:
                break
            model = field.related_model
    return crossed


def test_every_cached_resource_names_its_models():
    assert len(CACHED) > 40
    assert [b for b, v in CACHED if not v().cache_models] == []


@pytest.mark.parametrize(("basename", "viewset"), CACHED, ids=[b for b, _v in CACHED])
def test_a_cached_list_is_keyed_by_every_model_it_reads(
    basename, viewset, api_clients, api_objects, monkeypatch
):
    tables = _tables()
    keyed = _cache_models(viewset)
    read: set[type] = set()
    fresh_read = CachedReadsMixin.fresh_read

    def watched(self, *args, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            result = fresh_read(self, *args, **kwargs)
        for query in queries.captured_queries:
            for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"]):
                if table in tables:
                    read.add(tables[table])
        return result

    monkeypatch.setattr(CachedReadsMixin, "fresh_read", watched)
    url = reverse(f"api:{basename}-list")
    for role, client in api_clients.items():
        cache.clear()
        assert client.get(url).status_code in (200, 401), role
    assert read, "the list was never read"
    missing = {m.__name__ for m in read - keyed}
    missing |= {m.__name__ for m in _filter_models(viewset) - keyed}
    assert missing == set()
