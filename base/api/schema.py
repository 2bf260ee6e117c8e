"""OpenAPI additions: the one error shape, documented on every operation; times of day as
the API writes them."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension


class LocalTimeFieldSchema(OpenApiSerializerFieldExtension):
    """Times of day (a session's start and end) are local to the meeting and carry no offset
    (`09:30:00`); the `time` format means an RFC 3339 time with an offset, so it would describe
    values the API never sends. A pattern says what it does send and accepts."""

    target_class = "rest_framework.fields.TimeField"

    def map_serializer_field(self, auto_schema, direction):
        return {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
            "example": "09:30:00",
        }


ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error the API returns has this shape.",
    "properties": {
        "error": {
            "type": "object",
            "description": "What went wrong.",
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status, repeated."},
                "code": {
                    "type": "string",
                    "description": (
                        "A stable machine-readable reason: invalid, not_authenticated, "
                        "invalid_token, token_revoked, token_expired, permission_denied, "
                        "not_found, method_not_allowed, conflict, throttled, ..."
                    ),
                },
                "message": {"type": "string", "description": "A sentence for people."},
                "fields": {
                    "type": "object",
                    "description": (
                        "For 400s: each invalid field (or `non_field_errors`) with its messages."
                    ),
                    "additionalProperties": {},
                },
            },
            "required": ["status", "code", "message"],
        }
    },
    "required": ["error"],
}

ERRORS = {
    "400": "Invalid parameters or fields (see `fields`).",
    "401": "No token, or a token that is unknown, revoked or expired.",
    "403": "Your role may read this resource but not change it.",
    "404": "No such object, or it is outside what you may see.",
    "405": "This resource does not accept that method.",
    "429": "Rate limit reached; retry after the number of seconds in `Retry-After`.",
}
WRITE_ERRORS = {"409": "The change conflicts with the object's current state."}


def add_error_responses(result, generator, request, public):
    """Postprocessing hook: the Error component and its responses on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            errors = dict(ERRORS)
            if method in ("post", "put", "patch", "delete"):
                errors.update(WRITE_ERRORS)
            responses = operation.setdefault("responses", {})
            for status_code, description in errors.items():
                responses.setdefault(status_code, {"description": description, "content": ref})
    return result
