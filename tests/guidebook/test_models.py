"""The Guidebook's invariants hold in the model (readable errors) and in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from guidebook import services
from guidebook.choices import CommentStatus, EditionStatus
from guidebook.models import Chapter, Comment, GuidebookEdition, Invitation
from programme.choices import MilestoneKind
from tests.factories import ChapterFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_a_chapter_number_is_used_once_per_edition_and_language(chapter, staff):
    with pytest.raises(ValidationError) as caught:
        services.chapter_create(actor=staff, edition=chapter.edition, number=1, title="Again")
    assert "already has a chapter 1" in caught.value.message_dict["number"][0]
    assert Chapter.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Chapter.objects.create(edition=chapter.edition, number=1, title="Twice")


def test_translations_share_number_and_edition_in_another_language(chapter, staff):
    french = services.chapter_create(
        actor=staff, edition=chapter.edition, number=1, title="Lignes directrices",
        language="fr", translation_of=chapter,
    )  # fmt: skip
    assert list(chapter.translations.all()) == [french]
    with pytest.raises(ValidationError) as caught:
        services.chapter_create(
            actor=staff, edition=chapter.edition, number=2, title="x", language="es",
            translation_of=chapter,
        )  # fmt: skip
    assert "translation_of" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.chapter_create(
            actor=staff, edition=chapter.edition, number=1, title="x", language="fr",
            translation_of=chapter,
        )  # fmt: skip
    assert "number" in caught.value.message_dict


def test_due_dates_and_target_dates_are_milestones(chapter, staff, lead_user):
    due = dt.date(2030, 5, 1)
    chapter = services.chapter_update(actor=staff, chapter=chapter, due_on=due, authors=[lead_user])
    milestone = chapter.due_milestone
    assert (milestone.kind, milestone.due_on, list(milestone.owners.all())) == (
        MilestoneKind.GUIDEBOOK, due, [lead_user],
    )  # fmt: skip
    chapter = services.chapter_update(actor=staff, chapter=chapter, due_on=dt.date(2030, 6, 1))
    assert chapter.due_milestone_id == milestone.pk
    milestone.refresh_from_db()
    assert milestone.due_on == dt.date(2030, 6, 1)
    edition = services.edition_create(
        actor=staff, title="Guidebook", label="2030", target_on=dt.date(2030, 7, 1)
    )
    assert edition.target_date == dt.date(2030, 7, 1)
    assert edition.target_milestone.kind == MilestoneKind.GUIDEBOOK


def test_only_the_secretariat_keeps_editions_and_chapters(chapter, lead_user):
    from base.errors import NotPermitted

    with pytest.raises(NotPermitted):
        services.edition_create(actor=lead_user, title="x", label="x")
    with pytest.raises(NotPermitted):
        services.chapter_update(actor=lead_user, chapter=chapter, title="Mine")


def test_a_published_edition_says_when(staff):
    with pytest.raises(ValidationError) as caught:
        services.edition_create(
            actor=staff, title="Guidebook", label="2021", status=EditionStatus.PUBLISHED
        )
    assert "published_year" in caught.value.message_dict
    assert not GuidebookEdition.objects.exists()


def test_an_invitation_names_a_person_or_an_organisation(chapter, staff, invited_user, group_org):
    with pytest.raises(ValidationError):
        services.invitation_create(actor=staff, chapter=chapter)
    with pytest.raises(ValidationError):
        services.invitation_create(
            actor=staff, chapter=chapter, user=invited_user, organisation=group_org
        )
    with pytest.raises(ValidationError) as caught:
        services.invitation_create(actor=staff, chapter=chapter, user=invited_user)
    assert "already invited" in caught.value.message_dict["user"][0]
    assert Invitation.objects.filter(chapter=chapter).count() == 2


def test_closing_a_comment_needs_the_leads_response(draft, lead_user):
    comment = CommentFactory(draft=draft)
    with pytest.raises(ValidationError) as caught:
        services.comment_respond(
            actor=lead_user, comment=comment, status=CommentStatus.DECLINED, response=" "
        )
    assert "response" in caught.value.message_dict
    comment.refresh_from_db()
    assert comment.status == CommentStatus.OPEN
    answered = services.comment_respond(
        actor=lead_user, comment=comment, status=CommentStatus.ADDRESSED, response="Done in v2."
    )
    assert (answered.status, answered.responded_by) == (CommentStatus.ADDRESSED, lead_user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(response="")


def test_a_section_comment_must_name_a_section_of_the_draft(draft, invited_user):
    comment = services.comment_create(
        actor=invited_user, draft=draft, body="Narrow the scope.", section="scope"
    )
    assert comment.section_title == "Scope"
    with pytest.raises(ValidationError) as caught:
        services.comment_create(actor=invited_user, draft=draft, body="x", section="nowhere")
    assert "section" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.comment_create(actor=invited_user, draft=draft, body="   ")
    assert Comment.objects.count() == 1


def test_the_decisions_section_is_empty_until_outcomes_point_at_chapters(chapter, staff):
    from guidebook.selectors import chapter_decisions

    assert chapter_decisions(user=staff, chapter=chapter) == []


def test_factory_chapters_are_numbered_apart(drafting_edition):
    a, b = ChapterFactory(edition=drafting_edition), ChapterFactory(edition=drafting_edition)
    assert a.number != b.number
