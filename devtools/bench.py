"""Pieces of the benchmark server (devtools/settings_bench.py); never in the production settings."""

from __future__ import annotations

import time

from django.db import connection
from django.http import JsonResponse

from base.cache import generation_bump_all

FLOOR_BODY = {"status": "ok", "purpose": "benchmark floor: no database, fixed JSON"}


def floor(request):
    """The cheapest answer the stack can give: what every page is compared with."""
    return JsonResponse(FLOOR_BODY)


class QueryCountMiddleware:
    """On `X-Bench-Count: 1`, answer with the request's query count, SQL time, wall time and
    the worker's CPU time in `X-Bench-Queries`, `X-Bench-Sql-Ms`, `X-Bench-Wall-Ms` and
    `X-Bench-Cpu-Ms` (CPU time barely moves when other processes share the machine; a
    streamed answer reports what ran before its first byte). `X-Bench-Cold: 1` invalidates
    every cached read first, to measure a page as it is computed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.headers.get("X-Bench-Count") != "1":
            return self.get_response(request)
        if request.headers.get("X-Bench-Cold") == "1":
            # Measure the read itself: every cached copy is invalidated first.
            generation_bump_all()
        stats = {"queries": 0, "sql": 0.0}

        def count(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                stats["queries"] += 1
                stats["sql"] += time.perf_counter() - started

        started, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        response["X-Bench-Queries"] = str(stats["queries"])
        response["X-Bench-Sql-Ms"] = f"{stats['sql'] * 1000:.1f}"
        response["X-Bench-Wall-Ms"] = f"{(time.perf_counter() - started) * 1000:.1f}"
        response["X-Bench-Cpu-Ms"] = f"{(time.process_time() - cpu) * 1000:.1f}"
        return response
