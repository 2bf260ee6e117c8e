"""The programme report PDF opens and holds what the secretariat hands to the STI Forum."""

from __future__ import annotations

import datetime as dt
import io
import re
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
    GuidebookEditionFactory,
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
    text = _text(response.content)
    assert "Global Pilot Programme on STI for SDGs Roadmaps" in text
    assert "Ghana Active 2 / 6 3" in text  # two steps done, working on step 3
    assert "Ghana v" in text and "2.20" in text  # overall mean of nine 2s and one 4
    # The default period (since 1 January of last year) leaves the 2018 meeting out.
    assert "3rd Expert Group Meeting on STI for SDGs roadmaps" not in text
    assert "A planned workshop" not in text
    assert "EUR 120,000.00 0.00 132,000.00 31 January 2026" in text
    assert "CHF 5,000.50 0.00 no rate recorded no rate recorded" in text
    assert not re.search(r"(?<![\d,. ])0[.,]00 USD", text)
    assert "Not included for want of a recorded rate: CHF." in text


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    # French and Spanish group thousands with (narrow) no-break spaces.
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture
def programme(secretariat_user, ghana):
    """A pilot, a finalised assessment, a meeting held in 2018 and one in 2026, an edition
    with no chapter, a fund with a pledge of 250 000 EUR and a rate."""
    PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.PUBLISHED
    )
    assessment = finalised_assessment(version, dict.fromkeys(range(1, 11), 3))
    # Finalised in the middle of the period the tests ask for.
    type(assessment).objects.filter(pk=assessment.pk).update(
        finalised_at=dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    )
    MeetingFactory(
        title="3rd Expert Group Meeting on STI for SDGs roadmaps",
        status=MeetingStatus.HELD,
        start_date=dt.date(2018, 11, 27),
        end_date=dt.date(2018, 11, 29),
        city="Brussels",
    )
    MeetingFactory(
        title="Réunion des cœurs de réseau",
        status=MeetingStatus.HELD,
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2026, 12, 1),
    )
    GuidebookEditionFactory(title="Guidebook in preparation", status="planned")
    fund = TrustFund.objects.create(name="Fund")
    trust_fund_pledge_record(
        actor=secretariat_user,
        fund=fund,
        donor=OrganisationFactory(),
        amount=Decimal("250000.00"),
        currency="EUR",
        pledged_on=dt.date(2026, 1, 1),
    )
    exchange_rate_record(
        actor=secretariat_user,
        currency="EUR",
        usd_per_unit=Decimal("1.1"),
        rate_on=dt.date(2026, 12, 1),
    )


PERIOD = {"start": "2026-01-01", "end": "2026-12-06"}
IN_LANGUAGE = {
    "en": [
        "Reporting period: 1 January 2026 to 6 December 2026.",
        "Key figures",
        "Réunion des cœurs de réseau was held on 1 December 2026.",
        "EUR 250,000.00 0.00 275,000.00 1 December 2026",
        "Guidebook in preparation (Edition",
        "not started",
    ],
    "fr": [
        "Période couverte : du 1 janvier 2026 au 6 décembre 2026.",
        "Chiffres clés",
        "Réunion des cœurs de réseau s'est tenue le 1 décembre 2026.",
        "EUR 250 000,00 0,00 275 000,00 1 décembre 2026",
        "pas commencé",
    ],
    "es": [
        "Periodo del informe: del 1 de enero de 2026 al 6 de diciembre de 2026.",
        "Cifras clave",
        "Réunion des cœurs de réseau se celebró el 1 de diciembre de 2026.",
        "EUR 250 000,00 0,00 275 000,00 1 de diciembre de 2026",
        "sin empezar",
    ],
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_report_summarises_the_chosen_period_in_the_readers_language(
    language, programme, staff_client
):
    response = staff_client.get("/work-programme/report.pdf", PERIOD, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert "2026-01-01-2026-12-06" in response["Content-Disposition"]
    text = _text(response.content)
    for expected in IN_LANGUAGE[language]:
        assert expected in text, f"{language}: {expected!r} not in {text[:3000]}"
    # The meeting of 2018 is outside the period; the chart and the table leave it out.
    assert "3rd Expert Group Meeting" not in text
    # Nothing misleading where data is missing: no zero chapters, no zero dollars.
    assert "0 / 0" not in text and not re.search(r"(?<![\d,. ])0[.,]00 USD", text)
    # The scores: the bar chart's caption and the mean of ten 3s.
    assert "3.00" in text or "3,00" in text


def test_report_draws_its_charts(programme, staff_client):
    content = staff_client.get("/work-programme/report.pdf", PERIOD).content
    reader = PdfReader(io.BytesIO(content))
    drawn = b"".join(page.get_contents().get_data() for page in reader.pages)
    # Filled rectangles (score bars, meeting bars) and the diamond paths of the timeline.
    assert drawn.count(b" re f") + drawn.count(b" re\nf") + drawn.count(b"re f") >= 2
    text = _text(content)
    assert "Overall mean of the ten criteria" in text
    assert "Green bars: meetings held" in text


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-05-01", "end": "2026-04-01"}, "start"),
        ({"start": "2026-01-01", "end": "2999-01-01"}, "end"),
        ({"start": "not a day", "end": "2026-04-01"}, "start"),
        ({"end": "2026-04-01"}, "start"),
    ],
)
def test_a_period_that_does_not_hold_answers_400_with_the_form(staff_client, params, field):
    response = staff_client.get("/work-programme/report.pdf", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert field in response.context["form"].errors


def test_the_work_programme_page_offers_the_period(staff_client):
    html = staff_client.get("/work-programme/").content.decode()
    assert 'name="start"' in html and 'name="end"' in html


def test_report_is_the_secretariats(advisory_client):
    assert advisory_client.get("/work-programme/report.pdf").status_code == 403


@pytest.mark.parametrize(
    ("illustrative", "language", "marked"),
    [(True, "en", "(illustrative)"), (True, "fr", "(à titre"), (False, "en", None)],
)
def test_made_up_drafts_and_scores_read_as_illustrative(
    illustrative, language, marked, staff_client, ghana
):
    """A demonstration's draft and scores are printed as illustrative, never as the record."""
    PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana),
        status=VersionStatus.PUBLISHED,
        illustrative=illustrative,
    )
    assessment = finalised_assessment(version, dict.fromkeys(range(1, 11), 2))
    assessment.illustrative = illustrative
    assessment.save(update_fields=["illustrative"])
    response = staff_client.get(
        "/work-programme/report.pdf",
        {"start": "2000-01-01", "end": dt.date.today().isoformat()},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    text = _text(response.content)
    if marked:
        assert f"Ghana {marked}" in text, text[:3000]
    else:
        assert "(illustrative)" not in text and "made up for a demonstration" not in text
