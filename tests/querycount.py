"""Counting the queries one call runs, for query-budget tests.

A wrapper on the connection sees every query; the connection's own log (what
CaptureQueriesContext reads) stops growing at 9,000 entries, after which it would count 0 for
every call and an "equal counts" assertion could no longer fail."""

from __future__ import annotations

from django.db import connection


def counted(call):
    """(number of queries `call()` ran, what it returned)."""
    seen: list[str] = []

    def wrapper(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        result = call()
    return len(seen), result
