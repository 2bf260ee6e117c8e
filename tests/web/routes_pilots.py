"""Web routes of pilots: the list, the country pages and the secretariat's record keeping."""

import datetime as dt

from pilots.models import Cohort, Country, TaskTeamPerson
from tests.web.matrix import Pk, Row

SECRETARIAT_ACTION = (302, 302, 403, 403, 403, 403, 403)
SECRETARIAT_PAGE = SECRETARIAT_FORM = (302, 200, 403, 403, 403, 403, 403)
# A form sent back with its errors answers 400 (the secretariat's alone).
SECRETARIAT_FORM_ERRORS = (302, 400, 403, 403, 403, 403, 403)

OBJECTS = {
    "cohort": lambda o: Cohort.objects.create(name="Table cohort", started_on=dt.date(2019, 7, 9)),
    # A country that is not a pilot yet (Norway: any non-pilot country would do).
    "country_not_pilot": lambda o: Country.objects.get(iso3="NOR"),
}

# What a country keeps of its own record: its focal points and the secretariat, each form on a
# page of its own. Another country's page is a 404 (never a form or a link), for the other
# country's focal point as for every role that keeps no country's record.
KEEP_OWN_PAGE = (302, 200, 404, 200, 404, 404, 403)
KEEP_OTHER_PAGE = (302, 200, 404, 404, 200, 404, 403)
KEEP_OWN_BAD = (302, 400, 404, 400, 404, 404, 403)  # errors answer 400 with the form
KEEP_OTHER_BAD = (302, 400, 404, 404, 400, 404, 403)
KEEP_OWN_SAVED = (302, 302, 404, 302, 404, 404, 403)
KEEP_OTHER_SAVED = (302, 302, 404, 404, 302, 404, 403)
NOBODY = (302, 404, 404, 404, 404, 404, 403)

OBJECTS |= {
    "person_own": lambda o: TaskTeamPerson.objects.create(
        pilot=o["pilot_own"], name="Ama Mensah", organisation="Ministry", contact="a@example.org"
    ),
    "person_other": lambda o: TaskTeamPerson.objects.create(
        pilot=o["pilot_other"], name="Wanjiru Kamau", contact="w@example.org"
    ),
}

STEP = (("status", "in_progress"), ("notes", "Scoping workshop held."),
        ("evidence_links", "https://example.org/step1.pdf"))  # fmt: skip
PERSON = (("name", "Kofi Boateng"), ("organisation", "CSIR"), ("role", "member"),
          ("contact", "kofi@example.org"))  # fmt: skip
RECORD = (("source", "stip_compass"), ("record", "countries/gha"))

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
    # --- The country's own record (its focal points, the secretariat) ---------------------
    Row("pilots:step-edit", "pilot_own", (1,)): KEEP_OWN_PAGE,
    Row("pilots:step-edit", "pilot_own", (1,), method="post"): KEEP_OWN_BAD,
    Row("pilots:step-edit", "pilot_own", (1,), method="post", data=STEP): KEEP_OWN_SAVED,
    Row("pilots:step-edit", "pilot_other", (1,)): KEEP_OTHER_PAGE,
    Row("pilots:step-edit", "pilot_other", (1,), method="post", data=STEP): KEEP_OTHER_SAVED,
    Row("pilots:step-edit", "pilot_own", (9,)): NOBODY,
    Row("pilots:team-person-add", "pilot_own"): KEEP_OWN_PAGE,
    Row("pilots:team-person-add", "pilot_own", method="post"): KEEP_OWN_BAD,
    Row("pilots:team-person-add", "pilot_own", method="post", data=PERSON): KEEP_OWN_SAVED,
    Row("pilots:team-person-add", "pilot_other"): KEEP_OTHER_PAGE,
    Row("pilots:team-person-add", "pilot_other", method="post", data=PERSON): KEEP_OTHER_SAVED,
    Row("pilots:team-person-remove", "pilot_own", ("person_own",)): KEEP_OWN_PAGE,
    Row("pilots:team-person-remove", "pilot_own", ("person_own",), method="post"): (
        KEEP_OWN_SAVED),
    Row("pilots:team-person-remove", "pilot_other", ("person_other",), method="post"): (
        KEEP_OTHER_SAVED),
    # A person of another pilot, named under this one: nobody's.
    Row("pilots:team-person-remove", "pilot_own", ("person_other",)): NOBODY,
    Row("pilots:country-records-edit", "pilot_own"): KEEP_OWN_PAGE,
    Row("pilots:country-records-edit", "pilot_own", method="post"): KEEP_OWN_BAD,
    Row("pilots:country-records-edit", "pilot_own", method="post", data=RECORD): KEEP_OWN_SAVED,
    Row("pilots:country-records-edit", "pilot_other"): KEEP_OTHER_PAGE,
    Row("pilots:country-records-edit", "pilot_other", method="post", data=RECORD): (
        KEEP_OTHER_SAVED),
    Row("pilots:exchange-request", "pilot_own"): KEEP_OWN_PAGE,
    Row("pilots:exchange-request", "pilot_own", method="post"): KEEP_OWN_BAD,
    Row("pilots:exchange-request", "pilot_own", method="post",
        data=(("suggested_peer", Pk("pilot_other")), ("topic", "Task teams"))): KEEP_OWN_SAVED,
    Row("pilots:exchange-request", "pilot_other"): KEEP_OTHER_PAGE,
    Row("pilots:exchange-request", "pilot_other", method="post",
        data=(("suggested_peer", Pk("pilot_own")), ("topic", "Task teams"))): KEEP_OTHER_SAVED,
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
