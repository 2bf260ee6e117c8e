"""The objects every web route table addresses: one country of the user's own (Ghana) and one
other (Kenya), each with a pilot, a roadmap and versions in the states the tables need; the
reviewer column's user is really assigned to `submitted_own`.

Built once per test module (tests/matrix.py): each (route, role) case runs in a savepoint on
them, so a POST row's changes are gone before the next case."""

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
    country,
    finalised_assessment,
    national_roadmap,
)
from tests.matrix import World, shared_world
from tests.web.matrix import extra_objects, table_modules


def build_web_objects(world: World) -> dict:
    """The shared objects, then each table's `OBJECTS` (which may use them)."""
    ghana, kenya = country("GHA"), country("KEN")
    focal_point_user = world.users["focal_own"]
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
        "token": api_token_for(world.users["partner"])[0],
        # The role users themselves, for objects that name one (`user_advisory` owns...).
        **{f"user_{role}": user for role, user in world.users.items()},
    }
    objects["assignment"] = ReviewAssignmentFactory(
        version=objects["submitted_own"], reviewer=world.users["reviewer"]
    )
    scores = dict.fromkeys(range(1, 11), 2)
    finalised_assessment(objects["returned_own"], scores)
    finalised_assessment(objects["published_other"], scores)
    for key, make in extra_objects(table_modules()).items():
        objects[key] = make(objects)
    return objects


@pytest.fixture(scope="module")
def web_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The role users and the web objects, built once for the test module."""
    media = tmp_path_factory.mktemp("web-world-media")
    with shared_world(django_db_blocker, media, build_web_objects) as world:
        yield world


@pytest.fixture
def web(web_world, db, settings):
    """The shared world, for one test: in its savepoint, its files where the world put them."""
    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT = web_world.media_root
    return web_world


@pytest.fixture
def web_objects(web):
    """The objects the web tables address, by key."""
    return web.objects
