"""A real browser against the live server: Playwright driving the machine's Chromium.

Playwright never downloads a browser here; it drives the Chromium named by STI_CHROMIUM or
found at /usr/bin/chromium, and the tests skip when there is none.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command

DEFAULT_CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str | None:
    path = os.environ.get("STI_CHROMIUM") or DEFAULT_CHROMIUM
    return path if Path(path).is_file() and os.access(path, os.X_OK) else None


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module, or a skip saying why there is none.

    Module-scoped, not session-scoped: while Playwright runs, this thread has a running event
    loop, and the async-unsafe switch below must not outlive the browser tests (subprocesses of
    later tests would inherit it, and `check --deploy` rightly refuses it)."""
    path = chromium_path()
    if path is None:
        pytest.skip(f"no Chromium found (set STI_CHROMIUM or install {DEFAULT_CHROMIUM})")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; Django refuses
    # database calls from a thread with a running loop unless told they are safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=path,
                headless=True,
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo(browser, live_server, transactional_db, settings):
    """The demo programme (reference data and `seed_demo`), committed so the live server's
    own database connection sees it. Requests the browser first, so a machine without Chromium
    skips before building anything."""
    settings.DEBUG = False
    devnull = open(os.devnull, "w")  # noqa: SIM115
    call_command("load_reference_data", stdout=devnull)
    call_command("seed_demo", stdout=devnull)
    devnull.close()
    return live_server


@pytest.fixture
def sign_in(browser, demo):
    """Open a browser context as a demo user (through the real sign-in form); None is anonymous.

    Returns a function (username, viewport) -> page.
    """
    from programme.demo import DEMO_PASSWORD

    contexts = []

    def open_page(username: str | None, viewport: dict = DESKTOP):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        if username:
            page.goto(f"{demo.url}/accounts/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(f"{demo.url}/")
        return page

    yield open_page
    for context in contexts:
        context.close()
