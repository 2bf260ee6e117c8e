"""Every web route as every role, from the tables in tests/web/routes_<app>.py, and a check
that no route is missing from them."""

from __future__ import annotations

import pytest

from tests.web.matrix import (
    ROLES,
    check_row,
    differences,
    row_cases,
    table_modules,
    union,
    web_route_names,
)

ROWS = union(table_modules())
# One test a row, asked as every role (tests/web/matrix.py `check_row`).
CASES = row_cases(ROWS, differences(table_modules()))

# Queries the shared objects may take to build (tests/web/conftest.py, with every table's
# `OBJECTS`). Each (route, role) case used to build them afresh; they are built once per module
# now, but a world that quietly grows still slows every module that uses it. Raise this
# knowingly, with the objects a new table needs. 650 measured before the monitoring table
# (frameworks, periods and updates made through their services, about 400) and the action
# item's page. 1250 measured once the country's own record (task team people, published and
# consented versions, target links), meeting invitations and registration links, participants
# listed by their consent, advisory seats and notification mutes joined the tables; about 5%
# headroom above that.
WEB_WORLD_QUERY_BUDGET = 1310


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "statuses", "differs"), CASES)
def test_route_permissions(row, statuses, differs, web):
    check_row(web, row, statuses, differs)


def test_every_route_and_role_has_a_case():
    # What the table asks: every row as every role, once (printed with -s for the record).
    pairs = {
        (row, role)
        for row, statuses, _differs in (case.values for case in CASES)
        for role, _status in zip(ROLES, statuses, strict=True)
    }
    print(f"web permission table: {len(ROWS)} rows, {len(pairs)} (route, role) cases")
    assert len(CASES) == len(ROWS)
    assert len(pairs) == len(ROWS) * len(ROLES)


@pytest.mark.django_db
def test_the_shared_objects_stay_within_their_query_budget(web):
    assert 0 < web.queries <= WEB_WORLD_QUERY_BUDGET, (
        f"building the web tables' objects took {web.queries} queries "
        f"(budget {WEB_WORLD_QUERY_BUDGET}): make them with fewer, or raise the budget knowingly"
    )


def test_every_web_route_is_in_a_table():
    missing = web_route_names() - {row.name for row in ROWS}
    assert missing == set(), f"routes with no row in tests/web/routes_<app>.py: {sorted(missing)}"


def test_the_harness_finds_the_tables_and_the_routes():
    # The completeness check means something only if both sides are really read.
    assert len(table_modules()) >= 5
    assert "roadmaps:version-detail" in web_route_names()
    assert not any(name.startswith("admin:") for name in web_route_names())
