"""Bad input to the API answers a 400 (or 404) in the one error shape, never a 500 or HTML."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from base.api.parsers import MAX_JSON_DEPTH
from roadmaps.choices import VersionStatus
from tests.api.conftest import token_client
from tests.factories import (
    MINIMAL_PDF,
    GuidebookEditionFactory,
    MeetingFactory,
    RoadmapVersionFactory,
    action_item,
    api_token_for,
    make_docx,
    meeting_document,
)

pytestmark = pytest.mark.django_db

DOCM_TYPES = (
    '<Types><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()["error"]


@pytest.fixture
def action(db):
    meeting = MeetingFactory(is_public=True)
    return action_item(meeting)


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000])
def test_deeply_nested_json_is_a_400_for_a_read_only_partner(partner_api_client, action, depth):
    body = "[" * depth + "]" * depth
    response = partner_api_client.patch(
        f"/api/v1/meeting-actions/{action.pk}/", body, content_type="application/json"
    )
    error = _error(response, 400)
    assert error["code"] == "parse_error"
    assert "fields" in error


def test_deeply_nested_json_is_a_400_for_the_secretariat_too(staff_api_client, action):
    body = '{"title": ' + "[" * 50_000 + "]" * 50_000 + "}"
    response = staff_api_client.patch(
        f"/api/v1/meeting-actions/{action.pk}/", body, content_type="application/json"
    )
    assert _error(response, 400)["code"] == "parse_error"


def test_a_json_body_beyond_the_size_limit_is_a_400(staff_api_client, action, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"title": "' + "x" * 2000 + '"}'
    response = staff_api_client.patch(
        f"/api/v1/meeting-actions/{action.pk}/", body, content_type="application/json"
    )
    error = _error(response, 400)
    assert error["code"] == "too_large"
    assert "fields" in error


def test_ordinary_json_still_parses(staff_api_client, action):
    response = staff_api_client.patch(
        f"/api/v1/meeting-actions/{action.pk}/",
        {"title": "Send the concept note"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Send the concept note"


def test_a_parse_error_names_what_to_fix_under_fields(staff_api_client, action):
    response = staff_api_client.patch(
        f"/api/v1/meeting-actions/{action.pk}/", "{not json", content_type="application/json"
    )
    error = _error(response, 400)
    assert error["code"] == "parse_error"
    assert error["fields"]["non_field_errors"] == [error["message"]]


def test_a_nul_byte_in_a_calendar_address_is_a_404_without_signing_in():
    response = Client().get("/calendar/%00.ics")
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_mistyped_api_path_answers_writes_with_the_json_404(method, partner_user):
    _token, key = api_token_for(partner_user)
    client = Client(enforce_csrf_checks=True, headers={"authorization": f"Token {key}"})
    response = getattr(client, method)("/api/v1/meetnigs/", "{}", content_type="application/json")
    assert _error(response, 404)["code"] == "not_found"


def test_a_mistyped_api_path_answers_a_signed_in_browser_with_the_json_404(secretariat_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_user)
    response = client.post("/api/v1/no-such-thing/1/", {})
    assert _error(response, 404)["code"] == "not_found"


def test_a_refused_meeting_document_file_is_reported_under_fields_file(staff_api_client):
    import io
    import zipfile

    meeting = MeetingFactory()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("[Content_Types].xml", DOCM_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
    upload = SimpleUploadedFile("minutes.docx", buf.getvalue())
    response = staff_api_client.post(
        "/api/v1/meeting-documents/",
        {"meeting": meeting.pk, "kind": "material", "title": "Concept note", "file": upload},
    )
    error = _error(response, 400)
    assert "file" in error["fields"], error
    assert "non_field_errors" not in error["fields"]


def test_an_edition_without_a_link_says_null_not_an_empty_string(partner_api_client):
    edition = GuidebookEditionFactory(status="published", url="")
    linked = GuidebookEditionFactory(status="published", url="https://example.org/guidebook")
    rows = {
        row["id"]: row
        for row in partner_api_client.get("/api/v1/guidebook-editions/").json()["results"]
    }
    assert rows[edition.pk]["url"] is None
    assert rows[linked.pk]["url"] == "https://example.org/guidebook"


def test_the_schema_says_a_missing_link_is_null(openapi_schema):
    # The schema as /api/v1/schema/ serves it, fetched once per test process (conftest.py).
    schema = openapi_schema
    url = schema["components"]["schemas"]["GuidebookEdition"]["properties"]["url"]
    assert url["format"] == "uri"
    assert url["nullable"] is True


def test_a_roadmap_file_downloads_for_a_client_asking_for_its_type(focal_point_user, ghana):
    from tests.factories import national_roadmap

    version = RoadmapVersionFactory(roadmap=national_roadmap(ghana), status=VersionStatus.DRAFT)
    _token, key = api_token_for(focal_point_user)
    client = token_client(key)
    url = f"/api/v1/roadmap-versions/{version.pk}/file/"
    response = client.get(url, headers={"accept": "application/pdf"})
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    # An error on the same request stays JSON in the error shape.
    missing = client.get(
        "/api/v1/roadmap-versions/999999/file/", headers={"accept": "application/pdf"}
    )
    assert _error(missing, 404)["code"] == "not_found"


def test_a_meeting_document_downloads_for_a_client_asking_for_its_type(partner_api_client):
    meeting = MeetingFactory(is_public=True)
    version = meeting_document(meeting, pdf=True)
    response = partner_api_client.get(
        f"/api/v1/meeting-document-versions/{version.pk}/file/",
        headers={"accept": "application/pdf"},
    )
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/pdf"


def test_the_schema_gives_each_download_its_file_types(openapi_schema):
    schema = openapi_schema
    for path in (
        "/api/v1/roadmap-versions/{id}/file/",
        "/api/v1/meeting-document-versions/{id}/file/",
    ):
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        assert "application/pdf" in content
        assert "*/*" not in content
        assert content["application/pdf"]["schema"] == {"type": "string", "format": "binary"}


def test_a_docx_meeting_document_still_uploads(staff_api_client):
    meeting = MeetingFactory()
    upload = SimpleUploadedFile("minutes.docx", make_docx())
    response = staff_api_client.post(
        "/api/v1/meeting-documents/",
        {"meeting": meeting.pk, "kind": "material", "title": "Concept note", "file": upload},
    )
    assert response.status_code == 201, response.content
