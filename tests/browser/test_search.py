"""The header's search box in a real browser, on the demo programme, at desktop and phone
widths: typed words lead to results the searcher may open, and to nothing of other countries'
unpublished work."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _type_in_the_header(page, words: str) -> None:
    toggler = page.locator("button.navbar-toggler")
    if toggler.is_visible():  # on a phone the box is in the collapsed menu
        toggler.click()
    box = page.get_by_role("searchbox", name="Search roadmaps, meetings, chapters")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_a_focal_point_finds_their_roadmap_from_the_header(sign_in, viewport):
    page = sign_in("focal.ghana", viewport)
    _type_in_the_header(page, "Ghana")
    results = page.locator("section.search-group")
    assert results.count() >= 1
    link = results.first.locator("a").first
    title = link.inner_text()
    assert "Ghana" in title
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().strip() != ""
    assert "Ghana" in page.content()


def test_another_countrys_focal_point_finds_none_of_its_drafts(sign_in):
    page = sign_in("focal.kenya")
    _type_in_the_header(page, "Ghana")
    # The public record names Ghana (the HLPF 2019 meeting that announced the pilots), so
    # the search finds that; what it must not find is Ghana's roadmap or any of its versions.
    groups = page.locator("section.search-group h2")
    shown = [text.split("(")[0].strip() for text in groups.all_inner_texts()]
    assert "Meetings" in shown, shown
    assert "Roadmaps" not in shown and "Versions" not in shown, shown
    assert page.locator("a[href*='/roadmaps/']").filter(has_text="Ghana").count() == 0


def test_the_partner_has_no_search_box(sign_in):
    page = sign_in("partner")
    assert page.locator("form[role=search]").count() == 0
