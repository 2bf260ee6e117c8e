"""A slice of the site walk (devtools/walk.py, `walk_site`): each demo role's home page and
every page it links to, in English and French on a phone, must show no link to a 403 or 404,
no sideways scrolling, no axe violation, no interface English on a French page and no raw code.

The whole walk (every reachable page, both widths) runs against a development server with
`manage.py walk_site`; this slice keeps the home pages and their first step honest in the
suite. One live server on the demo programme for the module (conftest.py)."""

from __future__ import annotations

import pytest

from devtools.walk import ANONYMOUS, NOT_WALKED, PHONE, record_text, report, walk
from programme.demo import USERS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db]

ROLES = [username for username, *_ in USERS] + [ANONYMOUS]
# The API docs page has its own check (tests/browser/test_journey.py); its links are still
# checked here.
NOT_WALKED_HERE = (*NOT_WALKED, "/api/")


def test_each_roles_home_and_the_pages_it_links_are_clean(browser, demo):
    result = walk(
        browser,
        demo.url,
        roles=ROLES,
        languages=("en", "fr"),
        widths=(PHONE["width"],),
        per_pattern=1,
        depth=1,
        records=record_text(),
        not_walked=NOT_WALKED_HERE,
    )
    walked = {(page.role, page.language) for page in result.pages}
    assert walked == {(role, language) for role in ROLES for language in ("en", "fr")}
    # Each signed-in role's home links somewhere that was walked too.
    assert all(sum(1 for page in result.pages if page.role == role) > 3 for role in ROLES[:-1]), (
        report(result, demo.url)
    )
    assert not result.findings, report(result, demo.url)
