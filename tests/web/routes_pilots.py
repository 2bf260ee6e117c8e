"""Web routes of pilots: the list, the country pages and the secretariat's record keeping."""

import datetime as dt

from pilots.models import Cohort, Country
from tests.web.matrix import Pk, Row

SECRETARIAT_ACTION = (302, 302, 403, 403, 403, 403, 403)
SECRETARIAT_PAGE = (302, 200, 403, 403, 403, 403, 403)
# A form sent back with its errors answers 400 (the secretariat's alone).
SECRETARIAT_FORM_ERRORS = (302, 400, 403, 403, 403, 403, 403)

OBJECTS = {
    "cohort": lambda o: Cohort.objects.create(name="Table cohort", started_on=dt.date(2019, 7, 9)),
    # A country that is not a pilot yet (Norway: any non-pilot country would do).
    "country_not_pilot": lambda o: Country.objects.get(iso3="NOR"),
}

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
    # The secretariat's forms for pilots and cohorts, each on its own page.
    Row("pilots:pilot-create"): SECRETARIAT_PAGE,
    Row("pilots:pilot-create", method="post"): SECRETARIAT_FORM_ERRORS,
    Row("pilots:pilot-create", method="post", data=(
        ("country", Pk("country_not_pilot")), ("interest_expressed_on", "2019-03-01"),
        ("interest_source_reference", "Letter to the IATT"))): SECRETARIAT_ACTION,
    Row("pilots:pilot-update", "pilot_own"): SECRETARIAT_PAGE,
    Row("pilots:pilot-update", "pilot_other"): SECRETARIAT_PAGE,
    Row("pilots:pilot-update", "pilot_own", method="post", data=(("phase", "Phase 1"),)): (
        SECRETARIAT_ACTION),
    Row("pilots:pilot-update", "pilot_own", method="post",
        data=(("interest_expressed_on", "2019-03-01"),)): SECRETARIAT_FORM_ERRORS,
    Row("pilots:cohort-list", listed_in="object_list"): SECRETARIAT_PAGE,
    Row("pilots:cohort-create"): SECRETARIAT_PAGE,
    Row("pilots:cohort-create", method="post"): SECRETARIAT_FORM_ERRORS,
    Row("pilots:cohort-create", method="post", data=(
        ("name", "Second cohort"), ("started_on", "2020-01-01"))): SECRETARIAT_ACTION,
    Row("pilots:cohort-update", "cohort"): SECRETARIAT_PAGE,
    Row("pilots:cohort-update", "cohort", method="post", data=(
        ("name", "Renamed cohort"), ("started_on", "2019-07-09"))): SECRETARIAT_ACTION,
}  # fmt: skip
