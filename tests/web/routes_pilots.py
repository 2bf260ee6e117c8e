"""Web routes of pilots: the list, the country pages and the secretariat's record keeping."""

from tests.web.matrix import Row

SECRETARIAT_ACTION = (302, 302, 403, 403, 403, 403, 403)

TABLE = {
    Row("pilots:pilot-list"): (302, 200, 200, 403, 403, 200, 403),
    Row("pilots:pilot-detail", "pilot_own"): (302, 200, 200, 200, 200, 200, 403),
    Row("pilots:pilot-detail", "pilot_other"): (302, 200, 200, 200, 200, 200, 403),
    Row("pilots:my-country"): (302, 404, 404, 302, 302, 404, 403),
    Row("pilots:pilot-transition", "pilot_own", method="post"): SECRETARIAT_ACTION,
    # The same with a move the workflow allows, so the secretariat's 302 is a real transition.
    Row("pilots:pilot-transition", "pilot_own", method="post",
        data=(("status-to_status", "roadmap_adopted"),)): SECRETARIAT_ACTION,
    Row("pilots:pilot-step", "pilot_own", (1,), method="post"): SECRETARIAT_ACTION,
    Row("pilots:support-create", "pilot_own", method="post"): SECRETARIAT_ACTION,
    Row("pilots:support-end", "pilot_own", ("support_own",), method="post"): SECRETARIAT_ACTION,
    Row("pilots:task-team-add", "pilot_own", method="post"): SECRETARIAT_ACTION,
    Row("pilots:task-team-remove", "pilot_own", ("team_own",), method="post"): (
        SECRETARIAT_ACTION),
    Row("pilots:focal-point-link", "pilot_own", method="post"): SECRETARIAT_ACTION,
    Row("pilots:focal-point-unlink", "pilot_own", ("focal_link_own",), method="post"): (
        SECRETARIAT_ACTION),
}  # fmt: skip
