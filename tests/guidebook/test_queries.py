"""The chapter board and the chapter page run a fixed number of queries however many
chapters, versions, comments and invitations there are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import (
    ChapterDraftFactory,
    ChapterFactory,
    CommentFactory,
    InvitationFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    client.get(url)
    with queries_counted() as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["staff", "invited"])
def test_board_queries_do_not_grow(client, drafting_edition, staff, invited_user, who):
    def add(n):
        for _ in range(n):
            ch = ChapterFactory(edition=drafting_edition, lead_organisation=OrganisationFactory())
            ch.authors.add(UserFactory())
            InvitationFactory(chapter=ch, user=invited_user)
            ChapterDraftFactory.create_batch(2, chapter=ch)

    client.force_login(staff if who == "staff" else invited_user)
    url = reverse("guidebook:chapter-board", args=[drafting_edition.pk])
    add(2)
    small = _count(client, url)
    add(6)
    assert _count(client, url) == small
    assert client.get(url).content.decode().count('class="card mb-2"') == 8


@pytest.mark.parametrize("who", ["staff", "lead"])
def test_chapter_page_queries_do_not_grow(client, chapter, staff, lead_user, who):
    def add(n):
        for _ in range(n):
            draft = ChapterDraftFactory(chapter=chapter)
            CommentFactory.create_batch(2, draft=draft)
            InvitationFactory(chapter=chapter, user=UserFactory())
            chapter.authors.add(UserFactory())

    client.force_login(staff if who == "staff" else lead_user)
    url = reverse("guidebook:chapter-detail", args=[chapter.pk])
    add(1)
    small = _count(client, url)
    add(5)
    assert _count(client, url) == small


def test_edition_and_outline_pages_do_not_grow(client, drafting_edition, staff):
    from tests.factories import OutlineVersionFactory

    client.force_login(staff)
    detail = reverse("guidebook:edition-detail", args=[drafting_edition.pk])
    outline = reverse("guidebook:outline-history", args=[drafting_edition.pk])
    OutlineVersionFactory.create_batch(2, edition=drafting_edition)
    ChapterFactory.create_batch(2, edition=drafting_edition)
    small = (_count(client, detail), _count(client, outline))
    OutlineVersionFactory.create_batch(5, edition=drafting_edition)
    ChapterFactory.create_batch(5, edition=drafting_edition)
    assert (_count(client, detail), _count(client, outline)) == small
