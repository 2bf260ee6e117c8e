"""Monitoring objects for the API permission table (tests/api/test_permissions.py): Kenya's
published roadmap (`*_published`, Kenya = the `focal_other` column) with an approved and a
draft update, and Ghana's unpublished roadmap (`*_own`) with a draft update."""

from __future__ import annotations

from monitoring import services
from monitoring.models import SdgIndicator
from programme.choices import Role
from tests.factories import UserFactory, reporting_period, results_framework


def monitoring_api_objects(*, version_published, version_draft_own) -> dict:
    """The objects, keyed as the permission table names them."""
    actor = UserFactory(roles=[Role.SECRETARIAT])
    published = results_framework(version_published, actor=actor)
    own = results_framework(version_draft_own, actor=actor)
    period_published = reporting_period(version_published.roadmap, actor=actor, year=2021)
    period_published_2 = reporting_period(version_published.roadmap, actor=actor, year=2022)
    period_own = reporting_period(version_draft_own.roadmap, actor=actor, year=2021)
    approved = services.update_start(actor=actor, period=period_published)
    services.update_save(actor=actor, update=approved, narrative="Reported.")
    services.update_transition(actor=actor, update=approved, to_status="submitted")
    services.update_transition(actor=actor, update=approved, to_status="approved")
    return {
        "sdg_indicator": SdgIndicator.objects.get(code="9.5.1"),
        "results_framework_published": published,
        "results_framework_own": own,
        "results_indicator_published": published.objectives.get().actions.get().indicators.get(),
        "results_indicator_own": own.objectives.get().actions.get().indicators.get(),
        "reporting_period_published": period_published,
        "reporting_period_own": period_own,
        "country_update_approved": approved,
        "country_update_draft_published": services.update_start(
            actor=actor, period=period_published_2
        ),
        "country_update_own": services.update_start(actor=actor, period=period_own),
    }
