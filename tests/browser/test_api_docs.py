"""The API documentation page, where partners are sent, in a real browser: axe-core finds no
violation at all (of any impact) in English and French, on a desk and on a phone, once Swagger
UI has drawn every resource and with one operation opened."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in Axe().run(page).response["violations"]
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_api_docs_have_no_axe_violation(browser, live_server, language, viewport):
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(60_000)
    host = live_server.url.split("//")[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": language, "domain": host, "path": "/"}]
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/api/v1/docs/")
        assert page.evaluate("document.documentElement.lang") == language
        # Every resource drawn from the schema, then one operation opened.
        page.locator(".swagger-ui .opblock-tag").nth(3).wait_for()
        operation = page.locator(".swagger-ui .opblock").first
        operation.locator(".opblock-summary-control").click()
        operation.locator(".opblock-body").wait_for()
        page.locator(".swagger-ui .responses-table").first.wait_for()
        # One main landmark: the page's own, with Swagger UI inside it.
        assert page.locator("main, [role=main]").count() == 1
        page.wait_for_timeout(200)  # the page's mending runs on the next frame
        assert violations(page) == []
    finally:
        context.close()
