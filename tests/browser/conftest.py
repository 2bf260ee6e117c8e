"""A real browser against the live server: Playwright driving the machine's Chromium.

Playwright never downloads a browser here; it drives the Chromium named by STI_CHROMIUM or
found at /usr/bin/chromium, and the tests skip when there is none.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

DEFAULT_CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The demo as the first module of this test process seeded it: its committed rows
# (tests/dbstate.py) and the folder of its files. The next modules put the rows back instead
# of seeding again.
_seeded: dict[str, Any] = {}


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


@pytest.fixture(scope="module")
def demo_server(browser, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo programme (`seed_demo` on the reference data), committed once for the module,
    and a live server of the module's own that serves it.

    Seeding the demo takes longer than most walks through it, so a module's tests share one,
    and it is seeded once per test process: the first module seeds it and keeps its rows, the
    next ones put those rows back (with its files, in the same folder). Its committed state is
    kept (tests/conftest.py, `committed_world_push`): after each test the tables its walk
    changed (a sign-in, an invitation, a published review) are put back, so every test of the
    module starts from the demo as seeded, and the module's end puts back the reference data
    alone. Requests the browser first, so a machine without Chromium skips before building
    anything."""
    from pytest_django.live_server_helper import LiveServer

    from tests.conftest import committed_state_restore, committed_world_pop, committed_world_push
    from tests.dbstate import DatabaseState

    if "media" not in _seeded:
        _seeded["media"] = tmp_path_factory.mktemp("demo-media")
    media = _seeded["media"]
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=media, MEDIA_ROOT=media, DEBUG=False),
        open(os.devnull, "w") as devnull,
    ):
        from pilots.models import Country

        assert Country.objects.exists(), "reference data missing: was the database emptied?"
        try:
            if "rows" in _seeded:
                _seeded["rows"].restore()
            else:
                call_command("seed_demo", stdout=devnull)
                _seeded["rows"] = DatabaseState.take()
            server = LiveServer("localhost")
        except BaseException:
            committed_state_restore()
            raise
        committed_world_push()
    server.media_root = media
    server._live_server_modified_settings.enable()
    try:
        yield server
    finally:
        server._live_server_modified_settings.disable()
        server.stop()
        with django_db_blocker.unblock():
            committed_world_pop()


@pytest.fixture
def demo(demo_server, db, settings):
    """The demo programme's live server, for one test (its files where the seeding put them)."""
    settings.DEBUG = False
    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT = demo_server.media_root
    return demo_server


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
