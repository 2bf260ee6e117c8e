"""A country keeps its own record, in a real browser on the demo programme: Ghana's focal point
updates a step, names a task-team member, links two SDG targets with a synergy, gives (and
withdraws) consent to public release, notes its STIP Compass record, replies to the feedback on
a returned version and asks for a peer exchange, then sees each change in the history; Kenya's
focal point finds none of Ghana's forms, and a direct visit is a 404.

A module of its own: these tests write to the demo programme, which the module's end empties
(tests/browser/conftest.py `demo_server`).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pilots.models import Pilot, PilotStep
from roadmaps.models import Roadmap, RoadmapVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _submit(page, name: str = "Save"):
    # Wait for the answer to the POST (a redirect and the page it leads to, or the form again)
    # to be loaded whole: the checks that follow count what is on the page without waiting.
    page.locator("main form").get_by_role("button", name=name).click()
    page.wait_for_load_state("networkidle")


def _history(page, model_label: str):
    """The text of a history panel of the page (`{% recent_history_panel %}`)."""
    slug = model_label.replace(".", "-").lower()
    panel = page.locator(f"section[aria-labelledby='audit-recent-{slug}']")
    assert panel.count() == 1, f"no history of {model_label} on {page.url}"
    return panel.inner_text()


def test_a_focal_point_keeps_the_countrys_record(sign_in, demo):
    pilot = Pilot.objects.get(country__iso3="GHA")
    roadmap = Roadmap.objects.get(country__iso3="GHA")
    returned = RoadmapVersion.objects.get(roadmap=roadmap, status="returned")
    accepted = RoadmapVersion.objects.get(roadmap=roadmap, status="accepted")
    pilot_url = f"{demo.url}{reverse('pilots:pilot-detail', args=[pilot.pk])}"
    roadmap_url = f"{demo.url}{reverse('roadmaps:roadmap-detail', args=[roadmap.pk])}"
    today = timezone.localdate().isoformat()

    # The secretariat publishes Ghana's accepted version, so there is one to release.
    secretariat = sign_in("secretariat")
    secretariat.goto(f"{demo.url}{reverse('roadmaps:version-detail', args=[accepted.pk])}")
    secretariat.get_by_role("button", name="Publish").click()
    secretariat.wait_for_load_state()
    assert secretariat.get_by_text("is now published").count() == 1

    page = sign_in("focal.ghana")
    # a. A methodology step: status, note and evidence, on a page of its own.
    page.goto(pilot_url)
    page.get_by_role("link", name="Update step 1").click()
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Short note").fill("Scope agreed with the national task team.")
    page.get_by_label("Evidence links").fill("https://example.org/ghana-scope.pdf")
    _submit(page)
    assert page.url == pilot_url
    assert PilotStep.objects.get(pilot=pilot, step=1).evidence_links == [
        "https://example.org/ghana-scope.pdf"
    ]
    assert page.get_by_text("Scope agreed with the national task team.").count() >= 1

    # b. A person on the national task team, with a contact only the country and the
    # secretariat read.
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name").fill("Kwame Asante")
    page.get_by_label("Organisation", exact=True).fill("CSIR-STEPRI")
    page.get_by_label("Role").select_option("chair")
    page.get_by_label("Contact").fill("k.asante@example.org")
    _submit(page)
    assert page.get_by_text("k.asante@example.org").count() >= 1

    # e. The country's STIP Compass record.
    page.get_by_role("link", name="Edit the STIP Compass and GO-SPIN records").click()
    page.get_by_label("Source").select_option("stip_compass")
    page.get_by_label("Record").fill("countries/ghana")
    _submit(page)
    assert page.get_by_text("Country record saved.").count() == 1

    # g. A peer exchange with a suggested country.
    page.get_by_role("link", name="Ask for a peer exchange").click()
    page.get_by_label("Suggested country").select_option(label="Kenya")
    page.get_by_label("Topic").fill("Running a national task team")
    _submit(page)
    assert page.get_by_text("Peer exchange requested").count() == 1
    assert page.get_by_text("Running a national task team").count() >= 1

    # The history of each, on the country's page.
    assert "Step 1" in _history(page, "pilots.PilotStep")
    assert "Kwame Asante" in _history(page, "pilots.TaskTeamPerson")
    assert "countries/ghana: created" in _history(page, "portal.CountryRecordLink")
    assert "Running a national task team" in _history(page, "portal.PeerExchangeRequest")
    page.screenshot(path="/tmp/self23/pilot-focal-ghana.png", full_page=True)

    # c. SDG targets and a synergy between two of them.
    page.goto(roadmap_url)
    for code in ("9.5", "7.2"):
        page.get_by_role("link", name="Add or update an SDG target").click()
        page.get_by_label("SDG target").select_option(label=f"Target {code}")
        _submit(page)
        assert page.url == roadmap_url
    page.get_by_role("link", name="Link two targets").click()
    page.locator("#id_from_target").select_option(label="Target 9.5")
    page.get_by_label("Kind").select_option("synergy")
    page.get_by_label("Other target").select_option(label="Target 7.2")
    page.get_by_label("Note").fill("Research capacity speeds up renewable energy.")
    _submit(page)
    assert page.get_by_text("Link between targets saved.").count() == 1
    # The same link again is refused on the form, clearly, with nothing saved (400).
    page.get_by_role("link", name="Link two targets").click()
    page.locator("#id_from_target").select_option(label="Target 9.5")
    page.get_by_label("Other target").select_option(label="Target 7.2")
    _submit(page)
    assert page.get_by_text("These two targets are already linked.").count() == 1
    page.goto(roadmap_url)

    # d. Consent to public release: given, seen, withdrawn.
    page.get_by_role("link", name="Give consent").click()
    page.get_by_label("Given by").fill("Minister of Environment, Science and Technology")
    page.get_by_label("Given on").fill(today)
    page.get_by_label("Evidence").fill("Letter to the secretariat")
    _submit(page)
    assert page.get_by_text("Consent given").count() >= 1
    assert page.get_by_text(re.compile("consent given by Minister of Environment")).count() == 1
    page.get_by_role("link", name="Withdraw").click()
    _submit(page)
    assert page.get_by_text("Consent withdrawn").count() == 1

    # f. A reply to the feedback on the returned version.
    page.goto(f"{demo.url}{reverse('roadmaps:version-detail', args=[returned.pk])}")
    page.get_by_role("link", name="Reply to the feedback").click()
    page.get_by_label("Reply").fill("Chapter 4 now names who funds each pathway.")
    _submit(page)
    assert page.get_by_text("Chapter 4 now names who funds each pathway.").count() >= 1

    # The history of each, on the roadmap's page.
    page.goto(roadmap_url)
    assert "Target 7.2: created" in _history(page, "roadmaps.RoadmapTarget")
    assert "9.5 → 7.2: created" in _history(page, "roadmaps.TargetLink")
    consents = _history(page, "roadmaps.PublicReleaseConsent")
    assert "created" in consents and "changed" in consents
    assert "created" in _history(page, "roadmaps.FeedbackReply")
    page.screenshot(path="/tmp/self23/roadmap-focal-ghana.png", full_page=True)

    # The secretariat reads the reply with the next version's assessment, and the request
    # among the work programme's peer exchanges.
    nxt = RoadmapVersion.objects.get(roadmap=roadmap, number=returned.number + 1)
    secretariat.goto(f"{demo.url}{reverse('roadmaps:version-assessment', args=[nxt.pk])}")
    assert secretariat.get_by_text("Chapter 4 now names who funds each pathway.").count() == 1
    secretariat.goto(f"{demo.url}{reverse('workprogramme:peer-learning', args=[pilot.pk])}")
    assert secretariat.get_by_text("Running a national task team").count() == 1

    # Kenya's focal point: no form of Ghana's, no link to one, and a direct visit is a 404.
    kenya = sign_in("focal.kenya")
    kenya.goto(pilot_url)
    assert kenya.get_by_role("link", name="Add a person").count() == 0
    assert kenya.get_by_role("link", name=re.compile("Update step")).count() == 0
    assert kenya.get_by_text("k.asante@example.org").count() == 0
    step_url = f"{demo.url}{reverse('pilots:step-edit', args=[pilot.pk, 1])}"
    assert kenya.goto(step_url).status == 404
    # A POST with the session's CSRF token, as a form would send it: still a 404.
    token = next(c["value"] for c in kenya.context.cookies() if c["name"] == "csrftoken")
    posted = kenya.request.post(
        step_url, form={"status": "done"}, headers={"X-CSRFToken": token, "Referer": step_url}
    )
    assert posted.status == 404
