"""The objects every web route table addresses: one country of the user's own (Ghana) and one
other (Kenya), each with a pilot, a roadmap and versions in the states the tables need; the
reviewer column's user is really assigned to `submitted_own`."""

from __future__ import annotations

import pytest

from pilots.models import TaskTeamMember
from roadmaps.choices import VersionStatus
from roadmaps.models import Goal, RoadmapGoal, RoadmapTarget, Target
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    PilotFactory,
    PilotSupportFactory,
    ReviewAssignmentFactory,
    RoadmapVersionFactory,
    api_token_for,
    finalised_assessment,
    national_roadmap,
)
from tests.web.matrix import extra_objects, table_modules


@pytest.fixture
def web_objects(ghana, kenya, reviewer_user, focal_point_user, partner_user):
    own, other = national_roadmap(ghana), national_roadmap(kenya)
    pilot_own = PilotFactory(country=ghana)
    objects = {
        "pilot_own": pilot_own,
        "pilot_other": PilotFactory(country=kenya),
        "roadmap_own": own,
        "roadmap_other": other,
        "draft_own": RoadmapVersionFactory(roadmap=own, number=1, created_by=focal_point_user),
        "returned_own": RoadmapVersionFactory(roadmap=own, number=2, status=VersionStatus.RETURNED),
        "submitted_own": RoadmapVersionFactory(
            roadmap=own, number=3, status=VersionStatus.SUBMITTED
        ),
        "draft_other": RoadmapVersionFactory(roadmap=other, number=1),
        "published_other": RoadmapVersionFactory(
            roadmap=other, number=2, status=VersionStatus.PUBLISHED
        ),
        "goal_link_own": RoadmapGoal.objects.create(roadmap=own, goal=Goal.objects.get(number=9)),
        "target_link_own": RoadmapTarget.objects.create(
            roadmap=own, target=Target.objects.get(code="9.5")
        ),
        "meeting": MeetingFactory(is_public=True),
        "meeting_private": MeetingFactory(is_public=False),
        "support_own": PilotSupportFactory(pilot=pilot_own),
        "team_own": TaskTeamMember.objects.create(
            pilot=pilot_own, organisation=OrganisationFactory()
        ),
        "focal_link_own": focal_point_user.focal_points.get(country=ghana),
        "token": api_token_for(partner_user)[0],
    }
    objects["assignment"] = ReviewAssignmentFactory(
        version=objects["submitted_own"], reviewer=reviewer_user
    )
    scores = dict.fromkeys(range(1, 11), 2)
    finalised_assessment(objects["returned_own"], scores)
    finalised_assessment(objects["published_other"], scores)
    for key, make in extra_objects(table_modules()).items():
        objects[key] = make(objects)
    return objects
