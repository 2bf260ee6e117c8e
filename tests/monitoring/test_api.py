"""The monitoring API: partners read only approved updates of published roadmaps, exports,
and the IATI-style results export."""

import json
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from monitoring import services
from monitoring.models import SdgIndicator
from tests.factories import api_token_for
from tests.programme.test_cache_language import settle

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_api(partner_user):
    from django.test import Client

    _token, key = api_token_for(partner_user)
    return Client(headers={"authorization": f"Token {key}"})


def _submit(update, actor, indicators, action):
    services.update_save(
        actor=actor,
        update=update,
        narrative="Grants awarded.",
        values={indicators[0].pk: Decimal("15"), indicators[1].pk: Decimal("9.5")},
        statuses={action.pk: "on_track"},
    )
    services.update_transition(actor=actor, update=update, to_status="submitted")


def test_partners_read_an_update_only_once_approved(
    period, indicators, action, focal_point_user, secretariat_user, partner_api
):
    update = services.update_start(actor=focal_point_user, period=period)
    url = reverse("api:country-update-detail", args=[update.pk])
    listing = reverse("api:country-update-list")
    assert partner_api.get(url).status_code == 404
    _submit(update, focal_point_user, indicators, action)
    assert partner_api.get(url).status_code == 404
    services.update_transition(
        actor=secretariat_user, update=update, to_status="returned", comment="Source?"
    )
    assert partner_api.get(url).status_code == 404
    assert partner_api.get(listing).json()["count"] == 0
    services.update_transition(actor=focal_point_user, update=update, to_status="submitted")
    services.update_transition(actor=secretariat_user, update=update, to_status="approved")
    body = partner_api.get(url).json()
    assert body["status"] == "approved"
    assert {v["indicator"]: v["value"] for v in body["values"]}[indicators[0].pk] == "15.0000"
    assert partner_api.get(listing).json()["count"] == 1
    export = partner_api.get(reverse("api:country-update-export"), {"format": "csv"})
    assert export.status_code == 200 and b"Grants awarded." in b"".join(export.streaming_content)


def test_hidden_and_unknown_filters_answer_the_same(
    period, focal_point_user, partner_api, kenya_roadmap
):
    services.update_start(actor=focal_point_user, period=period)
    listing = reverse("api:country-update-list")
    hidden = partner_api.get(listing, {"period": period.pk}).json()
    unknown = partner_api.get(listing, {"period": 987654}).json()
    assert hidden["count"] == unknown["count"] == 0


def test_the_iati_results_export(
    period, indicators, action, framework, focal_point_user, secretariat_user, partner_api
):
    indicators[0].sdg_indicator = SdgIndicator.objects.get(code="9.5.1")
    indicators[0].save()
    update = services.update_start(actor=focal_point_user, period=period)
    _submit(update, focal_point_user, indicators, action)
    url = reverse("api:results-framework-iati", args=[framework.pk])
    # Not approved yet: the partner sees targets but no actual. (The writes are settled, so
    # this answer is kept: the approval must still show in the next one.)
    settle()
    body = partner_api.get(url).json()
    period_row = body["iati-activity"]["result"][0]["indicator"][0]["period"][0]
    assert period_row["target"] == {"value": "20"} and period_row["actual"] is None
    services.update_transition(actor=secretariat_user, update=update, to_status="approved")
    settle()
    body = partner_api.get(url).json()
    result = body["iati-activity"]["result"][0]
    indicator = result["indicator"][0]
    assert result["type"] == "2" and indicator["ascending"] == "1" and indicator["measure"] == "2"
    assert indicator["baseline"]["year"] == "2020" and indicator["baseline"]["value"] == "10"
    assert indicator["reference"] == [{"vocabulary": "9", "code": "9.5.1"}]
    assert indicator["period"][0]["period-start"] == {"iso-date": "2021-01-01"}
    assert indicator["period"][0]["actual"] == {"value": "15"}
    xml = partner_api.get(url, {"format": "xml"})
    root = ET.fromstring(xml.content)
    assert root.tag == "iati-activities"
    actual = root.find("iati-activity/result/indicator/period/actual")
    assert actual is not None and actual.get("value") == "15"
    assert root.find("iati-activity/result/indicator/baseline").get("year") == "2020"
    assert partner_api.get(url, {"format": "pdf"}).status_code == 400
    json.dumps(body)  # plain JSON


def test_sdg_indicators_are_reference_data(partner_api, reference_data):
    body = partner_api.get(reverse("api:sdg-indicator-list"), {"target": "9.5"}).json()
    assert [row["code"] for row in body["results"]] == ["9.5.1", "9.5.2"]
