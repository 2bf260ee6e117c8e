"""The learning loop in a real browser, on the demo programme (Ghana's illustrative results
framework, whose 2026 period waits for the country's update):

focal.ghana sees the update due on the dashboard, fills it in (narrative, a value per indicator,
the action's status), adds a link and a file as evidence, and submits it; the secretariat finds
it among the updates to review and returns it with a comment; the focal point reads the
comment, fixes the value and submits again; the secretariat approves it. A partner reads it from
the API, the CSV export and the IATI results export only once it is approved.

Then the indicator chart (results page) and the programme view at 1280 and 390 px: screenshots
go to `.local/screens/` for people to look at, and the test fails if a page scrolls sideways.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import requests
from django.conf import settings

from monitoring.models import CountryUpdate, ReportingPeriod, ResultsFramework
from programme.models import User
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import MINIMAL_PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = Path(settings.BASE_DIR) / ".local" / "screens"


@pytest.fixture
def ghana_published(demo):
    """Ghana's accepted version published (partners read approved updates of published
    roadmaps only; the framework is on the draft that follows it), and a partner token."""
    from programme.services import api_token_create
    from roadmaps.services import roadmap_version_transition

    secretariat = User.objects.get(username="secretariat")
    framework = ResultsFramework.objects.select_related("version", "roadmap").get(
        roadmap__country__iso3="GHA"
    )
    accepted = framework.roadmap.versions.get(status="accepted")
    roadmap_version_transition(actor=secretariat, version=accepted, to_status="published")
    _token, key = api_token_create(
        actor=secretariat, user=User.objects.get(username="partner"), name="Loop test"
    )
    return framework, key


def _partner_reads(base: str, key: str, update_pk: int, period_pk: int, framework_pk: int):
    """What the partner reads of this update: from the API list, the CSV export, and the IATI
    export's actual for the period's year."""
    headers = {"Authorization": f"Token {key}"}
    listed = requests.get(
        f"{base}/api/v1/country-updates/", headers=headers, timeout=30, params={"page_size": 100}
    )
    assert listed.status_code == 200, listed.text
    rows = [r for r in listed.json()["results"] if r["id"] == update_pk]
    export = requests.get(
        f"{base}/api/v1/country-updates/export/?format=csv", headers=headers, timeout=30
    )
    assert export.status_code == 200
    exported = [r for r in csv.DictReader(io.StringIO(export.text)) if r["id"] == str(update_pk)]
    iati = requests.get(
        f"{base}/api/v1/results-frameworks/{framework_pk}/iati/", headers=headers, timeout=30
    )
    assert iati.status_code == 200, iati.text
    year = ReportingPeriod.objects.get(pk=period_pk).starts_on.year
    actuals = [
        period.get("actual", {}).get("value")
        for result in iati.json()["iati-activity"]["result"]
        for indicator in result["indicator"]
        for period in indicator["period"]
        if period["period-start"]["iso-date"].startswith(str(year)) and period.get("actual")
    ]
    return rows, exported, actuals


def _press(page, name: str) -> None:
    """Press a form's button and wait for the page the form leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _no_sideways_scroll(page) -> None:
    """Neither the page nor any table cell in it reaches past the window's right edge (a cell
    hidden in a table's own scroll box counts: it is clipped)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} is {width} px wide in a {viewport} px window"
    clipped = page.evaluate(
        "() => Array.from(document.querySelectorAll('main th, main td, main svg'))"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(e => e.textContent.trim().slice(0, 40))"
    )
    assert clipped == [], f"{page.url} at {viewport} px clips {clipped}"


def test_the_learning_loop_in_the_browser(demo, sign_in, ghana_published):
    framework, key = ghana_published
    base = demo.url
    roadmap = framework.roadmap
    period = ReportingPeriod.objects.filter(roadmap=roadmap).order_by("-starts_on").first()
    milestone = period.milestone

    # The focal point's dashboard shows the update due, with its date.
    focal = sign_in("focal.ghana")
    due = focal.locator("li", has_text=milestone.title).first
    assert due.locator(f"time[datetime='{milestone.due_on:%Y-%m-%d}']").count() == 1

    # Start and fill in the update.
    focal.goto(f"{base}/monitoring/roadmaps/{roadmap.pk}/")
    focal.get_by_role("button", name="Start the update").click()
    focal.wait_for_url("**/edit/")
    update = CountryUpdate.objects.get(period=period)
    focal.get_by_label("Narrative").fill("The second call for grants closed; 41 awarded.")
    focal.get_by_label("Gross domestic expenditure on R&D (illustrative) (in % of GDP)").fill(
        "0.55"
    )
    focal.get_by_label("Research grants awarded (illustrative) (in grants)").fill("14")
    focal.get_by_label("Status of “Competitive research grants for SDG priorities").select_option(
        "on_track"
    )
    focal.get_by_role("button", name="Save").click()
    focal.wait_for_url(f"**/monitoring/updates/{update.pk}/")
    assert "Update saved." in focal.content()

    # Evidence: a link and a file.
    focal.get_by_label("Title").fill("Grant awards, 2026 call")
    focal.get_by_label("Or a link").fill("https://example.org/grants-2026")
    _press(focal, "Add")
    focal.get_by_label("Title").fill("Award letters")
    focal.get_by_label("File").set_input_files(
        files=[{"name": "awards.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}]
    )
    _press(focal, "Add")
    assert update.evidence.count() == 2
    assert focal.get_by_role("link", name="Award letters", exact=True).count() == 1

    # Submit.
    _press(focal, "Submit to the secretariat")
    update.refresh_from_db()
    assert update.status == "submitted"
    rows, exported, _actuals = _partner_reads(base, key, update.pk, period.pk, framework.pk)
    assert rows == [] and exported == [], "a partner read a submitted update"

    # The secretariat finds it among the updates to review and returns it.
    sec = sign_in("secretariat")
    sec.get_by_role("link", name=str(update)).click()
    sec.wait_for_url(f"**/monitoring/updates/{update.pk}/")
    comment = "The grants figure disagrees with the award letters: please check it."
    sec.locator("#comment-returned").fill(comment)
    _press(sec, "Return with comments")
    update.refresh_from_db()
    assert update.status == "returned"
    rows, exported, _actuals = _partner_reads(base, key, update.pk, period.pk, framework.pk)
    assert rows == [] and exported == [], "a partner read a returned update"

    # The focal point reads the comment, fixes the value and submits again.
    focal.goto(f"{base}/monitoring/updates/{update.pk}/")
    assert comment in focal.content()
    focal.get_by_role("link", name="Fill in the update").click()
    focal.get_by_label("Research grants awarded (illustrative) (in grants)").fill("41")
    focal.get_by_role("button", name="Save").click()
    focal.wait_for_url(f"**/monitoring/updates/{update.pk}/")
    _press(focal, "Submit to the secretariat")
    update.refresh_from_db()
    assert update.status == "submitted"
    assert {str(v.value.normalize()) for v in update.values.all()} == {"0.55", "41"}

    # The secretariat approves it.
    sec.goto(f"{base}/monitoring/updates/{update.pk}/")
    _press(sec, "Approve")
    update.refresh_from_db()
    assert update.status == "approved"

    # Only now the partner reads it: the values, the status and the evidence.
    rows, exported, actuals = _partner_reads(base, key, update.pk, period.pk, framework.pk)
    assert len(rows) == 1 and len(exported) == 1
    assert sorted(float(v["value"]) for v in rows[0]["values"]) == [0.55, 41.0]
    assert [s["status"] for s in rows[0]["action_statuses"]] == ["on_track"]
    assert {e["title"] for e in rows[0]["evidence"]} == {
        "Grant awards, 2026 call",
        "Award letters",
    }
    assert "41" in exported[0]["values"]
    assert sorted(float(a) for a in actuals) == [0.55, 41.0]

    # The results page and the programme view, on a desk and on a phone.
    SCREENS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("1280", DESKTOP), ("390", PHONE)):
        page = sign_in("secretariat", viewport)
        for label, path in (
            ("results", f"/monitoring/roadmaps/{roadmap.pk}/"),
            ("programme", "/monitoring/"),
        ):
            page.goto(f"{base}{path}")
            page.screenshot(path=str(SCREENS / f"monitoring-{label}-{name}.png"), full_page=True)
            _no_sideways_scroll(page)
        # The chart has its table beside it, with the approved 2026 actual.
        page.goto(f"{base}/monitoring/roadmaps/{roadmap.pk}/")
        assert page.locator("main svg").first.is_visible()  # the chart, not the header's icons
        assert page.locator("table", has_text="41").count() >= 1
