"""A country keeps its roadmap's record: SDG targets and the synergies and trade-offs between
them, consent to public release and replies to feedback (services, models, pages). Who may
open which page, for every role: tests/web/routes_roadmaps.py."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from base.errors import IllegalTransition, NotPermitted
from roadmaps import services
from roadmaps.choices import TargetLinkKind, VersionStatus
from roadmaps.models import FeedbackReply, PublicReleaseConsent, RoadmapTarget, Target, TargetLink
from roadmaps.rules import roadmap_sdgs_can_change
from tests.factories import RoadmapFactory, RoadmapVersionFactory

pytestmark = pytest.mark.django_db


def _targets(*codes):
    return [Target.objects.get(code=code) for code in codes]


@pytest.fixture
def roadmap(ghana):
    roadmap = RoadmapFactory(country=ghana)
    for target in _targets("9.5", "4.4"):
        RoadmapTarget.objects.create(roadmap=roadmap, target=target)
    return roadmap


def test_focal_point_links_two_targets(focal_point_user, roadmap):
    innovation, skills = _targets("9.5", "4.4")
    link = services.target_link_add(
        actor=focal_point_user, roadmap=roadmap, from_target=innovation, to_target=skills,
        kind=TargetLinkKind.SYNERGY, note="Skills feed research.",
    )  # fmt: skip
    assert (link.from_target, link.to_target, link.kind) == (innovation, skills, "synergy")
    assert link.history.count() == 1


@pytest.mark.parametrize(
    ("codes", "field", "message"),
    [
        (("9.5", "9.5"), "to_target", "Link a target to another target, not to itself."),
        (("9.5", "1.1"), "to_target", "Add this target to the roadmap's targets first."),
        (("9.5", "4.4"), "to_target", "These two targets are already linked."),
    ],
)
def test_a_bad_link_is_a_clear_error_and_saves_nothing(
    focal_point_user, roadmap, codes, field, message
):
    innovation, skills = _targets("9.5", "4.4")
    TargetLink.objects.create(
        roadmap=roadmap, from_target=innovation, to_target=skills, kind="synergy"
    )
    from_target, to_target = _targets(*codes)
    with pytest.raises(ValidationError) as caught:
        services.target_link_add(
            actor=focal_point_user, roadmap=roadmap, from_target=from_target,
            to_target=to_target, kind=TargetLinkKind.TRADE_OFF,
        )  # fmt: skip
    assert caught.value.message_dict[field] == [message]
    assert TargetLink.objects.count() == 1


def test_a_version_makes_its_own_links(focal_point_user, roadmap):
    innovation, skills = _targets("9.5", "4.4")
    draft = RoadmapVersionFactory(roadmap=roadmap, number=1)
    TargetLink.objects.create(
        roadmap=roadmap, from_target=innovation, to_target=skills, kind="synergy"
    )
    # The same pair for the draft that changes it is another link; twice for it is not.
    services.target_link_add(
        actor=focal_point_user, roadmap=roadmap, from_target=innovation, to_target=skills,
        kind=TargetLinkKind.TRADE_OFF, version=draft,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.target_link_add(
            actor=focal_point_user, roadmap=roadmap, from_target=innovation, to_target=skills,
            kind=TargetLinkKind.SYNERGY, version=draft,
        )  # fmt: skip
    other = RoadmapVersionFactory(roadmap=RoadmapFactory(country=roadmap.country), number=1)
    with pytest.raises(ValidationError) as caught:
        services.target_link_add(
            actor=focal_point_user, roadmap=roadmap, from_target=skills, to_target=innovation,
            kind=TargetLinkKind.SYNERGY, version=other,
        )  # fmt: skip
    assert "version" in caught.value.message_dict
    assert TargetLink.objects.count() == 2


def test_removing_a_target_removes_its_links_in_one_go(focal_point_user, roadmap):
    innovation, skills = _targets("9.5", "4.4")
    TargetLink.objects.create(
        roadmap=roadmap, from_target=innovation, to_target=skills, kind="synergy"
    )
    services.roadmap_target_remove(
        actor=focal_point_user, link=RoadmapTarget.objects.get(roadmap=roadmap, target=skills)
    )
    assert not TargetLink.objects.exists()
    assert list(RoadmapTarget.objects.values_list("target__code", flat=True)) == ["9.5"]


def test_after_a_published_version_the_country_keeps_its_next_drafts_sdgs(
    focal_point_user, other_focal_point_user, secretariat_user, roadmap
):
    RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED)
    # The newest version is published: the record is the secretariat's to amend.
    assert not roadmap_sdgs_can_change(focal_point_user, roadmap)
    assert roadmap_sdgs_can_change(secretariat_user, roadmap)
    # A new draft: the country changes its SDGs and targets for it.
    RoadmapVersionFactory(roadmap=roadmap, number=2, status=VersionStatus.DRAFT)
    assert roadmap_sdgs_can_change(focal_point_user, roadmap)
    services.roadmap_target_set(
        actor=focal_point_user, roadmap=roadmap, target=Target.objects.get(code="17.6")
    )
    assert roadmap.target_links.filter(target__code="17.6").exists()
    assert roadmap.goal_links.filter(goal__number=17).exists()
    with pytest.raises(NotPermitted):
        services.roadmap_target_set(
            actor=other_focal_point_user, roadmap=roadmap, target=Target.objects.get(code="1.1")
        )


def test_consent_given_seen_and_withdrawn_by_the_country(focal_point_user, roadmap):
    version = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED)
    consent = services.public_release_consent_give(
        actor=focal_point_user, version=version, given_by="Minister of Science",
        given_on=dt.date(2021, 3, 1), evidence="Letter of 1 March 2021",
    )  # fmt: skip
    # One consent in force: a second is a clear error on the version, never a constraint name.
    with pytest.raises(ValidationError) as caught:
        services.public_release_consent_give(
            actor=focal_point_user, version=version, given_by="Someone",
            given_on=dt.date(2021, 3, 2), evidence="Email",
        )  # fmt: skip
    assert caught.value.message_dict["version"] == [
        "This version already has a consent in force; withdraw it before giving another."
    ]
    assert PublicReleaseConsent.objects.count() == 1
    services.public_release_consent_withdraw(actor=focal_point_user, consent=consent)
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    with pytest.raises(Exception, match="already withdrawn"):
        services.public_release_consent_withdraw(actor=focal_point_user, consent=consent)


def test_consent_page_error_is_readable(focal_point_client, roadmap):
    version = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED)
    PublicReleaseConsent.objects.create(
        version=version, given_by="Minister", given_on=dt.date(2021, 3, 1), evidence="Letter"
    )
    response = focal_point_client.post(
        reverse("roadmaps:consent-give", args=[version.pk]),
        {"given_by": "Minister", "given_on": "2021-03-02", "evidence": "Email"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "already has a consent in force" in page
    assert "public_consent_one_in_force" not in page


def test_an_unpublished_version_cannot_be_released(focal_point_user, roadmap):
    draft = RoadmapVersionFactory(roadmap=roadmap, number=1)
    with pytest.raises(ValidationError) as caught:
        services.public_release_consent_give(
            actor=focal_point_user, version=draft, given_by="Minister",
            given_on=dt.date(2021, 3, 1), evidence="Letter",
        )  # fmt: skip
    assert "version" in caught.value.message_dict
    assert not PublicReleaseConsent.objects.exists()


def test_reply_to_feedback_and_the_next_version_points_to_it(
    focal_point_user, other_focal_point_user, focal_point_client, staff_client, roadmap
):
    returned = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.RETURNED)
    draft = RoadmapVersionFactory(roadmap=roadmap, number=2, status=VersionStatus.SUBMITTED)
    with pytest.raises(IllegalTransition):
        services.feedback_reply_create(actor=focal_point_user, version=draft, body="Too early.")
    with pytest.raises(NotPermitted):
        services.feedback_reply_create(actor=other_focal_point_user, version=returned, body="x")
    with pytest.raises(ValidationError):
        services.feedback_reply_create(actor=focal_point_user, version=returned, body="  ")
    assert not FeedbackReply.objects.exists()
    services.feedback_reply_create(
        actor=focal_point_user, version=returned, body="Section 3 now costs each action."
    )
    with pytest.raises(ValidationError, match="already has a reply"):
        services.feedback_reply_create(actor=focal_point_user, version=returned, body="Again.")
    # The next version links to it; the secretariat reads it with the assessment.
    page = focal_point_client.get(reverse("roadmaps:version-detail", args=[draft.pk]))
    assert "Section 3 now costs each action." in page.content.decode()
    assessment = staff_client.get(reverse("roadmaps:version-assessment", args=[draft.pk]))
    assert "Section 3 now costs each action." in assessment.content.decode()


def test_free_text_synergies_become_links_where_they_parse(ghana):
    """The data migration: target codes of the same roadmap become links with the text as
    note; anything else stays as the target's note."""
    migration = importlib.import_module("roadmaps.migrations.0007_target_links_from_free_text")

    class Row:
        def __init__(self, link, synergies, trade_offs):
            self.pk, self.roadmap_id, self.target_id = link.pk, link.roadmap_id, link.target_id
            self.target, self.synergies, self.trade_offs, self.notes = (
                link.target, synergies, trade_offs, "",
            )  # fmt: skip
            self.saved = False

        def save(self, update_fields):
            self.saved = True

    roadmap = RoadmapFactory(country=ghana)
    innovation, skills, funds = (
        RoadmapTarget.objects.create(roadmap=roadmap, target=t)
        for t in _targets("9.5", "4.4", "9.1")
    )
    rows = [
        Row(innovation, "Advances 4.4 (skills).", "Competes with 9.1 for public funds."),
        Row(skills, "76", ""),
        Row(funds, "", ""),
    ]

    class Targets:
        @staticmethod
        def select_related(*args):
            return Targets

        @staticmethod
        def order_by(*args):
            return rows

    Targets.objects = Targets  # the rows as the migration reads them, with their old text

    class FakeApps:
        @staticmethod
        def get_model(app, name):
            return Targets if name == "RoadmapTarget" else apps.get_model(app, name)

    migration.forwards(FakeApps, None)
    links = {
        (link.from_target.code, link.to_target.code, link.kind, link.note)
        for link in TargetLink.objects.all()
    }
    assert links == {
        ("9.5", "4.4", "synergy", "Advances 4.4 (skills)."),
        ("9.5", "9.1", "trade_off", "Competes with 9.1 for public funds."),
    }
    # "76" names no target: kept as the target's note, nothing lost.
    assert rows[1].notes == "Synergies: 76" and rows[1].saved
    assert rows[0].notes == "" and not rows[0].saved
