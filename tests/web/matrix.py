"""A reusable permission table for web pages: (role x route x own/other object) -> status.

Each app keeps its table in `tests/web/routes_<app>.py` as `TABLE`, a dict of `Row` ->
expected status per role (in `ROLES` order), and may name extra objects it needs in
`OBJECTS` (key -> function taking the shared objects and returning a model instance).
A table's statuses are what the rules say; where the app is known to answer otherwise, the
module's `DIFFERS` maps (row, role) -> what it answers and why, and that case is a strict
expected failure until the app is put right.
`tests/web/test_routes.py` runs every row as every role (one test a row), and fails for any
URL pattern outside the admin, the API and static files that no table lists, so a new page
cannot slip in untested.

Statuses: 302 = sent to sign in (or an action's redirect back); 403 = the page is not for
this role; 404 = the object is outside the user's scope (never 403: nothing leaks); 405 = the
route takes another method.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# The columns of every table: the roles of tests/matrix.py, in their order. `reviewer` has a
# real assignment (on `submitted_own`).
from tests.matrix import ROLES

# URL prefixes outside the web pages' tables: the admin (its own permissions), the API (its
# own matrix in tests/api/test_permissions.py), files, and the development-only previews of
# the error pages.
EXCLUDED_PREFIXES = ("admin/", "api/", "static/", "media/", "_errors/")


@dataclass(frozen=True)
class Pk:
    """A form value that is the pk of an object of the fixture (`Pk("participant")`)."""

    key: str


@dataclass(frozen=True)
class Row:
    """One route with its URL arguments: `obj` and `args` are keys of the objects fixture (their
    pks fill the URL) or plain values; `absent` lists, per role, objects a list page must not
    show (checked in the page's context variable `listed_in`, `object_list` unless named);
    `data` values may be `Pk(key)`, filled with that object's pk."""

    name: str
    obj: str | None = None
    args: tuple[Any, ...] = ()
    method: str = "get"
    data: tuple[tuple[str, str], ...] = ()
    absent: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    listed_in: str = "object_list"

    def url(self, objects: Mapping[str, Any]) -> str:
        values = [self.obj, *self.args] if self.obj else list(self.args)
        return reverse(
            self.name,
            args=[objects[v].pk if isinstance(v, str) and v in objects else v for v in values],
        )

    def form(self, objects: Mapping[str, Any]) -> dict[str, Any]:
        return {k: objects[v.key].pk if isinstance(v, Pk) else v for k, v in self.data}

    def __str__(self) -> str:
        suffix = f"[{self.obj}{',' if self.args else ''}{','.join(map(str, self.args))}]"
        listed = f" {self.listed_in}" if self.listed_in != "object_list" else ""
        return f"{self.method.upper()} {self.name}{suffix if self.obj or self.args else ''}{listed}"


Table = Mapping[Row, Iterable[int]]


def table_modules() -> list[Any]:
    """Every `tests/web/routes_<app>.py` module."""
    import tests.web as package

    return [
        importlib.import_module(f"tests.web.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if info.name.startswith("routes_")
    ]


def union(modules: Iterable[Any]) -> dict[Row, tuple[int, ...]]:
    """All tables in one; a route listed twice with different answers is a mistake."""
    rows: dict[Row, tuple[int, ...]] = {}
    for module in modules:
        for row, statuses in module.TABLE.items():
            statuses = tuple(statuses)
            assert len(statuses) == len(ROLES), f"{row}: one status per role in {ROLES}"
            assert rows.get(row, statuses) == statuses, f"{row} listed twice, differently"
            rows[row] = statuses
    return rows


def extra_objects(modules: Iterable[Any]) -> dict[str, Callable[[dict], Any]]:
    makers: dict[str, Callable[[dict], Any]] = {}
    for module in modules:
        makers.update(getattr(module, "OBJECTS", {}))
    return makers


def differences(modules: Iterable[Any]) -> dict[tuple[Row, str], str]:
    """Every table's `DIFFERS`: (row, role) -> how the app answers otherwise, and why."""
    found: dict[tuple[Row, str], str] = {}
    for module in modules:
        found.update(getattr(module, "DIFFERS", {}))
    return found


def row_cases(
    rows: Mapping[Row, tuple[int, ...]], differs: Mapping[tuple[Row, str], str] | None = None
):
    """One case per row, asking it as every role in turn (`check_row`): the per-test setup
    (transaction, cache, settings) was as long as the request itself, seven times a row. A
    row's known differences travel with it."""
    import pytest

    differs = differs or {}
    assert set(differs) <= {(row, role) for row in rows for role in ROLES}, "DIFFERS: no row"
    return [
        pytest.param(
            row,
            statuses,
            {role: why for (r, role), why in differs.items() if r == row},
            id=str(row),
        )
        for row, statuses in rows.items()
    ]


def check_row(world, row: Row, statuses: Iterable[int], differs: Mapping[str, str]) -> None:
    """Ask `row` as every role, each on a fresh client, in a savepoint rolled back after it
    (a POST changes nothing the next role sees), with an empty cache and the site's language,
    as if each were a test of its own. A role in `differs` must still answer otherwise (a strict
    expected failure: once the app is put right, its entry must go). Every role is asked; the
    failure lists them all."""
    from django.core.cache import cache
    from django.db import transaction
    from django.utils import translation

    wrong: list[str] = []
    for role, expected in zip(ROLES, statuses, strict=True):
        cache.clear()
        translation.activate("en")
        try:
            with transaction.atomic():
                try:
                    check(world.client(role), row, role, expected, world.objects)
                finally:
                    transaction.set_rollback(True)
        except AssertionError as error:
            if role not in differs:
                wrong.append(str(error))
        else:
            if role in differs:
                wrong.append(f"{row} as {role}: answers as the table says now; remove its "
                             f"DIFFERS entry ({differs[role]})")  # fmt: skip
    translation.activate("en")
    assert not wrong, "\n".join(wrong)


def check(client, row: Row, role: str, expected: int, objects: Mapping[str, Any]) -> None:
    """Call the route as `role` and compare the status; on a list page, check the rows
    `absent` names for this role are not in it."""
    response = getattr(client, row.method)(row.url(objects), row.form(objects))
    assert response.status_code == expected, f"{row} as {role}: {response.status_code}"
    hidden = [objects[key] for who, key in row.absent if who == role]
    if hidden:
        listed = list(response.context[row.listed_in])
        for obj in hidden:
            assert obj not in listed, f"{row} as {role} lists {obj!r}"


def web_route_names(resolver=None, prefix: str = "", namespace: str | None = None) -> set[str]:
    """The names of every URL pattern outside the excluded prefixes ("ns:name", or the bare
    path for unnamed ones), from the URL resolver itself."""
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        path = prefix + str(pattern.pattern)
        if path.startswith(EXCLUDED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            names |= web_route_names(pattern, path, ns)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
            else:
                names.add(path)
    return names
