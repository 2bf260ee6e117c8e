"""Drafts, documents and the outline are numbered versions; text versions can be compared,
line by line, escaped; comparing across chapters or with a file is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guidebook import services
from guidebook.choices import DocumentKind
from guidebook.diffs import DiffRefused, draft_diff, text_diff
from guidebook.models import ChapterDraft, DocumentVersion
from tests.factories import MINIMAL_PDF, ChapterFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _pdf(name="chapter.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, "application/pdf")


def test_drafts_are_numbered_in_turn_with_their_summary(chapter, lead_user):
    one = services.chapter_draft_add(actor=lead_user, chapter=chapter, text="# One")
    two = services.chapter_draft_add(
        actor=lead_user, chapter=chapter, text="# Two", change_summary="Renamed."
    )
    assert (one.number, two.number, two.change_summary) == (1, 2, "Renamed.")
    assert two.created_by == lead_user


def test_a_draft_is_text_or_a_file_never_both_or_neither(chapter, lead_user):
    with pytest.raises(ValidationError, match="not both and not neither"):
        services.chapter_draft_add(actor=lead_user, chapter=chapter, text="  ")
    with pytest.raises(ValidationError, match="not both and not neither"):
        services.chapter_draft_add(
            actor=lead_user, chapter=chapter, text="# x", file=_pdf(), filename="c.pdf"
        )
    assert not ChapterDraft.objects.exists()


def test_an_uploaded_file_follows_the_upload_rules(chapter, lead_user, settings):
    draft = services.chapter_draft_add(
        actor=lead_user, chapter=chapter, file=_pdf("My chapter.pdf"), filename="My chapter.pdf"
    )
    assert (draft.content_type, draft.original_filename) == ("application/pdf", "My chapter.pdf")
    assert draft.file.name.startswith("guidebook/chapterdraft/") and "My" not in draft.file.name
    fake = SimpleUploadedFile(
        "evil.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    with pytest.raises(ValidationError) as caught:
        services.chapter_draft_add(actor=lead_user, chapter=chapter, file=fake, filename="evil.pdf")
    assert "file" in caught.value.message_dict
    assert ChapterDraft.objects.count() == 1
    stored = list((settings.PRIVATE_MEDIA_ROOT / "guidebook" / "chapterdraft").iterdir())
    assert len(stored) == 1  # the refused file left nothing behind


def test_text_diff_reports_added_and_removed_lines():
    diff = text_diff("a\nb\nc\n", "a\nB\nc\nd\n")
    kinds = [(line.kind, line.text) for line in diff.lines]
    assert ("removed", "b") in kinds and ("added", "B") in kinds and ("added", "d") in kinds
    assert (diff.added, diff.removed) == (2, 1)
    assert not text_diff("same", "same").changed


def test_a_diff_across_chapters_or_with_a_file_is_refused(chapter, lead_user, staff):
    one = services.chapter_draft_add(actor=lead_user, chapter=chapter, text="# One")
    other_chapter = ChapterFactory(edition=chapter.edition)
    other = services.chapter_draft_add(actor=staff, chapter=other_chapter, text="# Other")
    with pytest.raises(DiffRefused, match="different chapters"):
        draft_diff(one, other)
    file_draft = services.chapter_draft_add(
        actor=lead_user, chapter=chapter, file=_pdf(), filename="c.pdf"
    )
    with pytest.raises(DiffRefused, match="uploaded file"):
        draft_diff(one, file_draft)


def test_the_diff_page_escapes_what_the_texts_hold(client, chapter, lead_user):
    services.chapter_draft_add(actor=lead_user, chapter=chapter, text="Intro\n\nKeep `<b>` here")
    services.chapter_draft_add(
        actor=lead_user, chapter=chapter, text="Intro\n\nNow `<script>alert(1)</script>` shown"
    )
    client.force_login(lead_user)
    url = reverse("guidebook:draft-diff", args=[chapter.pk])
    page = client.get(url, {"old": 1, "new": 2}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "<ins>" in page and "<del>" in page


def test_the_diff_page_refuses_a_file_version_with_a_400(client, chapter, lead_user):
    services.chapter_draft_add(actor=lead_user, chapter=chapter, text="# One")
    services.chapter_draft_add(actor=lead_user, chapter=chapter, file=_pdf(), filename="c.pdf")
    client.force_login(lead_user)
    url = reverse("guidebook:draft-diff", args=[chapter.pk])
    response = client.get(url, {"old": 1, "new": 2})
    assert response.status_code == 400
    assert "uploaded file cannot" in response.content.decode()
    assert client.get(url, {"old": 1, "new": 9}).status_code == 404


def test_the_diff_page_only_reaches_versions_of_its_own_chapter(client, chapter, lead_user, staff):
    """Version numbers are looked up inside the chapter in the URL, so another chapter's
    version can never be pulled into the comparison."""
    services.chapter_draft_add(actor=lead_user, chapter=chapter, text="# One")
    other = ChapterFactory(edition=chapter.edition)
    services.chapter_draft_add(actor=staff, chapter=other, text="# Secret one")
    services.chapter_draft_add(actor=staff, chapter=other, text="# Secret two")
    client.force_login(lead_user)
    response = client.get(reverse("guidebook:draft-diff", args=[chapter.pk]), {"old": 1, "new": 2})
    assert response.status_code == 404
    assert b"Secret" not in response.content


def test_documents_are_versioned_and_shown_on_the_edition_page(client, drafting_edition, staff):
    services.edition_document_version_add(
        actor=staff, edition=drafting_edition, kind=DocumentKind.TERMS_OF_REFERENCE,
        text="## Purpose\n\nFirst terms.",
    )  # fmt: skip
    second = services.edition_document_version_add(
        actor=staff, edition=drafting_edition, kind=DocumentKind.TERMS_OF_REFERENCE,
        text="## Purpose\n\nRevised terms.", change_summary="After the second EGM.",
    )  # fmt: skip
    assert second.number == 2
    with pytest.raises(ValidationError):
        services.edition_document_version_add(
            actor=staff, edition=drafting_edition, kind=DocumentKind.BACKGROUND_NOTE,
            text="[x](javascript:alert(1))",
        )  # fmt: skip
    assert DocumentVersion.objects.count() == 2
    client.force_login(staff)
    page = client.get(reverse("guidebook:edition-detail", args=[drafting_edition.pk])).content
    assert b"Revised terms." in page and b"After the second EGM." in page


def test_the_outline_history_shows_what_each_meeting_changed(client, drafting_edition, staff):
    tokyo = MeetingFactory(title="Second EGM, Tokyo", kind="egm", sequence=2)
    brussels = MeetingFactory(title="Third EGM, Brussels", kind="egm", sequence=3)
    services.outline_version_add(
        actor=staff, edition=drafting_edition, text="## 1. Introduction\n\n## 2. Guidelines",
        meeting=tokyo,
    )  # fmt: skip
    second = services.outline_version_add(
        actor=staff, edition=drafting_edition,
        text="## 1. Introduction\n\n## 2. Guidelines for national roadmaps\n\n## 3. Cooperation",
        meeting=brussels, change_summary="Guidelines chapter widened.",
    )  # fmt: skip
    assert second.number == 2
    client.force_login(staff)
    page = client.get(reverse("guidebook:outline-history", args=[drafting_edition.pk]))
    html = page.content.decode()
    assert "Third EGM, Brussels" in html and "compared with version 1" in html
    assert "## 3. Cooperation" in html and "Guidelines chapter widened." in html
    with pytest.raises(ValidationError):
        services.outline_version_add(actor=staff, edition=drafting_edition, text="<b>x</b>")


def test_the_version_page_never_drops_typed_text_for_a_file(client, chapter, lead_user):
    services.chapter_draft_add(actor=lead_user, chapter=chapter, text="# Earlier text")
    client.force_login(lead_user)
    url = reverse("guidebook:draft-create", args=[chapter.pk])
    page = client.get(url).content.decode()
    assert "# Earlier text" in page  # the box starts with the latest text
    both = client.post(url, {"text": "# Typed anew", "file": _pdf(), "change_summary": "x"})
    assert both.status_code == 400 and "not both" in both.content.decode()
    assert chapter.drafts.count() == 1
    kept = client.post(url, {"text": "# Earlier text", "file": _pdf(), "change_summary": "PDF"})
    assert kept.status_code == 302
    assert chapter.drafts.get(number=2).file
