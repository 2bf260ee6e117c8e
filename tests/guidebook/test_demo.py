"""The Guidebook's demo data: only sourced facts, loaded once however often the seed runs."""

from __future__ import annotations

import pytest

from guidebook.demo import seed_guidebook
from guidebook.models import BackgroundPaper, Chapter, EditionDocument, GuidebookEdition, Invitation

pytestmark = pytest.mark.django_db


def _counts():
    models = (GuidebookEdition, Chapter, EditionDocument, Invitation, BackgroundPaper)
    return [m.objects.count() for m in models]


def test_demo_is_sourced_and_idempotent():
    seed_guidebook()
    first = _counts()
    seed_guidebook()
    assert _counts() == first
    published = GuidebookEdition.objects.get(label="2021")
    assert (published.status, published.published_year, published.series_number, published.doi) == (
        "published", 2021, "EUR 30606 EN", "10.2760/724479",
    )  # fmt: skip
    assert published.published_on is None  # the day is not in the sources used
    for model in (GuidebookEdition, Chapter, EditionDocument, BackgroundPaper):
        assert all(row.source for row in model.objects.all()), model.__name__
    # No document text is invented: the terms of reference and note have no versions.
    assert not EditionDocument.objects.filter(versions__isnull=False).exists()
    # The 2018 text plans inviting the 10-Member Group; the record shows no invitation.
    assert not Invitation.objects.exists()


def test_the_demo_adviser_is_asked_to_comment_on_chapter_one(client, demo_programme):
    """After seed_demo the adviser's home lists the chapter they are invited to comment on,
    linking to a page that opens and says the draft and the invitation are made up."""
    import re

    from django.urls import reverse

    from guidebook.demo import seed_guidebook_work
    from programme.models import User

    chapter = Chapter.objects.get(edition__label="Draft 2019", number=1)
    assert chapter.drafts.get().illustrative
    assert chapter.invitations.get(user__username="adviser").illustrative
    seed_guidebook_work()  # idempotent
    assert (chapter.drafts.count(), chapter.invitations.count()) == (1, 1)

    client.force_login(User.objects.get(username="adviser"))
    home = client.get(reverse("programme:dashboard")).content.decode()
    tasks = home[home.index('aria-labelledby="tasks-h"') :]
    url = reverse("guidebook:chapter-detail", args=[chapter.pk])
    link = re.search(rf'<a[^>]*href="{url}"[^>]*>(.*?)</a>', tasks, re.S)
    assert link and "Comment on chapter 1" in link.group(1)
    page = client.get(url)
    assert page.status_code == 200
    assert "made up for a demonstration" in page.content.decode()
