"""One JSON shape for every API error:

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"name": ["..."]}}}

`fields` is present on every 400 (a body that does not parse: under `non_field_errors`).
Django's ValidationError (from a model's full_clean() in a service) is a 400 with field errors;
a DomainError (a refused workflow move) is its `http_status` (409 by default) with its `code`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from base.errors import DomainError

INVALID_MESSAGE = "Some fields are not valid; see `fields`."


def _first_code(codes) -> str:
    while isinstance(codes, dict | list):
        if not codes:
            return "error"
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return str(codes)


def error_body(status_code: int, code: str, message: str, fields=None) -> dict:
    """The error envelope (also used by views that answer errors themselves)."""
    body = {"status": status_code, "code": code, "message": message}
    if fields is not None:
        body["fields"] = fields
    return {"error": body}


def api_exception_handler(exc, context):
    """DRF's handler, then the envelope; None (a 500) for anything unexpected."""
    if isinstance(exc, DomainError):
        return Response(error_body(exc.http_status, exc.code, exc.message), status=exc.http_status)
    if isinstance(exc, RequestDataTooBig):
        # Django's own answer would be its HTML 400 page.
        exc = exceptions.ParseError(
            gettext("The request body is larger than %(n)d bytes.")
            % {"n": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
            code="too_large",
        )
    if isinstance(exc, DjangoValidationError):
        detail = as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        exc = exceptions.ValidationError(detail)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = response.data
        if isinstance(fields, list):
            fields = {api_settings.NON_FIELD_ERRORS_KEY: fields}
        response.data = error_body(
            status.HTTP_400_BAD_REQUEST, "invalid", INVALID_MESSAGE, fields=fields
        )
        return response
    detail = getattr(exc, "detail", None)
    message = str(detail) if detail is not None else response.status_text
    code = _first_code(exc.get_codes()) if isinstance(exc, exceptions.APIException) else "error"
    if response.status_code == status.HTTP_404_NOT_FOUND:
        code, message = "not_found", "Not found."
    fields = None
    if response.status_code == status.HTTP_400_BAD_REQUEST:
        # Every 400 says what to fix under `fields`, a body that does not parse included.
        fields = {api_settings.NON_FIELD_ERRORS_KEY: [message]}
    response.data = error_body(response.status_code, code, message, fields=fields)
    return response
