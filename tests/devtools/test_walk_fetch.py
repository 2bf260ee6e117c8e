"""The site walk's link check (devtools/walk.py, `_fetch`): each link's status, where it ends
after redirects and its content type, asked as the walking browser would (its cookies and
language), so a link to a 404, a 403 or the sign-in page is reported."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from devtools.walk import _fetch

ANSWERS = {
    "/page/": (200, {"Content-Type": "text/html; charset=utf-8"}),
    "/file/": (200, {"Content-Type": "application/pdf"}),
    "/gone/": (404, {"Content-Type": "text/html"}),
    "/refused/": (403, {"Content-Type": "text/html"}),
    "/moved/": (302, {"Location": "/page/"}),
    "/private/": (302, {"Location": "/accounts/login/?next=/private/"}),
    "/accounts/login/": (200, {"Content-Type": "text/html"}),
    "/loop/": (302, {"Location": "/loop/"}),
}


@pytest.fixture(scope="module")
def site():
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(dict(self.headers))
            status, headers = ANSWERS[self.path.split("?")[0]]
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()


def test_each_link_reports_its_status_where_it_ends_and_its_kind(site):
    origin, seen = site
    ask = {"cookie": "sessionid=abc; django_language=fr", "language": "fr"}
    assert _fetch(f"{origin}/page/", **ask) == (200, f"{origin}/page/", "text/html")
    assert _fetch(f"{origin}/file/", **ask) == (200, f"{origin}/file/", "application/pdf")
    assert _fetch(f"{origin}/gone/", **ask)[0] == 404
    assert _fetch(f"{origin}/refused/", **ask)[0] == 403
    # Redirects are followed on the site: where a link ends is what the walk judges.
    assert _fetch(f"{origin}/moved/", **ask) == (200, f"{origin}/page/", "text/html")
    status, final, _kind = _fetch(f"{origin}/private/", **ask)
    assert (status, final) == (200, f"{origin}/accounts/login/?next=/private/")
    # Asked as the walking browser: its session and its language, on every hop.
    assert all(h["Cookie"] == ask["cookie"] and h["Accept-Language"] == "fr" for h in seen)


def test_a_redirect_loop_ends_as_a_redirect(site):
    origin, _seen = site
    assert _fetch(f"{origin}/loop/", cookie="", language="en")[0] == 302
