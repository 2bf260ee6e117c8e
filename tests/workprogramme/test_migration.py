"""The migration that makes the trust fund its own record turns existing data right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programme", "0004_trust_fund_support_and_public_release")]
AFTER = [("programme", "0006_pledges_belong_to_the_fund")]


@pytest.mark.slow  # migrates a schema of its own
@pytest.mark.django_db
def test_trust_fund_component_becomes_the_fund(empty_schema):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Component = apps.get_model("programme", "WorkProgrammeComponent")
    Organisation = apps.get_model("programme", "Organisation")
    Contribution = apps.get_model("programme", "TrustFundContribution")
    Milestone = apps.get_model("programme", "Milestone")
    peer = Component.objects.create(name="Peer learning", slug="peer-learning", order=1)
    fund_component = Component.objects.create(
        name="Trust fund", slug="trust-fund", description="Pooled resources.", order=5
    )
    donor = Organisation.objects.create(name="Donor", slug="donor", kind="funder")
    paid = Contribution.objects.create(
        donor=donor,
        component=fund_component,
        amount=Decimal("1000.00"),
        currency="EUR",
        pledged_on=dt.date(2019, 1, 1),
        received_on=dt.date(2019, 2, 1),
    )
    earmarked = Contribution.objects.create(
        donor=donor,
        component=peer,
        amount=Decimal("5.00"),
        currency="USD",
        pledged_on=dt.date(2019, 1, 1),
    )
    milestone = Milestone.objects.create(
        title="Fund report", kind="programme", due_on=dt.date(2019, 6, 1), component=fund_component
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Component = apps.get_model("programme", "WorkProgrammeComponent")
    TrustFund = apps.get_model("programme", "TrustFund")
    Contribution = apps.get_model("programme", "TrustFundContribution")
    Receipt = apps.get_model("programme", "TrustFundReceipt")
    Milestone = apps.get_model("programme", "Milestone")

    assert list(Component.objects.values_list("slug", flat=True)) == ["peer-learning"]
    fund = TrustFund.objects.get()
    assert fund.description == "Pooled resources."
    paid = Contribution.objects.get(pk=paid.pk)
    assert (paid.fund_id, paid.component_id) == (fund.pk, None)
    assert Contribution.objects.get(pk=earmarked.pk).component_id == peer.pk
    receipt = Receipt.objects.get()
    assert (receipt.pledge_id, receipt.amount, receipt.received_on) == (
        paid.pk,
        Decimal("1000.00"),
        dt.date(2019, 2, 1),
    )
    assert Milestone.objects.get(pk=milestone.pk).component_id is None
