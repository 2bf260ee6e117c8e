"""Every web route as every role, from the tables in tests/web/routes_<app>.py, and a check
that no route is missing from them."""

from __future__ import annotations

import pytest

from tests.web.matrix import cases, check, differences, table_modules, union, web_route_names

ROWS = union(table_modules())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "role", "expected"),
    cases(ROWS, differences(table_modules())),
    ids=lambda v: str(v) if not isinstance(v, int) else "",
)
def test_route_permissions(row, role, expected, role_clients, web_objects):
    check(role_clients[role], row, role, expected, web_objects)


def test_every_web_route_is_in_a_table():
    missing = web_route_names() - {row.name for row in ROWS}
    assert missing == set(), f"routes with no row in tests/web/routes_<app>.py: {sorted(missing)}"


def test_the_harness_finds_the_tables_and_the_routes():
    # The completeness check means something only if both sides are really read.
    assert len(table_modules()) >= 5
    assert "roadmaps:version-detail" in web_route_names()
    assert not any(name.startswith("admin:") for name in web_route_names())
