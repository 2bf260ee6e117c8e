"""Query budgets: the monitoring pages and reads cost the same number of queries with few
rows as with many (more indicators, periods, updates, roadmaps)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring import services
from monitoring.models import Indicator
from roadmaps.choices import VersionStatus
from tests.factories import (
    RoadmapVersionFactory,
    national_roadmap,
    reporting_period,
    results_framework,
)
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db


def _approved(period, actor, values):
    update = services.update_start(actor=actor, period=period)
    services.update_save(actor=actor, update=update, narrative="Reported.", values=values)
    services.update_transition(actor=actor, update=update, to_status="submitted")
    services.update_transition(actor=actor, update=update, to_status="approved")
    return update


def _grow(roadmap, framework, actor, *, years):
    """More indicators and approved updates on `roadmap`."""
    action = framework.objectives.get().actions.get()
    for n in range(3):
        services.indicator_save(
            actor=actor, action=action, title=f"Extra {n}", unit="people",
            baseline_value=Decimal("1"), baseline_year=2020,
            targets={2021: Decimal("2"), 2024: Decimal("5")},
        )  # fmt: skip
    indicators = Indicator.objects.filter(action__objective__framework=framework)
    for year in years:
        period = reporting_period(roadmap, actor=actor, year=year)
        _approved(period, actor, {i.pk: Decimal(year - 2019) for i in indicators})


def _count(client, url) -> int:
    with queries_counted() as ctx:
        response = client.get(url)
        # An export streams: its rows are read while it is sent, so read it all here.
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and body
    return len(ctx.captured_queries)


@pytest.fixture
def other_roadmaps(reference_data, secretariat_user):
    """Three more published roadmaps with frameworks, for the programme view to list."""
    from tests.factories import country

    def make(iso3s):
        for iso3 in iso3s:
            roadmap = national_roadmap(country(iso3))
            version = RoadmapVersionFactory(
                roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED,
                created_by=secretariat_user,
            )  # fmt: skip
            framework = results_framework(version, actor=secretariat_user, indicators=3)
            _grow(roadmap, framework, secretariat_user, years=[2021, 2022])

    return make


def _consent(version, actor):
    import datetime as dt

    from portal.workprogramme.services import public_release_consent_record

    public_release_consent_record(
        actor=actor, version=version, given_by="Ministry", given_on=dt.date(2024, 1, 1),
        evidence="Letter to the secretariat.",
    )  # fmt: skip


def _evidence(update, actor, n):
    for k in range(n):
        services.evidence_add(
            actor=actor, update=update, title=f"Report {k}", url=f"https://example.org/{k}"
        )


def test_pages_and_reads_are_flat(
    roadmap, version, framework, period, secretariat_user, staff_client, client, other_roadmaps
):
    indicators = list(Indicator.objects.filter(action__objective__framework=framework))
    approved = _approved(period, secretariat_user, {i.pk: Decimal("12") for i in indicators})
    _consent(version, secretariat_user)
    # A draft of a later period, for the page the country fills in.
    draft = services.update_start(
        actor=secretariat_user, period=reporting_period(roadmap, actor=secretariat_user, year=2030)
    )
    _evidence(draft, secretariat_user, 1)
    other_roadmaps(["NGA"])
    urls = [
        reverse("monitoring:results", args=[roadmap.pk]),
        reverse("monitoring:programme"),
        reverse("monitoring:update-detail", args=[approved.pk]),
        reverse("monitoring:update-detail", args=[draft.pk]),
        reverse("monitoring:update-edit", args=[draft.pk]),
        reverse("monitoring:framework-edit", args=[framework.pk]),
        reverse("api:results-framework-iati", args=[framework.pk]),
        reverse("api:results-framework-iati", args=[framework.pk]) + "?format=xml",
        reverse("api:country-update-list"),
        reverse("api:country-update-export") + "?format=csv",
        reverse("api:country-update-export") + "?format=json",
        reverse("api:results-indicator-list"),
        reverse("api:results-indicator-export") + "?format=csv",
    ]
    public = [
        reverse("public-progress:list"),
        reverse("public-progress:roadmap", args=[roadmap.pk]),
    ]
    staff_client.get(urls[0])  # warm the per-process caches (content types, sessions)
    client.get(public[0])
    few = [_count(staff_client, url) for url in urls] + [_count(client, url) for url in public]
    # More of everything: indicators, approved updates on more periods, evidence on the
    # draft, roadmaps on the programme view.
    _grow(roadmap, framework, secretariat_user, years=[2022, 2023, 2024])
    _evidence(draft, secretariat_user, 4)
    other_roadmaps(["SEN", "ETH"])
    many = [_count(staff_client, url) for url in urls] + [_count(client, url) for url in public]
    labels = urls + public
    assert many == few, dict(zip(labels, zip(few, many, strict=True), strict=True))
