"""The trust fund was kept as a fifth work-programme component; it is its own record.

- A component named "Trust fund" becomes the TrustFund (its name and description); money that
  was "earmarked" to it is simply unearmarked money of the fund, milestones that pointed at it
  lose the component, and the component is deleted.
- Every existing contribution belongs to the fund (one is made if none came from a component).
- A contribution's `received_on` becomes a receipt of its whole amount on that date.
"""

from django.db import migrations

DEFAULT_FUND_NAME = "Trust fund for STI for SDGs roadmaps"


def forwards(apps, schema_editor):
    Component = apps.get_model("programme", "WorkProgrammeComponent")
    TrustFund = apps.get_model("programme", "TrustFund")
    Contribution = apps.get_model("programme", "TrustFundContribution")
    Receipt = apps.get_model("programme", "TrustFundReceipt")
    Milestone = apps.get_model("programme", "Milestone")

    old = Component.objects.filter(name__iexact="trust fund").first() or Component.objects.filter(
        slug="trust-fund"
    ).first()
    fund = None
    if old is not None:
        fund, _ = TrustFund.objects.get_or_create(
            name=DEFAULT_FUND_NAME, defaults={"description": old.description}
        )
        Contribution.objects.filter(component=old).update(component=None)
        Milestone.objects.filter(component=old).update(component=None)
        old.lead_organisations.clear()
        old.delete()
    if fund is None and Contribution.objects.exists():
        fund, _ = TrustFund.objects.get_or_create(name=DEFAULT_FUND_NAME)
    if fund is not None:
        Contribution.objects.filter(fund__isnull=True).update(fund=fund)
    Receipt.objects.bulk_create(
        Receipt(pledge_id=c.pk, amount=c.amount, received_on=c.received_on)
        for c in Contribution.objects.filter(received_on__isnull=False)
    )


def backwards(apps, schema_editor):
    Component = apps.get_model("programme", "WorkProgrammeComponent")
    TrustFund = apps.get_model("programme", "TrustFund")
    Contribution = apps.get_model("programme", "TrustFundContribution")
    Receipt = apps.get_model("programme", "TrustFundReceipt")
    for contribution in Contribution.objects.all():
        first = Receipt.objects.filter(pledge_id=contribution.pk).order_by("received_on").first()
        contribution.received_on = first.received_on if first else None
        contribution.save(update_fields=["received_on"])
    Receipt.objects.all().delete()
    for fund in TrustFund.objects.all():
        Component.objects.get_or_create(
            slug="trust-fund",
            defaults={"name": "Trust fund", "description": fund.description, "order": 5},
        )


class Migration(migrations.Migration):
    dependencies = [("programme", "0004_trust_fund_support_and_public_release")]

    operations = [migrations.RunPython(forwards, backwards)]
