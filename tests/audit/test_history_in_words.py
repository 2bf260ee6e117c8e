"""The audit history reads as people speak: statuses by their labels, dates formatted for the
reader, related records by name; no code, raw timestamp or id."""

from __future__ import annotations

import pytest
from django.utils import timezone

from audit.selectors import record_history
from tests.factories import RoadmapFactory, RoadmapVersionFactory

pytestmark = pytest.mark.django_db


def test_a_version_history_shows_labels_and_readable_dates(secretariat_user, ghana):
    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana))
    version.status = "submitted"
    version.submitted_at = timezone.now()
    version.save()
    other = RoadmapFactory(country=ghana, title="Ghana's second roadmap")
    version.roadmap = other
    version.save()

    changes = [c for e in record_history(user=secretariat_user, obj=version) for c in e.changes]
    shown = {c.field: (c.old, c.new) for c in changes}
    assert shown["Status"] == ("Draft", "Submitted")
    old, new = shown["Submitted at"]
    assert old == "—" and "+00:00" not in new and timezone.localdate().strftime("%Y") in new
    assert ":" in new and "." not in new  # hours and minutes, no microseconds
    roadmap_change = next(v for k, v in shown.items() if v[1] == "Ghana's second roadmap")
    assert roadmap_change[0] == str(version.roadmap.__class__.objects.exclude(pk=other.pk).get())
