"""The whole journey in a real browser (the system's Chromium, driven by Playwright), with the
Content-Security-Policy on and axe-core checking every page it visits:

a focal point uploads and submits a draft; the secretariat starts the review and assigns two
reviewers; both review and submit; the secretariat consolidates, finalises, accepts and
publishes; the focal point reads the feedback; the secretariat issues a partner token, and the
partner reads the published scorecard from the API.

The browser (the system's Chromium, or a skip saying there is none) comes from conftest.py.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import requests

from programme.choices import Role
from roadmaps.models import Assessment, RoadmapVersion
from tests.factories import PilotFactory, UserFactory, make_docx, national_roadmap

PASSWORD = "pw-for-tests-1"  # UserFactory's
SERIOUS = {"serious", "critical"}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def eager_tasks(settings):
    """Queued work (notification emails) runs in the web process, into the test outbox."""
    from config.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


class Visitor:
    """One person's browser session: signs in through the login page, and checks every page
    it lands on with axe-core and for Content-Security-Policy refusals."""

    def __init__(self, browser, base_url: str, findings: list):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(60_000)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.findings = findings
        self.csp_errors: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp_errors.append(f"{self.page.url}: {message.text}")

    def go(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response.ok, f"{path} answered {response.status}"
        self.check()

    def click(self, name: str, role: str = "button"):
        self.page.get_by_role(role, name=name).first.click()
        self.page.wait_for_load_state()
        self.check()

    def check(self):
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page)
        for violation in results.response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.findings.append(
                    f"{self.page.url}: {violation['id']} ({violation['impact']}) {targets}"
                )
        self.findings.extend(self.csp_errors)
        self.csp_errors.clear()

    def sign_in(self, username: str):
        self.go("/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.click("Sign in")
        assert "/accounts/login/" not in self.page.url, f"{username} could not sign in"

    def close(self):
        self.context.close()


@pytest.fixture
def people(ghana):
    return {
        "focal": UserFactory(
            username="ama.focal", roles=[Role.FOCAL_POINT], countries=[ghana], last_name="Mensah"
        ),
        "secretariat": UserFactory(
            username="iatt.sec", roles=[Role.SECRETARIAT], last_name="Secretariat"
        ),
        "reviewer_a": UserFactory(username="rev.a", roles=[Role.REVIEWER], last_name="Adeyemi"),
        "reviewer_b": UserFactory(username="rev.b", roles=[Role.REVIEWER], last_name="Bauer"),
        "partner": UserFactory(username="wb.partner", roles=[Role.PARTNER], last_name="Partner"),
    }


def _review(visitor: Visitor, version: RoadmapVersion, scores: list[str]):
    visitor.go("/roadmaps/reviews/")
    visitor.page.get_by_role("link", name=re.compile(r"^Score")).first.click()
    visitor.page.wait_for_load_state()
    visitor.check()
    for number, score in enumerate(scores, start=1):
        visitor.page.locator(f"#id_c{number}-score_{score}").check()
        visitor.page.locator(f"#id_c{number}-justification").fill(
            f"Criterion {number}: the draft's section {number} sets this out."
        )
        visitor.page.locator(f"#id_c{number}-evidence").fill(f"p. {number * 3}")
    visitor.click("Submit review")
    assert visitor.page.get_by_text("Your review is submitted and locked").count() == 1


def test_the_whole_journey_in_the_browser(browser, live_server, eager_tasks, ghana, people):
    from django.core import mail

    PilotFactory(country=ghana)
    roadmap = national_roadmap(ghana)
    findings: list[str] = []
    base = live_server.url

    # 1. The focal point uploads a draft and submits it.
    focal = Visitor(browser, base, findings)
    focal.sign_in("ama.focal")
    focal.go(f"/roadmaps/{roadmap.pk}/upload/")
    focal.page.get_by_label("Roadmap document").set_input_files(
        files=[
            {
                "name": "Ghana roadmap.docx",
                "mimeType": "application/octet-stream",
                "buffer": make_docx(),
            }
        ]
    )
    focal.click("Upload as draft")
    version = RoadmapVersion.objects.get(roadmap=roadmap)
    assert version.status == "draft"
    focal.go(f"/roadmaps/versions/{version.pk}/")
    focal.click("Submit to the secretariat")
    version.refresh_from_db()
    assert version.status == "submitted"

    # 2. The secretariat follows the version page's primary step and assigns two reviewers
    # (the first assignment starts the review).
    sec = Visitor(browser, base, findings)
    sec.sign_in("iatt.sec")
    sec.go(f"/roadmaps/versions/{version.pk}/")
    sec.click("Assign reviewers", role="link")
    due = (dt.date.today() + dt.timedelta(days=21)).isoformat()
    for reviewer in (people["reviewer_a"], people["reviewer_b"]):
        sec.page.locator("#id_reviewer").select_option(label=str(reviewer))
        sec.page.locator("#id_due_on").fill(due)
        sec.click("Assign and notify")
    assert version.assignments.count() == 2

    # 3. Both reviewers score all ten criteria and submit.
    for username, scores in (("rev.a", ["3"] * 5 + ["2"] * 5), ("rev.b", ["4"] * 5 + ["2"] * 5)):
        reviewer = Visitor(browser, base, findings)
        reviewer.sign_in(username)
        _review(reviewer, version, scores)
        reviewer.close()
    assert all(a.review.is_submitted for a in version.assignments.select_related("review"))

    # 4. The secretariat consolidates (the reviewers' means are proposed), finalises with
    # feedback for the country, accepts and publishes.
    sec.go(f"/roadmaps/versions/{version.pk}/assessment/")
    assert sec.page.locator("#id_c1-score").input_value() in ("3.5", "3.50")
    sec.page.locator("#id_c1-comment").fill("Both reviewers found strong analytical inputs.")
    feedback = "A clear, well-evidenced draft; strengthen the monitoring framework."
    sec.page.get_by_label("Summary").fill(feedback)
    sec.click("Save and finalise")
    assessment = Assessment.objects.get(version=version)
    assert assessment.is_finalised
    sec.go(f"/roadmaps/versions/{version.pk}/")
    sec.click("Accept")
    sec.click("Publish")
    version.refresh_from_db()
    assert version.status == "published"

    # 5. The focal point reads the feedback on the scorecard.
    focal.go(f"/roadmaps/versions/{version.pk}/")
    focal.click("Scorecard and feedback", role="link")
    assert feedback in focal.page.content()
    assert "3.5" in focal.page.content()

    # 6. The secretariat issues a token for the partner, who reads the published scorecard.
    sec.go("/api-tokens/new/")
    sec.page.get_by_label("Partner account").select_option(value=str(people["partner"].pk))
    sec.page.get_by_label("Name").fill("World Bank data hub")
    sec.click("Create token")
    key = sec.page.locator("#api-key").input_value()
    assert len(key) >= 30, "the new token's key is shown once"
    api = requests.get(
        f"{base}/api/v1/assessments/",
        params={"version": version.pk},
        headers={"Authorization": f"Token {key}"},
        timeout=30,
    )
    assert api.status_code == 200, api.text
    rows = api.json()["results"]
    assert [r["id"] for r in rows] == [assessment.pk]
    first = next(s for s in rows[0]["scores"] if s["number"] == 1)
    assert float(first["score"]) == 3.5
    assert float(rows[0]["overall_mean"]) > 0

    # Email went where the journey says: the secretariat on submission, the reviewers on
    # assignment (queued after commit, sent by the task).
    recipients = {address for message in mail.outbox for address in message.to}
    assert {people["reviewer_a"].email, people["reviewer_b"].email} <= recipients

    for visitor in (focal, sec):
        visitor.close()
    assert findings == [], "\n".join(findings)


def test_swagger_ui_runs_under_the_content_security_policy(browser, live_server):
    findings: list[str] = []
    visitor = Visitor(browser, live_server.url, findings)
    visitor.page.goto(live_server.url + "/api/v1/docs/")
    # Swagger UI's own title block is drawn (from the schema) but hidden: the site's page
    # heading says the same, inside the site's layout.
    visitor.page.locator(".swagger-ui .info .title").wait_for(state="attached")
    assert "STI Roadmaps API" in visitor.page.locator(".swagger-ui .info .title").text_content()
    assert visitor.page.locator("main .page-header h1").inner_text() == "API documentation"
    assert visitor.page.locator("header nav").count() == 1
    assert visitor.page.evaluate("document.documentElement.lang") == "en"
    # The resources and their operations are drawn from the schema.
    visitor.page.locator(".opblock").first.wait_for()
    assert visitor.page.locator(".opblock-tag").count() > 3
    assert visitor.csp_errors == []
    # The policy is really enforced, and this check would see a refusal.
    visitor.page.evaluate(
        "() => { const s = document.createElement('style'); s.textContent = 'body{}';"
        " document.head.appendChild(s); }"
    )
    visitor.page.wait_for_timeout(300)
    assert any("inline style" in error for error in visitor.csp_errors), visitor.csp_errors
    visitor.close()
