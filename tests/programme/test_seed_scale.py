"""seed_scale: synthetic data at scale, marked as such, and a second run adds nothing."""

import pytest
from django.core.management import call_command

from egm.models import Meeting
from pilots.models import Country, Pilot
from programme.models import Milestone
from roadmaps.models import Assessment, ConsolidatedScore, ReviewScore, Roadmap, RoadmapVersion

# seed_scale builds programme-scale data: slow, left out of `make test-fast`.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MARK = "Synthetic scale-test data, not a real record."


def _counts():
    return [
        m.objects.count()
        for m in (Pilot, Roadmap, RoadmapVersion, Assessment, ReviewScore, Meeting, Milestone)
    ]


def _seed():
    with open("/dev/null", "w") as quiet:
        call_command(
            "seed_scale", versions=3, milestones=3000, allow_without_debug=True, stdout=quiet
        )


def test_seed_scale_is_synthetic_marked_and_idempotent(reference_data, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    _seed()
    first = _counts()
    assert Pilot.objects.count() >= Country.objects.count()
    synthetic = Roadmap.objects.filter(summary=MARK)
    assert synthetic.exists()
    assert all(r.title.startswith("Synthetic") for r in synthetic)
    assert RoadmapVersion.objects.filter(roadmap__in=synthetic).count() == 3 * synthetic.count()
    # Every decided synthetic draft has its assessment with ten consolidated scores.
    assessed = Assessment.objects.filter(version__roadmap__in=synthetic)
    assert (
        ConsolidatedScore.objects.filter(assessment__in=assessed).count() == 10 * assessed.count()
    )
    assert Milestone.objects.count() == 3000
    assert Meeting.objects.filter(summary=MARK).count() == 500
    _seed()
    assert _counts() == first


def test_seed_scale_refuses_with_debug_off(reference_data, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_scale", versions=1, milestones=10)
