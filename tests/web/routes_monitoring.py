"""Web routes of monitoring: results pages, frameworks, reporting periods, country updates.

`mon_*_own` belong to Ghana's roadmap (not published: only the secretariat, Ghana's focal
point and, for the roadmap itself, the reviewer assigned to one of its versions see it);
`mon_*_other` to Kenya's published roadmap, whose approved update everyone signed in reads."""

from django.core.files.base import ContentFile

from tests.factories import MINIMAL_PDF, UserFactory, reporting_period, results_framework
from tests.web.matrix import Row

A, S, R, FO, FX, ADV, P = ("anonymous", "secretariat", "reviewer", "focal_own", "focal_other",
                           "advisory", "partner")  # fmt: skip


def _secretariat():
    from programme.choices import Role

    return UserFactory(roles=[Role.SECRETARIAT])


def _update(period, *, approved=False):
    from monitoring import services

    actor = _secretariat()
    update = services.update_start(actor=actor, period=period)
    if approved:
        services.update_save(actor=actor, update=update, narrative="Reported.")
        services.update_transition(actor=actor, update=update, to_status="submitted")
        services.update_transition(actor=actor, update=update, to_status="approved")
    return update


def _evidence(update):
    from monitoring import services

    return services.evidence_add(
        actor=_secretariat(),
        update=update,
        title="Grant list",
        file=ContentFile(MINIMAL_PDF, name="grants.pdf"),
    )


OBJECTS = {
    "mon_framework_own": lambda o: results_framework(o["submitted_own"]),
    "mon_objective_own": lambda o: o["mon_framework_own"].objectives.get(),
    "mon_action_own": lambda o: o["mon_objective_own"].actions.get(),
    "mon_indicator_own": lambda o: o["mon_action_own"].indicators.get(),
    "mon_period_own": lambda o: reporting_period(o["roadmap_own"]),
    "mon_update_own": lambda o: _update(o["mon_period_own"]),
    "mon_evidence_own": lambda o: _evidence(o["mon_update_own"]),
    "mon_framework_other": lambda o: results_framework(o["published_other"]),
    "mon_objective_other": lambda o: o["mon_framework_other"].objectives.get(),
    "mon_period_other": lambda o: reporting_period(o["roadmap_other"]),
    "mon_update_other": lambda o: _update(o["mon_period_other"], approved=True),
}

ALL = (302, 200, 200, 200, 200, 200, 403)
OWN = (302, 200, 404, 200, 404, 404, 403)  # Ghana's unpublished records
OWN_ACTION = (302, 302, 404, 302, 404, 404, 403)
# Kenya's published records: everyone signed in reads them, Kenya and the secretariat keep them.
OTHER_KEPT = (302, 200, 403, 403, 200, 403, 403)

TABLE = {
    Row("monitoring:programme"): ALL,
    Row("monitoring:results", "roadmap_own"): (302, 200, 200, 200, 404, 404, 403),
    Row("monitoring:results", "roadmap_other"): ALL,
    # Ghana's latest version already has a framework: refused with a message, back to the page.
    Row("monitoring:framework-create", "roadmap_own", method="post"): (
        302, 302, 403, 302, 404, 404, 403),
    Row("monitoring:period-create", "roadmap_own"): (302, 200, 403, 200, 404, 404, 403),
    Row("monitoring:period-create", "roadmap_other"): OTHER_KEPT,
    Row("monitoring:framework-edit", "mon_framework_own"): OWN,
    Row("monitoring:framework-edit", "mon_framework_other"): OTHER_KEPT,
    Row("monitoring:objective-create", "mon_framework_own"): OWN,
    Row("monitoring:objective-update", "mon_objective_own"): OWN,
    Row("monitoring:action-create", "mon_objective_own"): OWN,
    Row("monitoring:action-update", "mon_action_own"): OWN,
    Row("monitoring:indicator-create", "mon_action_own"): OWN,
    Row("monitoring:indicator-update", "mon_indicator_own"): OWN,
    # Removing: a page that says what goes, then a POST back to the framework. Nothing is on
    # record yet (Ghana's update is a draft without values), so the removal goes through.
    Row("monitoring:objective-delete", "mon_objective_own"): OWN,
    Row("monitoring:objective-delete", "mon_objective_own", method="post"): OWN_ACTION,
    Row("monitoring:objective-delete", "mon_objective_other"): OTHER_KEPT,
    Row("monitoring:action-delete", "mon_action_own"): OWN,
    Row("monitoring:action-delete", "mon_action_own", method="post"): OWN_ACTION,
    Row("monitoring:indicator-delete", "mon_indicator_own"): OWN,
    Row("monitoring:indicator-delete", "mon_indicator_own", method="post"): OWN_ACTION,
    Row("monitoring:period-update", "mon_period_own"): OWN,
    # The period already has its update: refused with a message, back to the results page.
    Row("monitoring:update-start", "mon_period_own", method="post"): OWN_ACTION,
    Row("monitoring:update-detail", "mon_update_own"): OWN,
    Row("monitoring:update-detail", "mon_update_other"): ALL,
    Row("monitoring:update-edit", "mon_update_own"): OWN,
    # Approved: nobody changes it, not even the secretariat.
    Row("monitoring:update-edit", "mon_update_other"): (302, 403, 403, 403, 403, 403, 403),
    # A draft without a narrative: the move is refused with a message.
    Row("monitoring:update-move", "mon_update_own", method="post",
        data=(("to_status", "submitted"),)): OWN_ACTION,
    Row("monitoring:update-correct", "mon_update_other", method="post",
        data=(("reason", "The figure was revised."),)): (302, 302, 403, 403, 302, 403, 403),
    Row("monitoring:evidence-add", "mon_update_own", method="post",
        data=(("title", "Budget law"), ("url", "https://example.org/law"))): OWN_ACTION,
    Row("monitoring:evidence-download", "mon_evidence_own"): OWN,
    # Ghana's draft: its evidence may still come off.
    Row("monitoring:evidence-remove", "mon_evidence_own"): OWN,
    Row("monitoring:evidence-remove", "mon_evidence_own", method="post"): OWN_ACTION,
    # The public site: Kenya consented to show its published version (routes_workprogramme's
    # `consent`); Ghana's roadmap is not released.
    Row("public-progress:list", absent=tuple((role, "roadmap_own") for role in
                                             (A, S, R, FO, FX, ADV, P))): (200,) * 7,
    Row("public-progress:roadmap", "roadmap_other"): (200,) * 7,
    Row("public-progress:roadmap", "roadmap_own"): (404,) * 7,
}  # fmt: skip
