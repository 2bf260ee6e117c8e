"""The API's shared base: every resource is a serializer, a ScopedViewSet subclass, the app's
FilterSet and a row in the permission matrix (tests/api/test_permissions.py).

- ScopedViewSet reads rows through the app's selector (`<noun>_list(user=...)`, built on
  `visible_to`), so anything outside a caller's scope is a 404; it filters with the same
  FilterSet as the UI list, and offers search, ordering and a streamed `export`.
- DocumentedModelSerializer takes field descriptions from `Meta.help_texts` (like a ModelForm),
  so the OpenAPI schema describes every field.
- ValidatedModelSerializer writes through the app's services (`create_service`,
  `update_service`), which run the model's full_clean(); the API never saves a model itself.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from itertools import islice
from typing import Any, ClassVar

from django.db import models
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import filters, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from base.api import schema as _schema  # noqa: F401 (registers the schema extensions)
from base.api.export import CHUNK_SIZE, EXPORT_FORMATS, csv_rows, json_rows
from base.cache import ReadKey, read_key, read_through
from base.httpcache import GZIP_MIN_BYTES, accepts_gzip

# --- Serializers ---------------------------------------------------------------------------


class OptionalURLField(serializers.URLField):
    """A link that may be missing: stored as "", sent as null. An empty string is not a URI, so
    the schema's `format: uri` (with `nullable`) would otherwise describe a value the API sends
    and a generated client then refuses."""

    def __init__(self, **kwargs):
        kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        if data is None:
            return ""
        return super().run_validation(data)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


class DocumentedModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose `Meta.help_texts` describe its fields in the schema."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.URLField) and model_field.blank:
            field_class = OptionalURLField
        return field_class, kwargs

    def get_fields(self):
        fields = super().get_fields()
        for name, text in getattr(self.Meta, "help_texts", {}).items():
            if name in fields:
                fields[name].help_text = text
        return fields


class DocumentedSerializer(serializers.Serializer):
    """A plain serializer whose `Meta.help_texts` describe its fields in the schema."""

    def get_fields(self):
        fields = super().get_fields()
        for name, text in getattr(getattr(self, "Meta", None), "help_texts", {}).items():
            if name in fields:
                fields[name].help_text = text
        return fields


class ValidatedModelSerializer(DocumentedModelSerializer):
    """Writes go through services: `create_service(actor=, **fields)` and
    `update_service(actor=, <model_name>=instance, **fields)`. Validation is the model's own
    (full_clean in the service); its errors become 400s with field errors."""

    create_service: ClassVar[Callable[..., Any] | None] = None
    update_service: ClassVar[Callable[..., Any] | None] = None

    def _actor(self):
        return self.context["request"].user

    def create(self, validated_data):
        service = type(self).create_service
        if service is None:
            raise NotImplementedError(f"{type(self).__name__} has no create_service.")
        return service(actor=self._actor(), **validated_data)

    def update(self, instance, validated_data):
        service = type(self).update_service
        if service is None:
            raise NotImplementedError(f"{type(self).__name__} has no update_service.")
        return service(
            actor=self._actor(), **{instance._meta.model_name: instance}, **validated_data
        )


# --- Viewsets ------------------------------------------------------------------------------


EXPORT_SCHEMA = extend_schema(
    summary="Export every matching row",
    description=(
        "The whole resource (after scoping, filters, search and ordering) in one streamed "
        "file, without pagination: `format=csv` (nested values as JSON in their cell) or "
        "`format=json` (an array of the same objects the list returns)."
    ),
    parameters=[
        OpenApiParameter(
            "format",
            str,
            enum=list(EXPORT_FORMATS),
            default="json",
            description="File format of the export.",
        )
    ],
    responses={
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV with a header."),
        (200, "application/json"): OpenApiResponse(
            OpenApiTypes.ANY, description="A JSON array of objects."
        ),
    },
)


# Plurals English does not make with "s".
IRREGULAR_PLURALS = {"criterion": "criteria"}


def export_name(basename: str) -> str:
    """The file name of a resource's export: its basename in the plural ("countries.csv")."""
    head, _sep, last = basename.rpartition("-")
    if last in IRREGULAR_PLURALS:
        last = IRREGULAR_PLURALS[last]
    elif last.endswith("y") and last[-2:-1] not in set("aeiou"):
        last = f"{last[:-1]}ies"
    else:
        last = f"{last}s"
    return f"{head}-{last}" if head else last


class ScopedViewSet(viewsets.GenericViewSet):
    """Base of every API viewset: scoped rows, the app's FilterSet, search, ordering, export.

    Subclasses set `selector` (the app's `<noun>_list`), `serializer_class`, `filterset_class`
    and optionally `search_fields`, `ordering_fields`, `prefetch` (relations the serializer
    reads, so list queries do not grow with rows) and `write_rule`.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Answers differ by caller: caches must key on the token as they do on the session.
        patch_vary_headers(response, ["Authorization"])
        return response

    selector: ClassVar[Callable[..., Any] | None] = None
    prefetch: ClassVar[tuple[str, ...]] = ()
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    search_fields: ClassVar[tuple[str, ...]] = ()
    ordering_fields: ClassVar[tuple[str, ...]] = ()

    def get_queryset(self):
        queryset = type(self).selector(user=self.request.user)
        if self.prefetch:
            queryset = queryset.prefetch_related(*self.prefetch)
        return queryset

    # Who may try to write here: the app's rule, `<noun>_can_<verb>(user)` from its rules module
    # (the base imports no app, so each viewset names its own). None: nobody, the resource is
    # read-only. The service still decides for each object and raises the same rule's refusal.
    write_rule: ClassVar[Callable[..., bool] | None] = None

    def can_write(self, user) -> bool:
        """May `user` try to create or change rows here? The viewset's `write_rule` says."""
        rule = type(self).write_rule
        return bool(rule is not None and user.is_authenticated and rule(user))

    @EXPORT_SCHEMA
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request, *args, **kwargs):
        fmt = request.query_params.get("format", "json")
        if fmt not in EXPORT_FORMATS:
            raise ValidationError(
                {
                    "format": [
                        gettext("Choose one of: %(formats)s.")
                        % {"formats": ", ".join(EXPORT_FORMATS)}
                    ]
                }
            )
        queryset = self.filter_queryset(self.get_queryset())
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        rows = self.export_rows(queryset)
        name = export_name(self.basename)
        if fmt == "csv":
            columns = [
                field_name
                for field_name, field in serializer_class(context=context).fields.items()
                if not field.write_only
            ]
            response = StreamingHttpResponse(
                csv_rows(columns, rows), content_type="text/csv; charset=utf-8"
            )
        else:
            response = StreamingHttpResponse(json_rows(rows), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response

    def export_rows(self, queryset):
        """The export's rows, one dict each, read from a server-side cursor in chunks and
        serialized a chunk at a time by one list serializer: a serializer built per row costs
        about twenty times as much (its fields are made afresh each time), which at programme
        scale turned a 1,800-row export into ten seconds. A viewset with a faster reader for
        its rows overrides this."""
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        rows = queryset.iterator(chunk_size=CHUNK_SIZE)
        while chunk := list(islice(rows, CHUNK_SIZE)):
            yield from serializer_class(chunk, many=True, context=context).data


class CachedReadsMixin:
    """Lists and single rows answered from the cache until one of the viewset's
    `cache_models` (every model its rows, scoping, filters and serializer read) is written
    (base.cache), per caller scope, language, URL and day; each answer carries an ETag, and a
    request whose `If-None-Match` still matches gets a 304 without the rows being read at all.
    A viewset without `cache_models` reads afresh each time. Put it before the list and
    retrieve mixins."""

    cache_models: ClassVar[tuple[type, ...]] = ()

    def list(self, request, *args, **kwargs):
        return self._cached_read(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._cached_read(request, super().retrieve, *args, **kwargs)

    def _cached_read(self, request, read, *args, **kwargs):
        if not self.cache_models:
            return read(request, *args, **kwargs)
        key = api_read_key(request, f"api:{self.basename}:{self.action}", self.cache_models)
        etag = f'"{key.rsplit(":", 1)[1]}"'
        gzip_etag = f'{etag[:-1]}-gzip"'
        if _if_none_match(request) & {etag, gzip_etag}:
            return _with_validators(HttpResponse(status=304), etag)
        kept = read_through(
            key,
            lambda: _kept_answer(self.fresh_read(request, read, *args, **kwargs)),
            keep=lambda c: isinstance(c, dict),
        )
        if not isinstance(kept, dict):
            return kept
        if "gzip" not in kept:
            return _with_validators(
                HttpResponse(kept["body"], content_type="application/json"), etag
            )
        # A large answer is kept compressed only: a tenth of the bytes to read back from the
        # cache and to send. Browsers and HTTP libraries accept it as it is; for a client that
        # does not, it is unpacked here.
        zipped = accepts_gzip(request)
        body = kept["gzip"] if zipped else gzip.decompress(kept["gzip"])
        response = HttpResponse(body, content_type="application/json")
        if zipped:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        return _with_validators(response, gzip_etag if zipped else etag)

    def fresh_read(self, request, read, *args, **kwargs) -> bytes | HttpResponse:
        """The answer computed from the rows: its JSON body, or the response itself when it
        is not a 200 (which is not kept)."""
        response = read(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        return JSONRenderer().render(response.data)


def _kept_answer(content: bytes | HttpResponse) -> dict | HttpResponse:
    """What the cache keeps of an API answer: its body, compressed when it is large."""
    if not isinstance(content, bytes):
        return content
    if len(content) >= GZIP_MIN_BYTES:
        return {"gzip": gzip.compress(content, mtime=0)}
    return {"body": content}


class ReadOnlyScopedViewSet(
    CachedReadsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """A resource everyone signed in reads (within scope) and nobody writes through the API;
    its reads are cached when it names `cache_models` (CachedReadsMixin)."""


def api_read_key(request, name: str, model_list) -> ReadKey:
    """The key of an API answer kept in the cache: its name, the caller's scope and language,
    the generations of `model_list` (every model the answer reads), the URL with its query,
    and the day (rows that depend on it, "running today" or "overdue", change with it)."""
    return read_key(
        name,
        request.user,
        model_list,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        timezone.localdate().isoformat(),
    )


def cached_body(request, name: str, model_list, build: Callable[[], bytes | str]) -> bytes | str:
    """The body `build()` makes for an API answer other than a list or a row (a summary, a
    document), kept under `api_read_key` until one of `model_list` is written. An error
    raised by `build` (a 404) is raised again, and nothing is kept."""
    return read_through(api_read_key(request, name, model_list), build)


def _if_none_match(request) -> set[str]:
    header = request.headers.get("If-None-Match", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _with_validators(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    # Per caller, and to be revalidated (cheaply, with the ETag) before each reuse.
    response["Cache-Control"] = "private, no-cache"
    # What the answer depends on besides the URL: the language (header or cookie) and the
    # caller (session cookie or token), as in the cache key.
    patch_vary_headers(response, ("Accept-Language", "Cookie", "Authorization"))
    return response


class WritableScopedViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnlyScopedViewSet
):
    """A resource that is also created and changed (through the serializer's services) by those
    its `write_rule` lets in."""
