"""The programme report PDF opens and holds what the secretariat hands to the STI Forum."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from egm.choices import MeetingStatus
from pilots.choices import PilotStatus, RoadmapStep, StepStatus
from pilots.models import PilotStep
from portal.models import TrustFund
from portal.workprogramme.services import exchange_rate_record, trust_fund_pledge_record
from roadmaps.choices import VersionStatus
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    PilotFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    finalised_assessment,
)

pytestmark = pytest.mark.django_db


def test_report_pdf_opens_and_holds_the_programme(staff_client, secretariat_user, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    for step in (RoadmapStep.OBJECTIVES, RoadmapStep.CURRENT_SITUATION):
        PilotStep.objects.create(
            pilot=pilot, step=step, status=StepStatus.DONE, completed_on=dt.date(2025, 1, 1)
        )
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.PUBLISHED
    )
    finalised_assessment(version, {**dict.fromkeys(range(1, 11), 2), 1: 4})
    MeetingFactory(
        title="3rd Expert Group Meeting on STI for SDGs roadmaps",
        status=MeetingStatus.HELD,
        start_date=dt.date(2018, 11, 27),
        end_date=dt.date(2018, 11, 29),
        city="Brussels",
    )
    MeetingFactory(
        title="A planned workshop",
        status=MeetingStatus.PLANNED,
        start_date=dt.date(2030, 1, 1),
        end_date=dt.date(2030, 1, 2),
    )
    fund = TrustFund.objects.create(name="Fund")
    for amount, currency in [("120000.00", "EUR"), ("5000.50", "CHF")]:
        trust_fund_pledge_record(
            actor=secretariat_user,
            fund=fund,
            donor=OrganisationFactory(),
            amount=Decimal(amount),
            currency=currency,
            pledged_on=dt.date(2026, 1, 1),
        )
    exchange_rate_record(
        actor=secretariat_user,
        currency="EUR",
        usd_per_unit=Decimal("1.1"),
        rate_on=dt.date(2026, 1, 31),
    )

    response = staff_client.get("/work-programme/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 1
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Global Pilot Programme on STI for SDGs Roadmaps" in text
    assert "Ghana Active 2 / 6 3" in text  # two steps done, working on step 3
    assert "Ghana v" in text and "2.20" in text  # overall mean of nine 2s and one 4
    assert "3rd Expert Group Meeting on STI for SDGs roadmaps" in text
    assert "A planned workshop" not in text
    assert "EUR 120,000.00 0.00 132,000.00 2026-01-31" in text
    assert "CHF 5,000.50 0.00 no rate recorded" in text
    assert "Not included for want of a recorded rate: CHF." in text


def test_report_is_the_secretariats(advisory_client):
    assert advisory_client.get("/work-programme/report.pdf").status_code == 403
