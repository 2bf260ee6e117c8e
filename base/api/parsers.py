"""The API's JSON parser: a body nested too deep is a 400, never a 500."""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.translation import gettext
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# No resource takes anything near this deep: a serializer's nested fields go two or three
# levels down. Deeper input is refused before any serializer walks it.
MAX_JSON_DEPTH = 32


def json_depth(value) -> int:
    """How deeply lists and objects nest in `value` (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):
    """JSON bodies nested at most MAX_JSON_DEPTH levels.

    The standard parser reads any size and lets the decoder's RecursionError escape (a 500,
    with an HTML page) for a body such as ten thousand `[`: any token holder could send one.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        # The size is bounded before this: DRF reads the body through request.body, which
        # refuses more than DATA_UPLOAD_MAX_MEMORY_SIZE (a 400 from the exception handler).
        raw = stream.read() if stream is not None else b""
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_refuse_constant)
        except RecursionError as exc:
            raise ParseError(_too_deep()) from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(gettext("JSON parse error - %(detail)s") % {"detail": exc}) from exc
        if json_depth(data) > MAX_JSON_DEPTH:
            raise ParseError(_too_deep())
        return data


def _too_deep() -> str:
    return gettext("The JSON body nests more than %(n)d levels deep.") % {"n": MAX_JSON_DEPTH}


def _refuse_constant(name: str):
    # NaN and Infinity are not JSON; the standard parser refuses them too (strict mode).
    raise ValueError(f"{name} is not valid JSON")
