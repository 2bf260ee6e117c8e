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
