"""The support landscape: gaps, overlaps, validation of support records and flat query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pilots.choices import PilotStatus, RoadmapStep, StepStatus, SupportRole
from pilots.models import Country, PilotStep, PilotSupport
from portal.workprogramme.filtersets import PilotSupportFilterSet
from portal.workprogramme.landscape import build_landscape
from portal.workprogramme.selectors import landscape_pilot_list, support_list
from portal.workprogramme.services import pilot_support_record
from tests.factories import OrganisationFactory, PilotFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _support(actor, pilot, org, steps, role=SupportRole.SUPPORTER, **kw):
    return pilot_support_record(
        actor=actor, pilot=pilot, organisation=org, role=role, steps=steps, **kw
    )


def test_gaps_and_overlaps(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    PilotStep.objects.create(
        pilot=pilot, step=RoadmapStep.OBJECTIVES, status=StepStatus.DONE, completed_on=D(2025, 1, 1)
    )
    a, b, c = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    _support(secretariat_user, pilot, a, [2, 3])
    _support(secretariat_user, pilot, b, [2])
    _support(secretariat_user, pilot, c, [2, 4], role=SupportRole.DONOR)
    landscape = build_landscape(
        supports=support_list(user=secretariat_user),
        pilots=landscape_pilot_list(user=secretariat_user),
    )
    # Step 1 is done, so nobody needs to support it; 5 and 6 are open and unsupported.
    assert [(g.pilot, g.step) for g in landscape.gaps] == [(pilot, 5), (pilot, 6)]
    assert [(o.step, {x.pk for x in o.organisations}) for o in landscape.overlaps] == [
        (2, {a.pk, b.pk, c.pk})
    ]
    # Filtering by role asks "which steps have no donor?".
    filtered = PilotSupportFilterSet(
        {"role": SupportRole.DONOR}, queryset=support_list(user=secretariat_user)
    ).qs
    landscape = build_landscape(
        supports=filtered, pilots=landscape_pilot_list(user=secretariat_user)
    )
    assert [g.step for g in landscape.gaps] == [3, 5, 6]
    assert landscape.overlaps == []
    assert [org for org, _cells in landscape.rows] == [c]


def test_filters_by_step_sdg_and_region(secretariat_user, ghana):
    japan = Country.objects.get(iso3="JPN")
    gha = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    jpn = PilotFactory(country=japan, status=PilotStatus.ACTIVE)
    org = OrganisationFactory()
    s1 = _support(secretariat_user, gha, org, [1], goals=[9])
    s2 = _support(secretariat_user, jpn, org, [2], goals=[7])
    rows = support_list(user=secretariat_user)

    def run(data):
        return set(PilotSupportFilterSet(data, queryset=rows).qs)

    assert run({"step": 1}) == {s1}
    assert run({"sdg": 7}) == {s2}
    assert run({"region": ghana.region_id}) == {s1}
    assert run({}) == {s1, s2}


def test_only_current_records_by_default(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    org = OrganisationFactory()
    old = _support(secretariat_user, pilot, org, [1], start_on=D(2019, 1, 1), end_on=D(2020, 1, 1))
    rows = support_list(user=secretariat_user)
    assert old not in PilotSupportFilterSet({}, queryset=rows).qs
    assert old in PilotSupportFilterSet({"on": "2019-06-01"}, queryset=rows).qs


def test_partners_and_others_see_announced_pilots_only(
    secretariat_user, advisory_user, ghana, kenya
):
    announced = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    interested = PilotFactory(country=kenya, status=PilotStatus.INTERESTED)
    org = OrganisationFactory()
    _support(secretariat_user, announced, org, [1])
    hidden = _support(secretariat_user, interested, org, [1])
    assert hidden in support_list(user=secretariat_user)
    assert hidden not in support_list(user=advisory_user)
    assert list(landscape_pilot_list(user=advisory_user)) == [announced]


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (D(2024, 1, 1), D(2023, 1, 1), "end_on"),  # ends before it starts
        (D(2023, 6, 1), D(2023, 9, 1), "start_on"),  # overlaps the same role
        (None, None, "start_on"),  # open dates overlap everything
    ],
)
def test_bad_support_records_are_refused_whole(secretariat_user, ghana, start, end, field):
    pilot = PilotFactory(country=ghana)
    org = OrganisationFactory()
    _support(secretariat_user, pilot, org, [1], start_on=D(2023, 1, 1), end_on=D(2023, 12, 31))
    with pytest.raises(ValidationError) as exc:
        _support(secretariat_user, pilot, org, [2], start_on=start, end_on=end)
    assert field in exc.value.message_dict
    assert PilotSupport.objects.count() == 1
    from pilots.models import PilotSupportScope

    assert PilotSupportScope.objects.count() == 1


def test_same_organisation_may_hold_another_role_or_a_later_term(secretariat_user, ghana):
    pilot = PilotFactory(country=ghana)
    org = OrganisationFactory()
    _support(secretariat_user, pilot, org, [1], start_on=D(2023, 1, 1), end_on=D(2023, 12, 31))
    _support(secretariat_user, pilot, org, [1], role=SupportRole.DONOR, start_on=D(2023, 1, 1))
    _support(secretariat_user, pilot, org, [1], start_on=D(2024, 1, 1))
    assert PilotSupport.objects.count() == 3


def test_a_bad_step_saves_nothing(secretariat_user, ghana):
    with pytest.raises(ValidationError):
        _support(secretariat_user, PilotFactory(country=ghana), OrganisationFactory(), [7])
    assert not PilotSupport.objects.exists()
