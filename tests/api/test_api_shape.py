"""Issue 9, item 15: the API's own edges speak its one shape and its schema tells the truth."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def test_an_unknown_path_under_the_api_is_a_json_404(partner_api_client):
    response = partner_api_client.get("/api/v1/nope/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": "Not found."}
    }


@pytest.mark.parametrize(
    ("path", "name"),
    [("/api/v1/countries/export/", "countries"), ("/api/v1/criteria/export/", "criteria")],
)
def test_exports_are_named_in_plain_english(partner_api_client, reference_data, path, name):
    response = partner_api_client.get(path, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'


def test_answers_vary_on_the_token_as_on_the_session(partner_api_client):
    response = partner_api_client.get("/api/v1/pilots/")
    assert "Authorization" in response["Vary"]


def test_the_schema_types_the_download_and_a_nullable_file_url(openapi_generated):
    # What `manage.py spectacular --validate --fail-on-warn` checks, on the schema as served.
    from drf_spectacular.validation import validate_schema

    assert not openapi_generated.warnings
    schema = json.loads(openapi_generated.content)
    validate_schema(schema)
    download = schema["paths"]["/api/v1/roadmap-versions/{id}/file/"]["get"]["responses"]["200"]
    assert "*/*" not in download["content"]
    assert "application/pdf" in download["content"]
    file_url = schema["components"]["schemas"]["RoadmapVersion"]["properties"]["file_url"]
    assert file_url.get("nullable") is True
