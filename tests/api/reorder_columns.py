"""Rewrites API permission rows written in the table's former column order into the one the web
and API tables now share (tests/matrix.py `ROLES`, the secretariat by token right after the
secretariat), in place:

    .venv/bin/python -m tests.api.reorder_columns tests/api/test_permissions.py [more files]

The former order was anonymous, partner, focal_own, focal_other, reviewer, advisory,
secretariat, secretariat_token. Every tuple of eight integer literals in the files is taken for
a row and rewritten (run it on table files only, once: running it twice permutes again). Only
the tuples' text changes; comments and formatting around them stay.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

OLD_ORDER = (
    "anonymous", "partner", "focal_own", "focal_other",
    "reviewer", "advisory", "secretariat", "secretariat_token",
)  # fmt: skip
NEW_ORDER = (
    "anonymous", "secretariat", "secretariat_token", "reviewer",
    "focal_own", "focal_other", "advisory", "partner",
)  # fmt: skip
# new[i] = old[PERMUTATION[i]]: (0, 6, 7, 4, 2, 3, 5, 1).
PERMUTATION = tuple(OLD_ORDER.index(role) for role in NEW_ORDER)


def convert_row(old: tuple[int, ...]) -> tuple[int, ...]:
    """One row's statuses, from the former column order to the new one."""
    assert len(old) == len(OLD_ORDER), old
    return tuple(old[i] for i in PERMUTATION)


def _is_row(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Tuple)
        and len(node.elts) == len(OLD_ORDER)
        and all(isinstance(e, ast.Constant) and type(e.value) is int for e in node.elts)
    )


def convert_source(source: str) -> tuple[str, int]:
    """The source with every row tuple rewritten, and how many there were."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def at(lineno: int, col: int) -> int:
        # ast columns are UTF-8 byte offsets; the tables are ASCII where the tuples are.
        return offsets[lineno - 1] + col

    rows = sorted((n for n in ast.walk(tree) if _is_row(n)), key=lambda n: (n.lineno, n.col_offset))
    out = source
    # From the end, so earlier offsets stay valid.
    for node in reversed(rows):
        start = at(node.lineno, node.col_offset)
        end = at(node.end_lineno, node.end_col_offset)
        values = convert_row(tuple(e.value for e in node.elts))
        text = out[start:end]
        parenthesised = text.startswith("(")
        body = ", ".join(str(v) for v in values)
        out = out[:start] + (f"({body})" if parenthesised else body) + out[end:]
    return out, len(rows)


def main(paths: list[str]) -> None:
    for path in map(Path, paths):
        converted, count = convert_source(path.read_text())
        path.write_text(converted)
        print(f"{path}: {count} rows rewritten")


if __name__ == "__main__":
    main(sys.argv[1:])
