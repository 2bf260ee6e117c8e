"""Web routes of roadmaps: roadmaps, versions, reviews, assessments, rubrics."""

from tests.factories import RoadmapFactory, country
from tests.web.matrix import Row

A, S, R, FO, FX, ADV, P = ("anonymous", "secretariat", "reviewer", "focal_own", "focal_other",
                           "advisory", "partner")  # fmt: skip

# Roles: anonymous, secretariat, reviewer (assigned to submitted_own), focal_own (Ghana),
# focal_other (Kenya), advisory, partner.

OBJECTS = {
    # Another roadmap of Ghana's, with no version the reviewer is assigned to.
    "roadmap_own_unassigned": lambda o: RoadmapFactory(country=country("GHA")),
}

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
    Row("roadmaps:roadmap-goal-set", "roadmap_own", method="post"): (
        302, 302, 404, 302, 404, 404, 403),
    Row("roadmaps:roadmap-goal-remove", "roadmap_own", ("goal_link_own",), method="post"): (
        302, 302, 404, 302, 404, 404, 403),
    Row("roadmaps:roadmap-target-set", "roadmap_own", method="post"): (
        302, 302, 404, 302, 404, 404, 403),
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
    # The advisory group reads scorecards of published versions only (it cannot open others).
    Row("roadmaps:version-scorecard", "returned_own"): (302, 200, 404, 200, 404, 404, 403),
    Row("roadmaps:version-scorecard", "published_other"): (302, 200, 200, 200, 200, 200, 403),
    Row("roadmaps:version-scorecard", "submitted_own"): (302, 404, 404, 404, 404, 404, 403),
    Row("roadmaps:assessment-heatmap"): (302, 200, 403, 403, 403, 200, 403),
    Row("roadmaps:assessment-heatmap-csv"): (302, 200, 403, 403, 403, 200, 403),
    Row("roadmaps:assessment-heatmap-xlsx"): (302, 200, 403, 403, 403, 200, 403),
    Row("roadmaps:rubric-list"): (302, 200, 200, 200, 200, 200, 403),
    Row("roadmaps:rubric-create"): (302, 200, 403, 403, 403, 403, 403),
}  # fmt: skip
