"""The work programme's records changed app (programme -> portal, pilots, roadmaps) with their
tables and rows: migrating forward and back keeps every row, readable by the models of either
side, and their content types follow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Before the move: the programme app still owns the records.
BEFORE = [
    ("programme", "0010_outbox_email"),
    ("pilots", "0002_initial"),
    ("roadmaps", "0004_reference_translations"),
    ("portal", None),
]
AFTER = [("programme", "0011_work_programme_records_move_up")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The state at those nodes; an app migrated to zero (None) has none to name.
    nodes = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


@pytest.mark.slow  # migrates a schema of its own
@pytest.mark.django_db
def test_the_records_keep_their_rows_both_ways(empty_schema):
    apps = _migrate(BEFORE)
    Organisation = apps.get_model("programme", "Organisation")
    Component = apps.get_model("programme", "WorkProgrammeComponent")
    Pilot = apps.get_model("pilots", "Pilot")
    Support = apps.get_model("pilots", "PilotSupport")
    ContentType = apps.get_model("contenttypes", "ContentType")
    donor = Organisation.objects.create(name="Donor", slug="donor", kind="funder")
    partner = Organisation.objects.create(name="Partner", slug="partner", kind="international")
    component = Component.objects.create(name="Peer learning", slug="peer-learning", order=1)
    fund = apps.get_model("programme", "TrustFund").objects.create(name="STI fund")
    pledge = apps.get_model("programme", "TrustFundContribution").objects.create(
        fund=fund, donor=donor, component=component, amount=Decimal("1000.00"),
        currency="EUR", pledged_on=dt.date(2020, 1, 1),
    )  # fmt: skip
    apps.get_model("programme", "TrustFundReceipt").objects.create(
        pledge=pledge, amount=Decimal("400.00"), received_on=dt.date(2020, 2, 1)
    )
    output = apps.get_model("programme", "SupportOutput").objects.create(
        title="Agency strategy", kind="strategy"
    )
    output.organisations.set([donor])
    output.components.set([component])
    pilot = Pilot.objects.create(organisation=partner, kind="international_partner")
    support = Support.objects.create(pilot=pilot, organisation=donor, role="supporter")
    apps.get_model("programme", "PilotSupportScope").objects.create(
        support=support, steps=[1, 2], goals=[9]
    )
    for model in ("trustfund", "pilotsupportscope"):
        ContentType.objects.get_or_create(app_label="programme", model=model)

    apps = _migrate(AFTER)
    receipt = apps.get_model("portal", "TrustFundReceipt").objects.get()
    assert (receipt.pledge.fund.name, receipt.pledge.amount) == ("STI fund", Decimal("1000.00"))
    moved_output = apps.get_model("portal", "SupportOutput").objects.get(pk=output.pk)
    assert list(moved_output.organisations.values_list("name", flat=True)) == ["Donor"]
    assert list(moved_output.components.values_list("name", flat=True)) == ["Peer learning"]
    scope = apps.get_model("pilots", "PilotSupportScope").objects.get(support_id=support.pk)
    assert (scope.steps, scope.goals) == ([1, 2], [9])
    ContentType = apps.get_model("contenttypes", "ContentType")
    moved = ContentType.objects.filter(model__in=["trustfund", "pilotsupportscope"])
    labels = set(moved.values_list("app_label", "model"))
    assert labels == {("portal", "trustfund"), ("pilots", "pilotsupportscope")}

    apps = _migrate(BEFORE)
    assert apps.get_model("programme", "TrustFundReceipt").objects.get().amount == Decimal("400.00")
    assert apps.get_model("programme", "SupportOutput").objects.get().components.count() == 1
    assert apps.get_model("programme", "PilotSupportScope").objects.get().goals == [9]
    ContentType = apps.get_model("contenttypes", "ContentType")
    assert ContentType.objects.filter(app_label="programme", model="trustfund").exists()
