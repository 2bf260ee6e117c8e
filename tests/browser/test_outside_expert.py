"""A reviewer declines with a conflict of interest; the secretariat assigns someone else and
invites an outside expert; in a fresh browser the expert opens the emailed link, accepts,
scores all ten criteria and submits; the link is then gone, and nothing else opens for them.
Every page is checked with axe-core and for Content-Security-Policy refusals (`Visitor`)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from programme.choices import Role
from roadmaps.choices import AssignmentStatus, ReviewStatus, VersionStatus
from roadmaps.models import ReviewAssignment, ScoreChange
from tests.browser.test_journey import Visitor, eager_tasks  # noqa: F401 (a fixture)
from tests.factories import (
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("eager_tasks")
def test_an_outside_expert_reviews_one_draft_from_the_emailed_link(
    browser, live_server, ghana, settings
):
    from django.core import mail

    UserFactory(username="iatt.sec", roles=[Role.SECRETARIAT], last_name="Secretariat")
    conflicted = UserFactory(username="rev.a", roles=[Role.REVIEWER], last_name="Adeyemi")
    other_reviewer = UserFactory(username="rev.b", roles=[Role.REVIEWER], last_name="Bauer")
    roadmap = RoadmapFactory(country=ghana)
    version = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.SUBMITTED)
    other_version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), number=1, status=VersionStatus.SUBMITTED
    )
    offered = ReviewAssignmentFactory(version=version, reviewer=conflicted)
    findings: list[str] = []
    base = live_server.url
    due = (dt.date.today() + dt.timedelta(days=21)).isoformat()

    # 1. The reviewer declines, declaring a conflict of interest; the secretariat is told.
    reviewer = Visitor(browser, base, findings)
    reviewer.sign_in("rev.a")
    reviewer.go(f"/roadmaps/reviews/{offered.pk}/answer/")
    reviewer.page.get_by_label("I decline it").check()
    reviewer.page.get_by_label("I have a relationship to declare").check()
    reviewer.page.get_by_label("The relationship").fill("I advised the ministry on this draft.")
    reviewer.click("Send my answer")
    reviewer.close()
    offered.refresh_from_db()
    assert offered.status == AssignmentStatus.DECLINED
    assert any("declined" in m.subject for m in mail.outbox)

    # 2. The secretariat assigns someone else, then invites an outside expert.
    sec = Visitor(browser, base, findings)
    sec.sign_in("iatt.sec")
    sec.go(f"/roadmaps/versions/{version.pk}/assessment/")
    assert sec.page.get_by_text("I advised the ministry on this draft.").count() == 1
    sec.page.locator("#id_reviewer").select_option(label=str(other_reviewer))
    sec.page.locator("#id_due_on").fill(due)
    sec.click("Assign and notify")
    sec.page.locator("#id_expert-name").fill("Amina Diallo")
    sec.page.locator("#id_expert-email").fill("amina.diallo@example.org")
    sec.page.locator("#id_expert-organisation").fill("University of Dakar")
    sec.page.locator("#id_expert-language").select_option("en")
    sec.page.locator("#id_expert-due_on").fill(due)
    sec.click("Invite by email")
    assert sec.page.get_by_text("Amina Diallo is invited to review by email.").count() == 1
    row = sec.page.locator("tr", has_text="Amina Diallo")
    assert row.get_by_text("outside expert").count() == 1

    # 3. The email carries the personal link.
    [message] = [m for m in mail.outbox if m.to == ["amina.diallo@example.org"]]
    assert message.alternatives and "Amina Diallo" in message.alternatives[0][0]
    link = re.search(r"https?://\S+/roadmaps/expert/\S+/", message.body).group(0)
    path = link[link.index("/roadmaps/") :]

    # 4. In a fresh browser, with no account, the expert accepts, scores and submits.
    expert = Visitor(browser, base, findings)
    expert.go(path)
    assert expert.page.get_by_role("navigation").count() == 0  # no menu
    assert expert.page.get_by_role("link").count() == 0  # nothing to go to before answering
    expert.page.get_by_label("I accept this review").check()
    expert.page.get_by_label("I have no conflict of interest").check()
    expert.click("Send my answer")
    # Another version's draft, through the same link: not found.
    other_draft = expert.page.goto(base + f"{path}versions/{other_version.pk}/download/")
    assert other_draft.status == 404
    expert.go(path)
    draft = expert.page.get_by_role("link", name=re.compile("draft"))
    assert draft.count() >= 1
    # Every link on the page is the draft of this one version.
    hrefs = expert.page.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(f"/versions/{version.pk}/download/" in h for h in hrefs)
    for number in range(1, 11):
        expert.page.locator(f"#id_c{number}-score_{number % 5}").check()
        expert.page.locator(f"#id_c{number}-justification").fill(
            f"Criterion {number}: section {number} of the draft."
        )
        expert.page.locator(f"#id_c{number}-evidence").fill(f"p. {number * 2}")
    expert.click("Submit review")
    assert expert.page.get_by_role("heading", name="Thank you").count() == 1

    assignment = ReviewAssignment.objects.select_related("review", "expert").get(
        expert__email="amina.diallo@example.org"
    )
    assert assignment.review.status == ReviewStatus.SUBMITTED
    assert ScoreChange.objects.filter(review=assignment.review, expert=assignment.expert).exists()

    # 5. The link is gone (the draft too), and the expert opens nothing else: not the
    # dashboard, not another version; no session was ever made.
    gone = expert.page.goto(base + path)
    assert gone.status == 410
    expert.page.goto(base + "/")
    assert "/accounts/login/" in expert.page.url
    expert.page.goto(base + f"/roadmaps/versions/{other_version.pk}/")
    assert "/accounts/login/" in expert.page.url
    assert expert.page.goto(base + f"{path}versions/{version.pk}/download/").status == 410
    session_cookie = settings.SESSION_COOKIE_NAME
    assert not [c for c in expert.context.cookies() if c["name"] == session_cookie]

    sec.close()
    expert.close()
    assert findings == []
