"""A chapter's status workflow: the allowed moves are data, the lead makes most of them, the
secretariat alone marks a chapter final, every move is recorded and an illegal one changes
nothing."""

from __future__ import annotations

import pytest

from base.errors import IllegalTransition, NotPermitted
from guidebook import rules, services
from guidebook.choices import CHAPTER_STATUS_MOVES, ChapterStatus
from guidebook.models import Chapter, ChapterTransition

pytestmark = pytest.mark.django_db

S = ChapterStatus


def test_the_moves_table_covers_every_status_and_only_known_ones():
    assert set(CHAPTER_STATUS_MOVES) == set(S.values)
    assert all(set(moves) <= set(S.values) for moves in CHAPTER_STATUS_MOVES.values())


def test_the_lead_drafts_and_sends_for_review_the_secretariat_marks_final(
    chapter, lead_user, staff
):
    services.chapter_transition(actor=lead_user, chapter=chapter, to_status=S.DRAFTING)
    services.chapter_transition(
        actor=lead_user, chapter=chapter, to_status=S.IN_REVIEW, comment="Ready."
    )
    with pytest.raises(NotPermitted):
        services.chapter_transition(actor=lead_user, chapter=chapter, to_status=S.FINAL)
    services.chapter_transition(actor=staff, chapter=chapter, to_status=S.FINAL)
    chapter.refresh_from_db()
    assert chapter.status == S.FINAL
    history = list(ChapterTransition.objects.filter(chapter=chapter).order_by("id"))
    assert [(t.from_status, t.to_status, t.actor) for t in history] == [
        (S.OUTLINE, S.DRAFTING, lead_user),
        (S.DRAFTING, S.IN_REVIEW, lead_user),
        (S.IN_REVIEW, S.FINAL, staff),
    ]
    assert history[1].comment == "Ready."
    # A final chapter is reopened by the secretariat only.
    assert rules.chapter_allowed_moves(lead_user, chapter) == []
    assert rules.chapter_allowed_moves(staff, chapter) == [S.IN_REVIEW]


@pytest.mark.parametrize(
    ("start", "target"),
    [(S.OUTLINE, S.IN_REVIEW), (S.OUTLINE, S.FINAL), (S.DRAFTING, S.FINAL), (S.FINAL, S.OUTLINE)],
)
def test_illegal_moves_are_refused_and_change_nothing(chapter, staff, start, target):
    Chapter.objects.filter(pk=chapter.pk).update(status=start)
    chapter.refresh_from_db()
    with pytest.raises(IllegalTransition) as caught:
        services.chapter_transition(actor=staff, chapter=chapter, to_status=target)
    assert "cannot become" in caught.value.message
    chapter.refresh_from_db()
    assert chapter.status == start
    assert not ChapterTransition.objects.exists()


def test_a_move_already_made_is_refused(chapter, staff):
    services.chapter_transition(actor=staff, chapter=chapter, to_status=S.DRAFTING)
    stale = Chapter.objects.get(pk=chapter.pk)
    Chapter.objects.filter(pk=chapter.pk).update(status=S.DRAFTING)
    with pytest.raises(IllegalTransition, match="already"):
        services.chapter_transition(actor=staff, chapter=stale, to_status=S.DRAFTING)
    assert ChapterTransition.objects.count() == 1


def test_an_unknown_status_is_refused(chapter, staff):
    with pytest.raises(IllegalTransition):
        services.chapter_transition(actor=staff, chapter=chapter, to_status="published")


def test_contributors_and_outsiders_cannot_move_a_chapter(
    chapter, invited_user, group_member, outsider
):
    for person in (invited_user, group_member, outsider):
        assert rules.chapter_allowed_moves(person, chapter) == []
        with pytest.raises(NotPermitted):
            services.chapter_transition(actor=person, chapter=chapter, to_status=S.DRAFTING)
    assert not ChapterTransition.objects.exists()


def test_the_chapter_page_offers_exactly_the_allowed_moves(client, chapter, lead_user, staff):
    from django.urls import reverse

    url = reverse("guidebook:chapter-detail", args=[chapter.pk])
    client.force_login(lead_user)
    page = client.get(url).content.decode()
    assert 'value="drafting"' in page and 'value="final"' not in page
    move = reverse("guidebook:chapter-move", args=[chapter.pk])
    response = client.post(move, {"to_status": "final"})
    assert response.status_code == 302
    chapter.refresh_from_db()
    assert chapter.status == S.OUTLINE
    response = client.post(move, {"to_status": "drafting"}, follow=True)
    assert "now drafting" in response.content.decode()
