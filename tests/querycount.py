"""Counting the queries a block runs, for query-budget tests.

A wrapper on the connection sees every query this thread runs on it. Django's
CaptureQueriesContext (and pytest-django's `django_assert_num_queries`, built on it) reads the
connection's own log instead, which keeps the last 9,000 entries and is emptied only when a
request starts outside a capture: once earlier captures in the same process have filled it, a
capture counts 0 (or too few) for every block, and an "equal counts" assertion can no longer
fail. Every count in the suite goes through here (tests/conftest.py overrides pytest-django's
two fixtures with it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


class Queries:
    """The SQL of each query run inside a `queries_counted()` block, in order."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __len__(self) -> int:
        return len(self.sql)

    @property
    def captured_queries(self) -> list[dict[str, str]]:
        """As CaptureQueriesContext names them."""
        return [{"sql": sql} for sql in self.sql]


@contextmanager
def queries_counted(using: str = DEFAULT_DB_ALIAS) -> Iterator[Queries]:
    """`with queries_counted() as queries:` ... `len(queries)`: the queries the block ran on
    this thread's connection (a live server's thread has its own, counted by nobody here)."""
    queries = Queries()

    def wrapper(execute, sql, params, many, context):
        queries.sql.append(sql)
        return execute(sql, params, many, context)

    with connections[using].execute_wrapper(wrapper):
        yield queries


def counted(call):
    """(number of queries `call()` ran, what it returned)."""
    with queries_counted() as queries:
        result = call()
    return len(queries), result
