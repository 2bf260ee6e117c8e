"""International partners (the EU, Japan) take part in the Global Pilot Programme but are no
pilot country: they follow no methodology steps, so no gap, step or progress count has them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pilots.choices import PilotKind, PilotStatus, RoadmapStep, StepStatus
from pilots.models import Country, Pilot, PilotStep
from pilots.services import pilot_step_update
from portal.views import _dashboard_figures
from portal.workprogramme.landscape import build_landscape
from portal.workprogramme.selectors import (
    landscape_pilot_list,
    public_pilot_list,
    support_list,
)
from tests.factories import OrganisationFactory, PilotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(reference_data):
    japan = PilotFactory(
        country=Country.objects.get(iso3="JPN"),
        kind=PilotKind.INTERNATIONAL_PARTNER,
        status=PilotStatus.ACTIVE,
    )
    eu = PilotFactory(
        country=None,
        organisation=OrganisationFactory(name="European Union"),
        kind=PilotKind.INTERNATIONAL_PARTNER,
        status=PilotStatus.ACTIVE,
    )
    return japan, eu


def test_the_demo_landscape_counts_only_pilot_countries(
    demo_programme, secretariat_user, staff_client
):
    landscape = build_landscape(
        supports=support_list(user=secretariat_user).current(),
        pilots=landscape_pilot_list(user=secretariat_user),
    )
    assert {p.kind for p in landscape.pilots} == {PilotKind.NATIONAL}
    assert {str(g.pilot) for g in landscape.gaps}.isdisjoint({"Japan", "EU"})
    # The demo's six pilot countries have 21 open steps (illustrative progress) and the record
    # says which steps no supporter covers, so every one is a gap; the partners add none.
    assert len(landscape.gaps) == 21
    page = staff_client.get(reverse("workprogramme:overview")).content.decode()
    assert "21 steps nobody supports" in page
    assert _dashboard_figures(secretariat_user)["pilots_total"] == 6


def test_partners_are_no_column_of_the_landscape(secretariat_user, staff_client, ghana, partners):
    PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    landscape = build_landscape(
        supports=support_list(user=secretariat_user),
        pilots=landscape_pilot_list(user=secretariat_user),
    )
    assert [str(p) for p in landscape.pilots] == ["Ghana"]
    assert len(landscape.gaps) == 6
    page = staff_client.get(reverse("workprogramme:landscape")).content.decode()
    assert "Japan" not in page and f">{partners[1]}<" not in page


def test_partners_have_no_progress(partners):
    japan, eu = partners
    rows = {p.pk: p for p in Pilot.objects.with_progress()}
    assert rows[japan.pk].current_step is None and rows[japan.pk].steps_done is None
    assert rows[eu.pk].current_step is None
    # So the "current step 1" filter does not list them.
    assert not Pilot.objects.with_progress().filter(current_step=1).exists()


def test_public_site_shows_partners_without_steps(client, partners):
    japan, eu = partners
    home = client.get(reverse("public:home")).content.decode()
    assert "Japan" in home and f">{eu}<" in home
    assert "0 of 6" not in home
    assert {p.pk for p in public_pilot_list()} == {p.pk for p in partners}
    page = client.get(reverse("public:pilot", args=[japan.pk])).content.decode()
    assert "The six steps" not in page


def test_no_step_is_recorded_for_a_partner(secretariat_user, partners):
    japan, _eu = partners
    with pytest.raises(ValidationError) as exc:
        pilot_step_update(
            actor=secretariat_user,
            pilot=japan,
            step=RoadmapStep.OBJECTIVES,
            status=StepStatus.IN_PROGRESS,
        )
    assert "step" in exc.value.message_dict
    assert not PilotStep.objects.filter(pilot=japan).exists()


def test_pilot_pages_show_no_steps_for_a_partner(staff_client, partners):
    japan, _eu = partners
    page = staff_client.get(reverse("pilots:pilot-detail", args=[japan.pk])).content.decode()
    assert "Roadmap methodology: six steps" not in page
    assert "Current step: 1 of 6" not in page
