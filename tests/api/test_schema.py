"""The OpenAPI schema: generated from the code, every field described, examples on the main
endpoints, the token scheme and the error shape documented; docs served without a CDN."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(openapi_schema):
    # Served by /api/v1/schema/, fetched once per test process (tests/api/conftest.py).
    return openapi_schema


def _undescribed(node, path, out):
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if not (isinstance(prop, dict) and prop.get("description")):
                out.append(f"{path}.{name}")
            _undescribed(prop, f"{path}.{name}", out)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                _undescribed(node[key], f"{path}[]", out)
        for key in ("allOf", "oneOf", "anyOf"):
            for sub in node.get(key) or []:
                _undescribed(sub, path, out)


def test_every_property_has_a_description(schema):
    missing: list[str] = []
    for name, component in schema["components"]["schemas"].items():
        _undescribed(component, name, missing)
    assert not missing, missing
    # The walk reaches nested objects too (a pilot's steps).
    assert "description" in schema["components"]["schemas"]["PilotStep"]["properties"]["step"]


def test_main_endpoints_have_examples(schema):
    for resource in ("pilots", "roadmaps", "roadmap-versions", "assessments"):
        path = f"/api/v1/{resource}/{{id}}/"
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert content.get("examples"), path


def test_token_scheme_and_error_shape_are_documented(schema):
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}
    pilots = schema["paths"]["/api/v1/pilots/"]["get"]
    assert {"tokenAuth": []} in pilots["security"]
    for status in ("400", "401", "403", "404", "429"):
        ref = pilots["responses"][status]["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/Error"
    assert "409" in schema["paths"]["/api/v1/meetings/"]["post"]["responses"]


def test_writes_through_services_are_documented(schema):
    upload = schema["paths"]["/api/v1/roadmap-versions/"]["post"]
    assert list(upload["requestBody"]["content"]) == ["multipart/form-data"]
    assert "201" in upload["responses"]
    for path in ("/api/v1/roadmap-versions/{id}/transition/", "/api/v1/pilots/{id}/transition/"):
        move = schema["paths"][path]["post"]
        assert {"200", "400", "403", "404", "409"} <= set(move["responses"]), path
    scorecard = schema["components"]["schemas"]["Assessment"]["properties"]
    assert {"overall_mean", "group_means", "scores", "rubric_version", "finalised_at"} <= set(
        scorecard
    )


def test_filters_search_ordering_and_paging_are_parameters(schema):
    params = {p["name"] for p in schema["paths"]["/api/v1/roadmaps/"]["get"]["parameters"]}
    assert {"country", "region", "sdg", "kind", "search", "ordering", "page", "page_size"} <= params


def test_docs_are_served_by_the_app_itself(client):
    page = client.get("/api/v1/docs/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    # Swagger UI's start-up script is a file of its own (no inline script under the CSP).
    init = next(s for s in sources if "script=" in s).replace("&amp;", "&")
    assert "/api/v1/schema/" in client.get(init).content.decode()
    assert sources, "the docs page loads its scripts"
    assert all(not s.startswith(("http://", "https://", "//")) for s in sources), sources
    assert any("drf_spectacular_sidecar" in s for s in sources)


def test_times_of_day_are_described_as_sent(schema):
    # A session's times are local, with no offset (`09:00:00`); the `time` format would promise
    # an RFC 3339 offset the API never sends.
    session = schema["components"]["schemas"]["AgendaSession"]["properties"]
    for name in ("start_time", "end_time"):
        assert "format" not in session[name]
        assert re.fullmatch(session[name]["pattern"], "09:00:00")
        assert re.fullmatch(session[name]["pattern"], "09:30")
        assert not re.fullmatch(session[name]["pattern"], "25:00:00")


def test_the_schema_is_generated_once_per_language(client, monkeypatch):
    """The schema view keeps what it generated per language and version (config/api.py): a
    second fetch, in any format, is not generated again; another language is generated on its
    own. (A stand-in generator here: a real one takes seconds, and the served schema is checked
    above.)"""
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    from config.api import ApiSchemaView

    generated = []

    def stand_in(self, *args, **kwargs):
        generated.append(translation.get_language())
        return {"openapi": "3.0.3", "info": {"title": f"Generated {len(generated)}"}, "paths": {}}

    monkeypatch.setattr(SchemaGenerator, "get_schema", stand_in)
    monkeypatch.setattr(ApiSchemaView, "_generated", {})
    accept = {"accept": "application/vnd.oai.openapi+json"}
    first = client.get("/api/v1/schema/", headers=accept)
    again = client.get("/api/v1/schema/", headers=accept)
    assert first.status_code == again.status_code == 200
    assert first.json()["info"]["title"] == again.json()["info"]["title"] == "Generated 1"
    assert client.get("/api/v1/schema/").content.startswith(b"openapi:")  # YAML, same schema
    assert generated == ["en"]
    french = client.get("/api/v1/schema/", {"lang": "fr"}, headers=accept)
    assert french.json()["info"]["title"] == "Generated 2"
    assert generated == ["en", "fr"]
    assert client.get("/api/v1/schema/", {"lang": "fr"}, headers=accept).content == french.content
    assert generated == ["en", "fr"]
