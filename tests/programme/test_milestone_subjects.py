"""Action items and Guidebook chapters register as milestone subjects, so their reminders
and milestone rows name and link the item instead of a timeline search that leads nowhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from programme.models import Milestone
from programme.notify import absolute, milestone_url
from tests.factories import ChapterFactory, MeetingFactory, MilestoneFactory, action_item

pytestmark = pytest.mark.django_db


def test_an_action_items_reminder_links_to_the_action(secretariat_user):
    item = action_item(MeetingFactory(is_public=True), owner=secretariat_user)
    milestone = Milestone.objects.with_subjects().get(pk=item.milestone_id)
    assert str(milestone.subject[0].label) == "Action item"
    assert milestone_url(milestone) == absolute(reverse("egm:action-detail", args=[item.pk]))


def test_a_chapters_reminder_links_to_the_chapter():
    chapter = ChapterFactory(due_milestone=MilestoneFactory(kind="guidebook"))
    milestone = Milestone.objects.with_subjects().get(pk=chapter.due_milestone_id)
    assert str(milestone.subject[0].label) == "Guidebook chapter"
    assert milestone_url(milestone) == absolute(
        reverse("guidebook:chapter-detail", args=[chapter.pk])
    )
