"""Cells that are safe to open in a spreadsheet: the one rule every CSV and XLSX export uses.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` (and,
after a tab or carriage return, the same) as a formula, so a title such as
`=HYPERLINK("https://evil.example", "x")` or a phone number such as `+1-555-0103` would turn
into a formula on the reader's machine. Following OWASP's CSV-injection advice such a text gets
a leading `'`, which spreadsheets read as "this is text". Real numbers stay numbers: values of
a numeric type, and texts that are just a number (`-3`, `2.50`, as the API writes decimals),
which no spreadsheet runs as anything but a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(value: Any) -> Any:
    """`value` as a spreadsheet should hold it: a would-be formula becomes text."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return f"'{value}"
    return value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    """Each value of a row through `spreadsheet_cell`."""
    return [spreadsheet_cell(value) for value in values]
