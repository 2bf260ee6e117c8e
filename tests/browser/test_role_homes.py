"""Each demo role's home page in a real browser: "Your tasks" at the top, every task a link
that opens (no 403 or 404), only the figures that mean something to the role, axe-clean; then
the secretariat's review path through the pages' primary buttons: the review queue, assigning
a reviewer, the reviewer scoring, consolidating, accepting and publishing.

Runs on the demo programme (`seed_demo`), one live server for the module (conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser
SERIOUS = {"serious", "critical"}


def axe_findings(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{page.url}: {v['id']} {[n['target'] for n in v['nodes']][:2]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in SERIOUS
    ]


def tasks_of(page) -> list[tuple[str, str]]:
    section = page.locator("section[aria-labelledby=tasks-h]")
    assert section.count() == 1, "no 'Your tasks' section"
    return [(link.inner_text(), link.get_attribute("href")) for link in section.locator("a").all()]


def open_every(page, base: str, hrefs) -> None:
    for href in hrefs:
        status = page.request.get(base + href).status
        assert status == 200, f"{href} answered {status}"


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("secretariat", ["versions in the review queue", "Assign reviewers: Ethiopia v2"]),
        ("focal.ghana", ["Submit or delete draft v3"]),
        ("focal.kenya", ["Submit or delete draft v2"]),
        ("reviewer", []),
        # Invited (illustratively) to comment on the Guidebook's first chapter in the demo.
        ("adviser", ["Comment on chapter 1"]),
        ("partner", []),
    ],
)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_each_roles_home_starts_with_its_tasks(sign_in, demo, username, expected, viewport):
    page = sign_in(username, viewport)
    tasks = tasks_of(page)
    labels = [label for label, _href in tasks]
    for wanted in expected:
        assert any(wanted in label for label in labels), f"{username}: {labels}"
    if not expected:
        assert page.get_by_text("Nothing waits for you now.").count() == 1 or tasks
    open_every(page, demo.url, [href for _label, href in tasks])
    # No "upload a new version" urged on top of an unsubmitted draft.
    if username.startswith("focal"):
        assert not any("Upload" in label for label in labels)
    # Figures: the review queue's only for whom it is a workplace; no red on nothing overdue.
    queue_card = page.get_by_role("link", name="in the review queue")
    assert (queue_card.count() > 0) == (username == "secretariat")
    assert page.locator(".stat-card.border-danger", has_text="0").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_findings(page) == []


def test_the_menu_keeps_to_one_row_at_1280(sign_in):
    page = sign_in("secretariat", DESKTOP)
    assert page.locator("header nav").bounding_box()["height"] < 70
    page.goto(page.url)  # the same, in French
    page.locator("header .dropdown-toggle").last.click()
    page.select_option("#id_header_language", "fr")
    page.locator(".language-switcher button").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("header nav").bounding_box()["height"] < 70
    # The choice is kept on the account: back to English for the walks that follow.
    page.locator("header .dropdown-toggle").last.click()
    page.select_option("#id_header_language", "en")
    page.locator(".language-switcher button").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_secretariats_review_path(sign_in, demo):
    """Ethiopia v2 is submitted in the demo, with no reviewer yet."""
    base = demo.url
    sec = sign_in("secretariat")
    sec.get_by_role("link", name="Review queue").first.click()
    sec.wait_for_load_state()
    assert axe_findings(sec) == []
    row = sec.locator("tr", has_text="Ethiopia")
    row.get_by_role("link", name="Assign reviewers").click()
    sec.wait_for_load_state()
    # Nothing to consolidate yet: no consolidation form.
    assert sec.locator("button[value=finalise]").count() == 0
    sec.locator("#id_reviewer").select_option(label="Rita Reviewer")
    sec.locator("#id_due_on").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    sec.get_by_role("button", name="Assign and notify").click()
    sec.wait_for_load_state()
    assert "1 review" in sec.content() or "0 of 1" in sec.content()

    # The reviewer finds the review on their home page and scores it.
    rev = sign_in("reviewer")
    rev.get_by_role("link", name="Score Ethiopia v2").click()
    rev.wait_for_load_state()
    assert rev.get_by_text("0 of 10 scored").count() >= 1
    rev.get_by_role("button", name="Submit review").click()  # nothing scored: refused
    rev.wait_for_load_state()
    summary = rev.locator("#error-summary")
    assert summary.count() == 1 and summary.locator("a").count() >= 1
    for number in range(1, 11):
        rev.locator(f"#id_c{number}-score_3").check()
        rev.locator(f"#id_c{number}-justification").fill(f"Section {number} sets this out.")
    rev.get_by_role("button", name="Submit review").click()
    rev.wait_for_load_state()
    assert rev.get_by_text("Your review is submitted and locked").count() == 1
    assert axe_findings(rev) == []

    # Reviews in: the queue's step is to consolidate; the form is there now.
    sec.goto(base + "/roadmaps/versions/queue/")
    sec.locator("tr", has_text="Ethiopia").get_by_role(
        "link", name="Consolidate the reviews"
    ).click()
    sec.wait_for_load_state()
    assert sec.locator("#id_c1-insufficient_information").is_checked() is False
    sec.get_by_label("Summary").fill("A clear draft; strengthen the monitoring plan.")
    sec.get_by_role("button", name="Save and finalise").click()
    sec.wait_for_load_state()
    # The scorecard leads back to the version, where accepting is the primary button.
    sec.get_by_role("link", name="accept or publish").click()
    sec.wait_for_load_state()
    accept = sec.locator("button.btn-primary", has_text="Accept")
    assert accept.count() == 1
    accept.click()
    sec.wait_for_load_state()
    publish = sec.locator("button.btn-primary", has_text="Publish")
    assert publish.count() == 1
    publish.click()
    sec.wait_for_load_state()
    assert sec.get_by_text("This version is published.").count() == 1
    assert axe_findings(sec) == []
