"""The one scoping mechanism (`visible_to` / `restrict`) hides what is not a user's."""

import pytest
from django.contrib.auth.models import AnonymousUser

from programme.choices import Role
from programme.models import Milestone
from roadmaps.choices import VersionStatus
from roadmaps.models import Roadmap, RoadmapVersion
from tests.factories import (
    MilestoneFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(ghana, kenya):
    gha = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), number=1)
    ken = RoadmapVersionFactory(roadmap=RoadmapFactory(country=kenya), number=1)
    return gha, ken


def test_focal_point_sees_own_country_draft_and_not_another_countrys(drafts, focal_point_user):
    gha, _ken = drafts
    visible = set(RoadmapVersion.objects.visible_to(focal_point_user))
    assert visible == {gha}
    assert set(Roadmap.objects.visible_to(focal_point_user)) == {gha.roadmap}


def test_published_versions_are_visible_to_every_signed_in_role(drafts, partner_user):
    _gha, ken = drafts
    assert not RoadmapVersion.objects.visible_to(partner_user).exists()
    ken.status = VersionStatus.PUBLISHED
    ken.save()
    assert list(RoadmapVersion.objects.visible_to(partner_user)) == [ken]
    assert list(Roadmap.objects.visible_to(partner_user)) == [ken.roadmap]


def test_secretariat_sees_everything(drafts, secretariat_user):
    assert RoadmapVersion.objects.visible_to(secretariat_user).count() == 2


def test_anonymous_and_inactive_users_see_nothing(drafts):
    assert not RoadmapVersion.objects.visible_to(AnonymousUser()).exists()
    inactive = UserFactory(roles=[Role.SECRETARIAT], is_active=False)
    assert not RoadmapVersion.objects.visible_to(inactive).exists()


def test_focal_point_may_submit_only_for_own_country(drafts, focal_point_user):
    gha, _ken = drafts
    assert list(RoadmapVersion.objects.restrict(focal_point_user, "submit")) == [gha]
    # Reading is not changing: the country link grants no other action.
    assert not Roadmap.objects.restrict(focal_point_user, "change").exists()


def test_a_former_focal_point_loses_the_country(drafts, focal_point_user):
    import datetime as dt

    focal_point_user.focal_points.update(until=dt.date(2019, 12, 31))
    focal_point_user.__dict__.pop("country_ids", None)
    assert not RoadmapVersion.objects.visible_to(focal_point_user).exists()


def test_milestones_public_own_country_or_own_responsibility(
    ghana, kenya, reviewer_user, focal_point_user
):
    public = MilestoneFactory(is_public=True)
    gha_private = MilestoneFactory(country=ghana)
    ken_private = MilestoneFactory(country=kenya)
    mine = MilestoneFactory(owners=[reviewer_user])
    assert set(Milestone.objects.visible_to(focal_point_user)) == {public, gha_private}
    assert set(Milestone.objects.visible_to(reviewer_user)) == {public, mine}
    assert ken_private not in Milestone.objects.visible_to(focal_point_user)


def test_visible_rows_are_not_repeated_by_to_many_joins(ghana, focal_point_user):
    roadmap = RoadmapFactory(country=ghana)
    RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED)
    RoadmapVersionFactory(roadmap=roadmap, number=2, status=VersionStatus.PUBLISHED)
    assert Roadmap.objects.visible_to(focal_point_user).count() == 1


def test_scoping_joins_to_many_relations_only_when_a_rule_needs_them(ghana, focal_point_user):
    from base.querysets import _crosses_to_many

    versions = str(RoadmapVersion.objects.visible_to(focal_point_user).query)
    roadmaps = str(Roadmap.objects.visible_to(focal_point_user).query)
    assert "EXISTS" not in versions  # status and country are to-one: a plain WHERE
    assert "EXISTS" in roadmaps  # "has a published version" is to-many
    from django.db.models import Q

    assert _crosses_to_many(Roadmap, Q(versions__status="published"))
    assert not _crosses_to_many(RoadmapVersion, Q(roadmap__country__in=[1]) | Q(status="x"))
