"""Web routes of roadmaps: roadmaps, versions, reviews, assessments, rubrics."""

from types import SimpleNamespace

from django.utils import timezone

from roadmaps.choices import AssignmentStatus, VersionStatus
from roadmaps.expert_links import expert_link_nonce, expert_link_token
from roadmaps.models import (
    OutsideExpert,
    PublicReleaseConsent,
    RoadmapTarget,
    Target,
    TargetLink,
)
from tests.factories import ReviewAssignmentFactory, RoadmapFactory, RoadmapVersionFactory, country
from tests.web.matrix import Pk, Row

A, S, R, FO, FX, ADV, P = ("anonymous", "secretariat", "reviewer", "focal_own", "focal_other",
                           "advisory", "partner")  # fmt: skip

# Roles: anonymous, secretariat, reviewer (assigned to submitted_own), focal_own (Ghana),
# focal_other (Kenya), advisory, partner.


def _published_own(objects):
    """A roadmap of Ghana's whose first version is published, with no consent yet."""
    roadmap = RoadmapFactory(country=country("GHA"))
    return RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED)


def _published_other_unreleased(objects):
    """A roadmap of Kenya's whose first version is published, not released to the public."""
    roadmap = RoadmapFactory(country=country("KEN"))
    return RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED)


def _consented_own(objects):
    """The second published version of that roadmap, released with the country's consent."""
    version = RoadmapVersionFactory(
        roadmap=objects["published_own"].roadmap, number=2, status=VersionStatus.PUBLISHED
    )
    PublicReleaseConsent.objects.create(
        version=version, given_by="Minister", given_on=timezone.localdate(), evidence="Letter"
    )
    return version


def _target_link_own(objects):
    """A synergy between two of Ghana's roadmap's targets (9.5, already listed, and 4.4)."""
    roadmap = objects["roadmap_own"]
    skills = Target.objects.get(code="4.4")
    RoadmapTarget.objects.create(roadmap=roadmap, target=skills)
    return TargetLink.objects.create(
        roadmap=roadmap, from_target=objects["target_link_own"].target, to_target=skills,
        kind="synergy",
    )  # fmt: skip


def _expert_assignment(objects):
    """An outside expert (no account) who accepted to review Ghana's submitted version."""
    expert = OutsideExpert.objects.create(
        name="Amina Diallo", email="amina.diallo@example.org", language="fr"
    )
    return ReviewAssignmentFactory(
        version=objects["submitted_own"], reviewer=None, expert=expert,
        assigned_by=objects["user_secretariat"], link_nonce=expert_link_nonce(),
        status=AssignmentStatus.ACCEPTED, conflict="none",
    )  # fmt: skip


OBJECTS = {
    # Another roadmap of Ghana's, with no version the reviewer is assigned to.
    "roadmap_own_unassigned": lambda o: RoadmapFactory(country=country("GHA")),
    "published_own": _published_own,
    "consented_own": _consented_own,
    "published_other_unreleased": _published_other_unreleased,
    "link_own": _target_link_own,
    "expert_assignment": _expert_assignment,
    # The expert's personal link: a signed token where a pk would stand.
    "expert_link": lambda o: SimpleNamespace(pk=expert_link_token(o["expert_assignment"])),
}

# What a country keeps of its roadmaps: its focal points and the secretariat, each form on a
# page of its own; another country's is a 404 (Kenya's focal point on Ghana's and back).
KEEP_OWN_PAGE = (302, 200, 404, 200, 404, 404, 403)
KEEP_OTHER_PAGE = (302, 200, 404, 404, 200, 404, 403)
KEEP_OWN_BAD = (302, 400, 404, 400, 404, 404, 403)
KEEP_OWN_SAVED = (302, 302, 404, 302, 404, 404, 403)
KEEP_OTHER_SAVED = (302, 302, 404, 404, 302, 404, 403)
NOBODY = (302, 404, 404, 404, 404, 404, 403)
LINK = (("from_target", Pk("goal_target_44")), ("kind", "trade_off"),
        ("to_target", Pk("goal_target_95")), ("note", "Competes for funds."))  # fmt: skip
CONSENT = (("given_by", "Minister of Science"), ("given_on", "2021-03-01"),
           ("evidence", "Letter of 1 March 2021"))  # fmt: skip
OBJECTS["goal_9"] = lambda o: o["goal_link_own"].goal
OBJECTS["goal_target_44"] = lambda o: Target.objects.get(code="4.4")
OBJECTS["goal_target_95"] = lambda o: Target.objects.get(code="9.5")

TABLE = {
    Row("roadmaps:roadmap-list", absent=((FX, "roadmap_own"), (ADV, "roadmap_own"))): (
        302, 200, 200, 200, 200, 200, 403),
    Row("roadmaps:roadmap-create"): (302, 200, 403, 200, 200, 403, 403),
    Row("roadmaps:roadmap-detail", "roadmap_own"): (302, 200, 200, 200, 404, 404, 403),
    Row("roadmaps:roadmap-detail", "roadmap_other"): (302, 200, 200, 200, 200, 200, 403),
    # A reviewer reaches a country's roadmap only through an assignment on it.
    Row("roadmaps:roadmap-detail", "roadmap_own_unassigned"): (
        302, 200, 404, 200, 404, 404, 403),
    Row("roadmaps:roadmap-update", "roadmap_own"): (302, 200, 404, 200, 404, 404, 403),
    # Kenya's roadmap has a published version: its record is the secretariat's now.
    Row("roadmaps:roadmap-update", "roadmap_other"): (302, 200, 404, 404, 403, 404, 403),
    Row("roadmaps:version-upload", "roadmap_own"): (302, 200, 404, 200, 404, 404, 403),
    # SDGs and targets: each form on a page of its own; a bad form answers 400 with it.
    Row("roadmaps:roadmap-goal-set", "roadmap_own"): KEEP_OWN_PAGE,
    Row("roadmaps:roadmap-goal-set", "roadmap_own", method="post"): KEEP_OWN_BAD,
    Row("roadmaps:roadmap-goal-set", "roadmap_own", method="post",
        data=(("goal", Pk("goal_9")), ("priority", "primary"))): KEEP_OWN_SAVED,
    # Kenya's newest version is published: its SDGs are the secretariat's to amend now.
    Row("roadmaps:roadmap-goal-set", "roadmap_other"): (302, 200, 404, 404, 403, 404, 403),
    Row("roadmaps:roadmap-goal-remove", "roadmap_own", ("goal_link_own",), method="post"): (
        302, 302, 404, 302, 404, 404, 403),
    Row("roadmaps:roadmap-target-set", "roadmap_own"): KEEP_OWN_PAGE,
    Row("roadmaps:roadmap-target-set", "roadmap_own", method="post"): KEEP_OWN_BAD,
    Row("roadmaps:roadmap-target-set", "roadmap_own", method="post",
        data=(("target", Pk("goal_target_44")), ("priority", "secondary"))): KEEP_OWN_SAVED,
    Row("roadmaps:roadmap-target-remove", "roadmap_own", ("target_link_own",), method="post"): (
        302, 302, 404, 302, 404, 404, 403),
    Row("roadmaps:version-queue", absent=((FX, "submitted_own"), (ADV, "submitted_own"))): (
        302, 200, 200, 200, 200, 200, 403),
    Row("roadmaps:version-detail", "draft_own"): (302, 200, 404, 200, 404, 404, 403),
    Row("roadmaps:version-detail", "submitted_own"): (302, 200, 200, 200, 404, 404, 403),
    Row("roadmaps:version-detail", "draft_other"): (302, 200, 404, 404, 200, 404, 403),
    Row("roadmaps:version-detail", "published_other"): (302, 200, 200, 200, 200, 200, 403),
    Row("roadmaps:version-download", "draft_own"): (302, 200, 404, 200, 404, 404, 403),
    Row("roadmaps:version-download", "submitted_own"): (302, 200, 200, 200, 404, 404, 403),
    Row("roadmaps:version-download", "published_other"): (302, 200, 200, 200, 200, 200, 403),
    Row("roadmaps:version-move", "draft_own", method="post", data=(("to_status", "submitted"),)): (
        302, 302, 404, 302, 404, 404, 403),
    # Deleting asks first (GET), and only where the service would delete.
    Row("roadmaps:version-delete", "draft_own"): (302, 200, 404, 200, 404, 404, 403),
    Row("roadmaps:version-delete", "draft_own", method="post"): (
        302, 302, 404, 302, 404, 404, 403),
    Row("roadmaps:version-delete", "submitted_own"): (302, 404, 404, 404, 404, 404, 403),
    # A personal list: the secretariat reads reviews on the consolidation pages.
    Row("roadmaps:review-list"): (302, 403, 200, 403, 403, 403, 403),
    Row("roadmaps:review-edit", "assignment"): (302, 404, 200, 404, 404, 404, 403),
    # Accepting or declining: the reviewer asked only (404 for everyone else).
    Row("roadmaps:review-answer", "assignment"): (302, 404, 200, 404, 404, 404, 403),
    # Out of scope is 404; in scope but the secretariat's page, 403.
    Row("roadmaps:version-assessment", "submitted_own"): (302, 200, 403, 403, 404, 404, 403),
    # An outside expert's personal link answers for its one assignment, signed in or not (it
    # is not a sign-in), and reads the draft of that one version only.
    Row("roadmaps:expert-review", "expert_link"): (200, 200, 200, 200, 200, 200, 200),
    Row("roadmaps:expert-draft", "expert_link", ("submitted_own",)): (
        200, 200, 200, 200, 200, 200, 200),
    Row("roadmaps:expert-draft", "expert_link", ("draft_own",)): (
        404, 404, 404, 404, 404, 404, 404),
    # The secretariat's actions on an expert's assignment; nobody else learns it exists.
    Row("roadmaps:expert-link-resend", "expert_assignment", method="post"): (
        302, 302, 404, 404, 404, 404, 403),
    Row("roadmaps:expert-assignment-withdraw", "expert_assignment", method="post"): (
        302, 302, 404, 404, 404, 404, 403),
    # The advisory group reads scorecards of published versions only (it cannot open others).
    Row("roadmaps:version-scorecard", "returned_own"): (302, 200, 404, 200, 404, 404, 403),
    Row("roadmaps:version-scorecard", "published_other"): (302, 200, 200, 200, 200, 200, 403),
    Row("roadmaps:version-scorecard", "submitted_own"): (302, 404, 404, 404, 404, 404, 403),
    Row("roadmaps:assessment-heatmap"): (302, 200, 403, 403, 403, 200, 403),
    Row("roadmaps:assessment-heatmap-csv"): (302, 200, 403, 403, 403, 200, 403),
    Row("roadmaps:assessment-heatmap-xlsx"): (302, 200, 403, 403, 403, 200, 403),
    Row("roadmaps:rubric-list"): (302, 200, 200, 200, 200, 200, 403),
    Row("roadmaps:rubric-create"): (302, 200, 403, 403, 403, 403, 403),
    # Synergies and trade-offs between the roadmap's targets.
    Row("roadmaps:target-link-add", "roadmap_own"): KEEP_OWN_PAGE,
    Row("roadmaps:target-link-add", "roadmap_own", method="post"): KEEP_OWN_BAD,
    Row("roadmaps:target-link-add", "roadmap_own", method="post", data=LINK): KEEP_OWN_SAVED,
    Row("roadmaps:target-link-add", "roadmap_other"): (302, 200, 404, 404, 403, 404, 403),
    Row("roadmaps:target-link-remove", "roadmap_own", ("link_own",), method="post"): (
        KEEP_OWN_SAVED),
    # Consent to public release, given and withdrawn by the country.
    Row("roadmaps:consent-give", "published_own"): KEEP_OWN_PAGE,
    Row("roadmaps:consent-give", "published_own", method="post"): KEEP_OWN_BAD,
    Row("roadmaps:consent-give", "published_own", method="post", data=CONSENT): KEEP_OWN_SAVED,
    Row("roadmaps:consent-give", "published_other_unreleased"): KEEP_OTHER_PAGE,
    Row("roadmaps:consent-give", "published_other_unreleased", method="post", data=CONSENT): (
        KEEP_OTHER_SAVED),
    # A consent already in force: the form answers 400 with a clear reason.
    Row("roadmaps:consent-give", "consented_own", method="post", data=CONSENT): KEEP_OWN_BAD,
    Row("roadmaps:consent-withdraw", "consented_own"): KEEP_OWN_PAGE,
    Row("roadmaps:consent-withdraw", "consented_own", method="post",
        data=(("withdrawn_on", "2099-01-01"),)): KEEP_OWN_BAD,
    Row("roadmaps:consent-withdraw", "consented_own", method="post",
        data=(("withdrawn_on", timezone.localdate().isoformat()),)): KEEP_OWN_SAVED,
    # No consent in force to withdraw.
    Row("roadmaps:consent-withdraw", "published_own"): NOBODY,
    # Replies to feedback on a returned or published version.
    Row("roadmaps:feedback-reply", "returned_own"): KEEP_OWN_PAGE,
    Row("roadmaps:feedback-reply", "returned_own", method="post"): KEEP_OWN_BAD,
    Row("roadmaps:feedback-reply", "returned_own", method="post",
        data=(("body", "Revised section 3 as asked."),)): KEEP_OWN_SAVED,
    Row("roadmaps:feedback-reply", "published_other"): KEEP_OTHER_PAGE,
}  # fmt: skip
