"""Web routes of pilots: the list, the country pages and the secretariat's record keeping."""

from tests.web.matrix import Row

SECRETARIAT_ACTION = (302, 302, 403, 403, 403, 403, 403)
# A form posted empty: the secretariat gets the form page back with its errors.
SECRETARIAT_FORM_ERRORS = (302, 400, 403, 403, 403, 403, 403)
# The form pages themselves (the pilot page links to them).
SECRETARIAT_FORM = (302, 200, 403, 403, 403, 403, 403)

TABLE = {
    Row("pilots:pilot-list"): (302, 200, 200, 403, 403, 200, 403),
    Row("pilots:pilot-detail", "pilot_own"): (302, 200, 200, 200, 200, 200, 403),
    Row("pilots:pilot-detail", "pilot_other"): (302, 200, 200, 200, 200, 200, 403),
    Row("pilots:my-country"): (302, 404, 404, 302, 302, 404, 403),
    Row("pilots:pilot-transition", "pilot_own", method="post"): SECRETARIAT_FORM_ERRORS,
    # The same with a move the workflow allows, so the secretariat's 302 is a real transition.
    Row("pilots:pilot-transition", "pilot_own", method="post",
        data=(("status-to_status", "roadmap_adopted"),)): SECRETARIAT_ACTION,
    Row("pilots:pilot-step", "pilot_own", (1,), method="post"): SECRETARIAT_FORM_ERRORS,
    Row("pilots:pilot-step", "pilot_own", (1,), method="post",
        data=(("step1-step", "1"), ("step1-status", "in_progress"))): SECRETARIAT_ACTION,
    Row("pilots:support-create", "pilot_own", method="post"): SECRETARIAT_FORM_ERRORS,
    Row("pilots:support-end", "pilot_own", ("support_own",), method="post"): SECRETARIAT_ACTION,
    Row("pilots:task-team-add", "pilot_own", method="post"): SECRETARIAT_FORM_ERRORS,
    Row("pilots:task-team-remove", "pilot_own", ("team_own",), method="post"): (
        SECRETARIAT_ACTION),
    Row("pilots:focal-point-link", "pilot_own", method="post"): SECRETARIAT_FORM_ERRORS,
    Row("pilots:focal-point-unlink", "pilot_own", ("focal_link_own",), method="post"): (
        SECRETARIAT_ACTION),
    Row("pilots:pilot-transition", "pilot_own"): SECRETARIAT_FORM,
    Row("pilots:pilot-step", "pilot_own", (1,)): SECRETARIAT_FORM,
    # No step 9: a 404 before the rule is asked, as for a pilot out of scope.
    Row("pilots:pilot-step", "pilot_own", (9,)): (302, 404, 404, 404, 404, 404, 403),
    Row("pilots:support-create", "pilot_own"): SECRETARIAT_FORM,
    Row("pilots:support-end", "pilot_own", ("support_own",)): SECRETARIAT_FORM,
    Row("pilots:task-team-add", "pilot_own"): SECRETARIAT_FORM,
    Row("pilots:task-team-remove", "pilot_own", ("team_own",)): SECRETARIAT_FORM,
    Row("pilots:focal-point-link", "pilot_own"): SECRETARIAT_FORM,
    Row("pilots:focal-point-unlink", "pilot_own", ("focal_link_own",)): SECRETARIAT_FORM,
}  # fmt: skip
