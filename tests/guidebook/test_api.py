"""The Guidebook through the API: lists leave out what a caller may not see (partners read
published editions only), and invited contributors post comments through the same service."""

from __future__ import annotations

import pytest

from guidebook.models import Comment
from tests.api.conftest import token_client
from tests.factories import (
    ChapterDraftFactory,
    ChapterFactory,
    CommentFactory,
    OutlineVersionFactory,
    api_token_for,
)

pytestmark = pytest.mark.django_db


def _ids(response):
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_partners_read_published_editions_only(partner_user, published_edition, chapter, draft):
    public = ChapterFactory(edition=published_edition)
    public_draft = ChapterDraftFactory(chapter=public)
    CommentFactory(draft=public_draft)
    OutlineVersionFactory(edition=published_edition)
    hidden_outline = OutlineVersionFactory(edition=chapter.edition)
    api = token_client(api_token_for(partner_user)[1])
    assert _ids(api.get("/api/v1/guidebook-editions/")) == {published_edition.pk}
    assert _ids(api.get("/api/v1/guidebook-chapters/")) == {public.pk}
    assert _ids(api.get("/api/v1/guidebook-drafts/")) == {public_draft.pk}
    assert _ids(api.get("/api/v1/guidebook-comments/")) == set()
    assert hidden_outline.pk not in _ids(api.get("/api/v1/guidebook-outline-versions/"))
    # A filter on a hidden edition's id answers like an unknown id: an empty list.
    assert _ids(api.get("/api/v1/guidebook-chapters/", {"edition": chapter.edition_id})) == set()
    assert _ids(api.get("/api/v1/guidebook-chapters/", {"edition": 999999})) == set()


def test_contributors_read_and_comment_on_their_chapters_only(
    client, chapter, draft, invited_user, outsider
):
    client.force_login(invited_user)
    assert _ids(client.get("/api/v1/guidebook-chapters/")) == {chapter.pk}
    response = client.post(
        "/api/v1/guidebook-comments/",
        {"draft": draft.pk, "body": "Add a case study.", "section": "scope"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["section_title"] == "Scope"
    bad = client.post(
        "/api/v1/guidebook-comments/",
        {"draft": draft.pk, "body": "x", "section": "nowhere"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "section" in bad.json()["error"]["fields"]
    client.force_login(outsider)
    assert _ids(client.get("/api/v1/guidebook-chapters/")) == set()
    refused = client.post(
        "/api/v1/guidebook-comments/",
        {"draft": draft.pk, "body": "Let me in."},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "draft" in refused.json()["error"]["fields"]
    assert Comment.objects.count() == 1


def test_edition_documents_come_with_the_edition(staff, client, drafting_edition):
    from guidebook import services

    services.edition_document_version_add(
        actor=staff, edition=drafting_edition, kind="terms_of_reference", text="## Terms"
    )
    client.force_login(staff)
    body = client.get(f"/api/v1/guidebook-editions/{drafting_edition.pk}/").json()
    assert body["documents"][0]["kind"] == "terms_of_reference"
    assert body["documents"][0]["versions"][0]["text"] == "## Terms"


def test_drafts_compare_through_the_api_within_one_chapter_only(client, chapter, staff):
    from guidebook import services

    one = services.chapter_draft_add(actor=staff, chapter=chapter, text="a\nb")
    two = services.chapter_draft_add(actor=staff, chapter=chapter, text="a\nc")
    other = services.chapter_draft_add(
        actor=staff, chapter=ChapterFactory(edition=chapter.edition), text="x"
    )
    client.force_login(staff)
    body = client.get(f"/api/v1/guidebook-drafts/{two.pk}/diff/").json()
    assert (body["old"], body["added"], body["removed"]) == (one.pk, 1, 1)
    assert {"kind": "added", "old_number": None, "new_number": 2, "text": "c"} in body["lines"]
    refused = client.get(f"/api/v1/guidebook-drafts/{two.pk}/diff/", {"against": other.pk})
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "diff_refused"
    assert "different chapters" in refused.json()["error"]["message"]
    bad = client.get(f"/api/v1/guidebook-drafts/{two.pk}/diff/", {"against": "x"})
    assert bad.status_code == 400 and "against" in bad.json()["error"]["fields"]


def test_a_hidden_draft_cannot_be_the_comparison(client, chapter, draft, invited_user, staff):
    hidden = ChapterDraftFactory(chapter=ChapterFactory(edition=chapter.edition))
    client.force_login(invited_user)
    response = client.get(f"/api/v1/guidebook-drafts/{draft.pk}/diff/", {"against": hidden.pk})
    assert response.status_code == 404
