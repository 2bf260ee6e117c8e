"""The REST API at /api/v1/: every app's routes, the OpenAPI schema and its documentation.

(Redoc is not offered: its page loads web fonts from a CDN.)

A new resource registers its viewset in its app's `api/urls.py` router; the router is listed
here once per app, so its routes appear under the `api:` namespace, in the API root and in the
schema.
"""

from __future__ import annotations

import threading

from django.core.signals import setting_changed
from django.http import JsonResponse
from django.urls import include, path, re_path, reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from base.api.exceptions import error_body
from egm.api.urls import router as egm_router
from guidebook.api.urls import router as guidebook_router
from monitoring.api.urls import router as monitoring_router
from portal.pilots.api.urls import router as pilots_router
from portal.workprogramme.api.urls import router as workprogramme_router
from programme.api.urls import router as programme_router
from roadmaps.api.urls import router as roadmaps_router

app_name = "api"

ROUTERS = [
    programme_router,
    pilots_router,
    roadmaps_router,
    egm_router,
    guidebook_router,
    workprogramme_router,
    monitoring_router,
]


class ApiRootView(APIView):
    """Where each resource lives, and where the documentation is."""

    @extend_schema(
        summary="The API's resources",
        responses=inline_serializer(
            "ApiRoot",
            fields={
                "resources": serializers.DictField(
                    child=serializers.URLField(),
                    help_text="Each resource's list URL, by name.",
                ),
                "schema": serializers.URLField(help_text="The OpenAPI 3 schema."),
                "docs": serializers.URLField(help_text="Interactive documentation."),
            },
        ),
    )
    def get(self, request):
        resources = {
            prefix: request.build_absolute_uri(reverse(f"api:{basename}-list"))
            for router in ROUTERS
            for prefix, _viewset, basename in router.registry
        }
        return Response(
            {
                "resources": resources,
                "schema": request.build_absolute_uri(reverse("api:schema")),
                "docs": request.build_absolute_uri(reverse("api:docs")),
            }
        )


@csrf_exempt  # it changes nothing; a mistyped write deserves the JSON 404, not the CSRF page
def api_not_found(request, *args, **kwargs):
    """404 for any path under the API that names no resource, as JSON."""
    return JsonResponse(error_body(404, "not_found", "Not found."), status=404)


class ApiDocsView(SpectacularSwaggerSplitView):
    """The documentation page inside the site's layout: the signed-in session is read (GET
    only, so no CSRF question) so the header shows the person's menu and language."""

    authentication_classes = [SessionAuthentication]


class ApiSchemaView(SpectacularAPIView):
    """The OpenAPI schema, generated once per language and API version in each process.

    It is built from the code and the settings alone, never from a row or from who asks (every
    reader gets the public schema), and building it takes seconds; the answer is still
    rendered per request, in the format asked for. A change of settings (in tests) forgets it.
    """

    _generated: dict[tuple, dict] = {}
    _lock = threading.Lock()

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (translation.get_language(), version)
        schema = self._generated.get(key)
        if schema is None:
            with self._lock:
                schema = self._generated.get(key)
                if schema is None:
                    generator = self.generator_class(
                        urlconf=self.urlconf, api_version=version, patterns=self.patterns
                    )
                    schema = generator.get_schema(request=request, public=self.serve_public)
                    self._generated[key] = schema
        return Response(
            data=schema,
            headers={
                "Content-Disposition": (
                    f'inline; filename="{self._get_filename(request, version)}"'
                )
            },
        )


def _forget_generated_schemas(**kwargs):
    ApiSchemaView._generated.clear()


setting_changed.connect(_forget_generated_schemas)


urlpatterns = [
    path("", ApiRootView.as_view(), name="root"),
    path("schema/", ApiSchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as its own file (`?script`), and our
    # template keeps its page styles in a static file: no inline script or style for the CSP.
    path(
        "docs/",
        ApiDocsView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    *[path("", include(router.urls)) for router in ROUTERS],
    # Anything else under the API answers in the API's one error shape, not an HTML page.
    re_path(r"^.*$", api_not_found),
]
