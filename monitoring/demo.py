"""Demo monitoring data: Ghana's roadmap with a small results framework and two yearly
reporting periods, made through the services.

ILLUSTRATIVE: the public record (Ghana News Agency, 17 June 2020; UNESCO) says Ghana's roadmap
was finalised in April 2021 by a task team chaired by MESTI, and nothing about its indicators,
targets or progress. Every objective, indicator, figure and update below is made up to show the
learning loop; the framework is flagged `illustrative`, and its pages say so. Only MESTI as the
lead institution comes from the record. The 2026 period is left without an update, for the
focal point to fill in. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from monitoring import services
from monitoring.models import ReportingPeriod, ResultsFramework, SdgIndicator
from programme.models import Organisation, User
from roadmaps.models import Roadmap, Target

D = dt.date


@transaction.atomic
def seed_monitoring(*, actor: User) -> ResultsFramework | None:
    """Give Ghana's roadmap its illustrative framework, periods and one approved update."""
    roadmap = Roadmap.objects.filter(country__iso3="GHA").order_by("pk").first()
    version = roadmap.versions.order_by("-number").first() if roadmap else None
    if version is None:
        return None
    existing = ResultsFramework.objects.filter(version=version).first()
    if existing is not None:
        return existing
    framework = services.framework_create(actor=actor, version=version)
    ResultsFramework.objects.filter(pk=framework.pk).update(illustrative=True)
    mesti = Organisation.objects.filter(acronym="MESTI").first()
    objective = services.objective_save(
        actor=actor,
        framework=framework,
        title="A stronger national research and innovation system (illustrative)",
        order=1,
    )
    action = services.action_save(
        actor=actor,
        objective=objective,
        title="Competitive research grants for SDG priorities (illustrative)",
        lead_institution=mesti,
        starts_on=D(2025, 1, 1),
        ends_on=D(2028, 12, 31),
        targets=Target.objects.filter(code__in=["9.5", "9.b"]),
        order=1,
    )
    spending = services.indicator_save(
        actor=actor,
        action=action,
        title="Gross domestic expenditure on R&D (illustrative)",
        definition="Illustrative figures for the demonstration, not Ghana's statistics.",
        unit="% of GDP",
        direction="increase",
        baseline_value=Decimal("0.40"),
        baseline_year=2024,
        baseline_source="Illustrative",
        sdg_indicator=SdgIndicator.objects.filter(code="9.5.1").first(),
        targets={2025: Decimal("0.50"), 2026: Decimal("0.60"), 2028: Decimal("0.80")},
        order=1,
    )
    grants = services.indicator_save(
        actor=actor,
        action=action,
        title="Research grants awarded (illustrative)",
        unit="grants",
        direction="increase",
        baseline_value=Decimal("0"),
        baseline_year=2024,
        baseline_source="Illustrative",
        targets={2025: Decimal("20"), 2026: Decimal("45")},
        order=2,
    )
    first = services.period_create(
        actor=actor, roadmap=roadmap, starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31),
        due_on=D(2026, 3, 31),
    )  # fmt: skip
    if not ReportingPeriod.objects.filter(roadmap=roadmap, starts_on=D(2026, 1, 1)).exists():
        services.period_create(
            actor=actor, roadmap=roadmap, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31),
            due_on=D(2027, 3, 31),
        )  # fmt: skip
    update = services.update_start(actor=actor, period=first)
    services.update_save(
        actor=actor,
        update=update,
        narrative="Illustrative update: the first call for grants closed and 18 grants were "
        "awarded; spending rose a little less than planned.",
        values={spending.pk: Decimal("0.46"), grants.pk: Decimal("18")},
        statuses={action.pk: "delayed"},
    )
    services.evidence_add(
        actor=actor,
        update=update,
        title="Guidebook for STI for SDGs roadmaps (the method followed)",
        url="https://doi.org/10.2760/724479",
    )
    services.update_transition(actor=actor, update=update, to_status="submitted")
    services.update_transition(actor=actor, update=update, to_status="approved")
    return framework
