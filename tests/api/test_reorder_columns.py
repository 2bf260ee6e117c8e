"""The converter for API permission rows written in the table's former column order."""

from __future__ import annotations

from tests.api.reorder_columns import NEW_ORDER, OLD_ORDER, convert_row, convert_source
from tests.matrix import API_COLUMNS


def test_the_new_order_is_the_tables_order():
    names = tuple(f"{role}_token" if token and role == "secretariat" else role
                  for role, token in API_COLUMNS)  # fmt: skip
    assert names == NEW_ORDER
    assert sorted(OLD_ORDER) == sorted(NEW_ORDER)


def test_a_row_keeps_each_roles_answer():
    # Each role's status is a different number, so any misplaced column shows.
    old = (1, 2, 3, 4, 5, 6, 7, 8)
    by_role = dict(zip(OLD_ORDER, old, strict=True))
    assert convert_row(old) == tuple(by_role[role] for role in NEW_ORDER)
    assert convert_row((401, 403, 201, 400, 403, 403, 201, 201)) == (
        401, 201, 201, 403, 201, 400, 403, 403,
    )  # fmt: skip


def test_rows_are_rewritten_in_place_and_nothing_else():
    source = (
        "CREATE = (401, 403, 403, 403, 403, 403, 201, 201)  # the secretariat creates\n"
        "MATRIX = {\n"
        '    ("api:x", "POST", "new_x"): (\n'
        "        (401, 404, 200, 404, 404, 404, 200, 200)\n"
        "    ),\n"
        "    'seven': (1, 2, 3, 4, 5, 6, 7),\n"
        "}\n"
    )
    converted, count = convert_source(source)
    assert count == 2
    assert converted == (
        "CREATE = (401, 201, 201, 403, 403, 403, 403, 403)  # the secretariat creates\n"
        "MATRIX = {\n"
        '    ("api:x", "POST", "new_x"): (\n'
        "        (401, 200, 200, 404, 200, 404, 404, 404)\n"
        "    ),\n"
        "    'seven': (1, 2, 3, 4, 5, 6, 7),\n"
        "}\n"
    )
