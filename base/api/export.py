"""Streamed bulk export of a whole (filtered, scoped) resource as CSV or JSON.

Rows are read with `.iterator()` in chunks (prefetches run per chunk) and written as they are
serialised, so memory stays flat however many rows a partner pulls.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from rest_framework.utils.encoders import JSONEncoder

from base.spreadsheets import spreadsheet_cell

EXPORT_FORMATS = ("csv", "json")
CHUNK_SIZE = 500


class _Echo:
    """A file-like object whose write() hands back the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def _cell(value):
    # Nested objects and lists go into one CSV cell as JSON, so nothing is lost.
    if isinstance(value, dict | list):
        value = json.dumps(value, cls=JSONEncoder, ensure_ascii=False)
    return "" if value is None else spreadsheet_cell(value)


def csv_rows(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    """A header line, then one CSV line per row (would-be formulas kept as text)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_cell(row.get(column)) for column in columns])


def json_rows(rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array written one element at a time."""
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, cls=JSONEncoder, ensure_ascii=False)
    yield "\n]\n"
