"""The committed contents of the test database, kept and put back.

A transactional test, or a live server's world (tests/browser/conftest.py), commits rows that a
rollback cannot take back. Django empties every table after such a test (`flush`: a TRUNCATE of
some two hundred tables, then content types and permissions made again) and the suite then
copied its first state back: seconds per test. `DatabaseState.restore()` instead rewrites only
the tables that differ from the kept state: a table the state holds is compared with its copy
(PostgreSQL COPY, read only) and written back when it changed; any other table that has rows
is emptied. A test that wrote to four tables costs four small DELETEs and COPYs.

Sequences are left where they are (as Django's flush leaves them): every id a later row takes is
above every id the state puts back.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.db import connection, transaction


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _tables_with_rows(cursor, tables: list[str]) -> list[str]:
    """The tables holding at least one row, asked in one statement."""
    if not tables:
        return []
    probes = " UNION ALL ".join(
        f"SELECT {i} WHERE EXISTS (SELECT 1 FROM {connection.ops.quote_name(table)})"
        for i, table in enumerate(tables)
    )
    cursor.execute(probes)
    return [tables[row[0]] for row in cursor.fetchall()]


def _copy_out(cursor, table: str) -> bytes:
    buffer = io.BytesIO()
    cursor.copy_expert(f"COPY {connection.ops.quote_name(table)} TO STDOUT", buffer)
    return buffer.getvalue()


def _rows(data: bytes) -> list[bytes]:
    """COPY's lines (one per row, a newline inside a value is escaped), in an order of their
    own: a table's physical order moves when its rows are written back (PostgreSQL fills the
    space its vacuum freed first), so two copies of the same rows compare equal only sorted."""
    return sorted(data.split(b"\n"))


@dataclass(frozen=True)
class DatabaseState:
    """Every table that had rows, as COPY wrote it, and its rows sorted for comparing."""

    tables: dict[str, bytes]
    rows: dict[str, list[bytes]] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "rows", {t: _rows(data) for t, data in self.tables.items()})

    @classmethod
    def take(cls) -> DatabaseState:
        with connection.cursor() as cursor:
            return cls(
                {table: _copy_out(cursor, table) for table in _tables_with_rows(cursor, _tables())}
            )

    def changed_tables(self) -> list[str]:
        """The tables whose rows are not the kept ones."""
        with connection.cursor() as cursor:
            filled = _tables_with_rows(cursor, _tables())
            changed = [t for t in filled if t not in self.tables]
            changed += [
                table
                for table in self.tables
                if table not in filled or _rows(_copy_out(cursor, table)) != self.rows[table]
            ]
        return sorted(changed)

    def restore(self) -> list[str]:
        """Put the kept rows back where they changed; returns the tables rewritten. Foreign keys
        are checked at the commit (Django's are deferrable), when every table is whole again."""
        from django.contrib.contenttypes.models import ContentType

        changed = self.changed_tables()
        if not changed:
            return []
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in changed:
                cursor.execute(f"DELETE FROM {quote(table)}")
            for table in changed:
                if table in self.tables:
                    cursor.copy_expert(
                        f"COPY {quote(table)} FROM STDIN", io.BytesIO(self.tables[table])
                    )
        ContentType.objects.clear_cache()
        return changed
