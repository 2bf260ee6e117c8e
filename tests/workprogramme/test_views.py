"""Work-programme and public pages: what lists leave out, what forms refuse, and that nothing
else answers without signing in (who may open what: tests/web/routes_workprogramme.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pilots.choices import PilotStatus, SupportRole
from pilots.models import Country
from portal.models import TrustFund, TrustFundContribution, TrustFundReceipt
from portal.workprogramme.services import (
    pilot_support_record,
    public_release_consent_record,
    trust_fund_pledge_record,
)
from roadmaps.choices import VersionStatus
from roadmaps.models import PublicReleaseConsent
from tests.factories import (
    OrganisationFactory,
    PilotFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    finalised_assessment,
)
from tests.programme.test_cache_language import settle
from tests.querycount import counted

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(ghana, kenya, secretariat_user):
    gha = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    ken = PilotFactory(country=kenya, status=PilotStatus.INTERESTED)
    fund = TrustFund.objects.create(name="Fund")
    pledge = trust_fund_pledge_record(
        actor=secretariat_user,
        fund=fund,
        donor=OrganisationFactory(),
        amount=Decimal("1000.00"),
        currency="EUR",
        pledged_on=dt.date(2026, 1, 1),
    )
    released = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.PUBLISHED
    )
    finalised_assessment(released, dict.fromkeys(range(1, 11), 3))
    consent = public_release_consent_record(
        actor=secretariat_user,
        version=released,
        given_by="Minister of Science",
        given_on=dt.date(2026, 1, 5),
        evidence="Letter of 5 January 2026",
    )
    not_released = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=kenya), status=VersionStatus.PUBLISHED
    )
    return {
        "gha": gha,
        "ken": ken,
        "pledge": pledge,
        "released": released,
        "not_released": not_released,
        "consent": consent,
    }


# Which role may open each page of the area is asked of every role in the web permission table
# (tests/web/routes_workprogramme.py and routes_public.py).


def test_withdrawing_consent_is_the_secretariats(role_clients, objects):
    url = reverse("workprogramme:consent-withdraw", args=[objects["consent"].pk])
    for role in ["reviewer", "focal_own", "advisory", "partner"]:
        assert role_clients[role].post(url, {"withdrawn_on": "2026-02-01"}).status_code == 403
    assert role_clients["anonymous"].post(url, {"withdrawn_on": "2026-02-01"}).status_code == 302
    assert PublicReleaseConsent.objects.in_force().count() == 1
    role_clients["secretariat"].post(url, {"withdrawn_on": "2026-02-01"})
    assert PublicReleaseConsent.objects.in_force().count() == 0
    public = reverse("public:roadmap", args=[objects["released"].pk])
    assert role_clients["anonymous"].get(public).status_code == 404


def test_the_consent_list_links_to_the_withdrawal_page_and_shows_it_once_saved(
    staff_client, objects
):
    consent = objects["consent"]
    url = reverse("workprogramme:consent-list")
    withdraw = reverse("workprogramme:consent-withdraw", args=[consent.pk])
    settle()
    first, _page = counted(lambda: staff_client.get(url).content.decode())
    again, kept = counted(lambda: staff_client.get(url).content.decode())
    assert again < first, (again, first)  # the list was kept
    listed = kept.split("<tbody>")[1]
    assert f'href="{withdraw}"' in listed and "<form" not in listed
    form = staff_client.get(withdraw)
    assert form.status_code == 200 and 'name="withdrawn_on"' in form.content.decode()
    assert staff_client.post(withdraw, {"withdrawn_on": ""}).status_code == 400
    response = staff_client.post(withdraw, {"withdrawn_on": "2026-02-01"})
    assert response.status_code == 302 and response.url == url
    settle()
    listed = staff_client.get(url).content.decode().split("<tbody>")[1]
    assert f'href="{withdraw}"' not in listed and "Withdrawn on" in listed


def test_public_site_lists_only_what_was_made_public(client, objects):
    page = client.get(reverse("public:home")).content.decode()
    assert "Ghana" in page and objects["released"].roadmap.title in page
    assert objects["not_released"].roadmap.title not in page
    assert "Kenya" not in page  # only interested
    assert "creativecommons.org/licenses/by/4.0" in page
    rows = client.get(reverse("public:download", args=["roadmaps", "json"])).json()
    assert rows["licence"]["name"] == "Creative Commons Attribution 4.0"
    assert [r["country_iso3"] for r in rows["rows"]] == ["GHA"]
    assert rows["rows"][0]["overall_score"] == "3.00"
    csv_text = client.get(reverse("public:download", args=["pilots", "csv"])).content.decode()
    assert "GHA" in csv_text and "KEN" not in csv_text
    assert client.get(reverse("public:download", args=["users", "csv"])).status_code == 404


def test_country_page_links_out_where_a_record_is_noted(client, objects):
    from portal.models import CountryRecordLink

    CountryRecordLink.objects.create(
        country=objects["gha"].country, source="go_spin", record="country/ghana"
    )
    page = client.get(reverse("public:pilot", args=[objects["gha"].pk])).content.decode()
    assert 'href="https://gospin.unesco.org/country/ghana"' in page
    assert "stip.oecd.org" not in page


def _routes(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)
        else:
            yield from _routes(entry, prefix + str(entry.pattern))


# Paths anyone may open: the public site, signing in and password reset, the API's schema and
# docs, and the error pages shown only while DEBUG is on.
OPEN_PREFIXES = ("public/", "accounts/login", "accounts/password_reset", "accounts/reset")
# The public calendar (public milestones and meetings) is meant for calendar apps, signed in or
# not; private feeds and mute links answer only to their secret or signed token.
OPEN_EXACT = {
    "api/v1/schema/",
    "api/v1/docs/",
    "accounts/logout/",
    "admin/login/",
    "admin/logout/",
    "calendar/public.ics",
    # The site's icon, which browsers ask for on every page, the sign-in page included.
    "favicon.ico",
}


def test_nothing_else_answers_without_signing_in(client, objects):
    import re

    checked = 0
    for route in _routes(get_resolver()):
        path = re.sub(r"<int:\w+>", "1", route)
        path = re.sub(r"<(?:str|slug|path|uuid)?:?\w+>", "x", path)
        path = re.sub(r"\^|\$|\\", "", path)
        if path.startswith(OPEN_PREFIXES) or path in OPEN_EXACT or path.startswith("_errors"):
            continue
        if "(?P" in path or "[" in path:
            continue  # the admin's regex routes: the admin is checked by its own login below
        response = client.get("/" + path)
        checked += 1
        if response.status_code == 302:
            assert "login" in response["Location"], path
        else:
            assert response.status_code in (401, 404, 405), (path, response.status_code)
            assert objects["released"].roadmap.title.encode() not in response.content
    assert checked > 40
    assert client.get("/admin/").status_code == 302


def test_pledge_form_shows_errors_and_saves_nothing(staff_client, objects):
    url = reverse("workprogramme:pledge-create")
    body = {
        "fund": objects["pledge"].fund_id,
        "donor": objects["pledge"].donor_id,
        "amount": "-10",
        "currency": "EUR",
        "pledged_on": "2026-01-01",
    }
    # A form sent back with its errors is a 400, as the API answers bad input.
    response = staff_client.post(url, body)
    assert response.status_code == 400
    assert "Enter an amount above zero." in response.content.decode()
    response = staff_client.post(url, {**body, "amount": "10", "currency": "XYZ"})
    assert response.status_code == 400 and "currency" in response.context["form"].errors
    assert TrustFundContribution.objects.count() == 1
    response = staff_client.post(url, {**body, "amount": "10.50"})
    assert response.status_code == 302
    assert TrustFundContribution.objects.count() == 2


def test_receipt_before_its_pledge_is_refused_on_the_form(staff_client, objects):
    url = reverse("workprogramme:receipt-create", args=[objects["pledge"].pk])
    response = staff_client.post(url, {"amount": "10", "received_on": "2025-12-31"})
    assert "received_on" in response.context["form"].errors
    assert not TrustFundReceipt.objects.exists()


def test_overlapping_support_is_refused_on_the_form(staff_client, objects, secretariat_user):
    org = OrganisationFactory()
    pilot_support_record(
        actor=secretariat_user,
        pilot=objects["gha"],
        organisation=org,
        role=SupportRole.SUPPORTER,
        start_on=dt.date(2026, 1, 1),
        steps=[1],
    )
    url = reverse("workprogramme:support-create")
    body = {
        "pilot": objects["gha"].pk,
        "organisation": org.pk,
        "role": SupportRole.SUPPORTER,
        "start_on": "2026-03-01",
        "steps": ["2"],
    }
    response = staff_client.post(url, body)
    assert "start_on" in response.context["form"].errors
    response = staff_client.post(url, {**body, "start_on": "2026-03-01", "end_on": "2026-02-01"})
    assert "end_on" in response.context["form"].errors


def test_landscape_names_gaps_and_overlaps_in_words(staff_client, objects, secretariat_user):
    for _n in range(3):
        pilot_support_record(
            actor=secretariat_user,
            pilot=objects["gha"],
            organisation=OrganisationFactory(),
            role=SupportRole.SUPPORTER,
            steps=[2],
        )
    page = staff_client.get(reverse("workprogramme:landscape")).content.decode()
    # Every filter starts at "Any": an unfiltered page hides nothing.
    assert page.count('<option value="" selected>Any</option>') == 4
    # Ghana: steps 1, 3-6 unsupported; Kenya (interested, shown to the secretariat): all six.
    assert "1 overlap" in page and "11 gaps" in page
    assert '<span class="badge flag-gap">Gap</span> Ghana: step 1' in page
    export = staff_client.get(reverse("workprogramme:landscape-export") + "?format=xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(export.content))
    flags = [row for row in book["gaps and overlaps"].iter_rows(values_only=True)][1:]
    assert flags[-1][:4] == ("Ghana", 2, "Assessment of the current situation", "overlap")
    assert len(list(book["support"].iter_rows())) == 4  # header + three records
    csv_text = staff_client.get(reverse("workprogramme:landscape-export") + "?format=csv")
    assert (
        csv_text.content.decode().splitlines()[0]
        == "organisation,pilot,role,steps,sdgs,start_on,end_on"
    )


def test_country_filter_cannot_cross_into_other_countries_for_focal_points(
    focal_point_client, objects
):
    # Kenya's pilot is not announced: its peer page is not found, not forbidden.
    url = reverse("workprogramme:peer-learning", args=[objects["ken"].pk])
    assert focal_point_client.get(url).status_code == 404
    assert Country.objects.filter(iso3="KEN").exists()


def test_lists_leave_out_what_a_role_may_not_see(advisory_client, staff_client, objects):
    from portal.workprogramme.services import pilot_support_record as record
    from programme.models import User

    secretariat = User.objects.get(username="sec")
    record(
        actor=secretariat,
        pilot=objects["ken"],
        organisation=OrganisationFactory(name="Hidden Helper", acronym="HIDDENHELPER"),
        role=SupportRole.DONOR,
        steps=[1],
    )
    url = reverse("workprogramme:landscape")
    assert "HIDDENHELPER" in staff_client.get(url).content.decode()
    page = advisory_client.get(url).content.decode()
    assert "HIDDENHELPER" not in page and "Kenya" not in page
    export = advisory_client.get(reverse("workprogramme:landscape-export") + "?format=csv")
    assert b"HIDDENHELPER" not in export.content


def test_overview_shows_each_components_activity(staff_client, objects):
    from programme.models import WorkProgrammeComponent

    WorkProgrammeComponent.objects.create(
        name="Knowledge and advocacy", slug="knowledge-and-advocacy"
    )
    page = staff_client.get(reverse("workprogramme:overview")).content.decode()
    assert "1 roadmaps released to the public" in page


def test_the_secretariat_notes_country_records(role_clients, objects):
    from portal.models import CountryRecordLink

    pilot = objects["gha"]
    url = reverse("workprogramme:country-record-set", args=[pilot.pk])
    body = {"source": "stip_compass", "record": "/countries/ghana"}
    assert role_clients["anonymous"].post(url, body).status_code == 302
    for role in ["reviewer", "focal_own", "advisory", "partner"]:
        assert role_clients[role].post(url, body).status_code == 403
    assert not CountryRecordLink.objects.exists()
    role_clients["secretariat"].post(url, {**body, "record": "javascript://x"})
    assert not CountryRecordLink.objects.exists()
    role_clients["secretariat"].post(url, body)
    detail = role_clients["focal_own"].get(reverse("pilots:pilot-detail", args=[pilot.pk]))
    assert 'href="https://stip.oecd.org/countries/ghana"' in detail.content.decode()
    role_clients["secretariat"].post(url, {**body, "record": ""})
    assert not CountryRecordLink.objects.exists()
