"""A slice of the site walk (devtools/walk.py, `walk_site`): each demo role's home page and
every page it links to, in English and French on a phone, must show no link to a 403 or 404,
no sideways scrolling, no axe violation, no interface English on a French page and no raw code.

The whole walk (every reachable page, both widths) runs against a development server with
`manage.py walk_site`; this slice keeps the home pages and their first step honest in the
suite. One live server on the demo programme for the module (conftest.py); one test a role, in
two xdist groups, so two workers share the walk (each seeds the demo once)."""

from __future__ import annotations

import pytest

from devtools.walk import ANONYMOUS, NOT_WALKED, PHONE, record_text, report, walk
from programme.demo import USERS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db]

ROLES = [username for username, *_ in USERS] + [ANONYMOUS]
# The roles of the first of the two xdist groups: about half the pages (the secretariat's home
# links the most).
FIRST_HALF = ("secretariat", "focal.kenya", "partner")
# The API docs page has its own check (tests/browser/test_journey.py); its links are still
# checked here.
NOT_WALKED_HERE = (*NOT_WALKED, "/api/")


def _group(role: str) -> str:
    return "site-walk-1" if role in FIRST_HALF else "site-walk-2"


@pytest.mark.parametrize(
    "role", [pytest.param(role, marks=pytest.mark.xdist_group(_group(role))) for role in ROLES]
)
def test_each_roles_home_and_the_pages_it_links_are_clean(browser, demo, role):
    result = walk(
        browser,
        demo.url,
        roles=[role],
        languages=("en", "fr"),
        widths=(PHONE["width"],),
        per_pattern=1,
        depth=1,
        records=record_text(),
        not_walked=NOT_WALKED_HERE,
    )
    walked = {(page.role, page.language) for page in result.pages}
    assert walked == {(role, language) for language in ("en", "fr")}
    # A signed-in role's home links somewhere that was walked too.
    if role != ANONYMOUS:
        assert len(result.pages) > 3, report(result, demo.url)
    assert not result.findings, report(result, demo.url)
