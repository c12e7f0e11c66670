"""Browser tests: Debian's Chromium driven by Playwright against a real threaded server with CSRF and the CSP on.

One Chromium per test module (``chromium``); every test gets a fresh context of it (cookies, storage, language).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

from tests import factories

CHROMIUM = "/usr/bin/chromium"
# The browser's language, sent as Accept-Language: the interface language of a user without a profile choice.
BROWSER_LOCALES = {"en": "en-GB", "fr": "fr-FR"}


def pytest_collection_modifyitems(items):
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(reason=f"needs Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)")
        for item in items:
            if "tests/browser/" in str(item.fspath):
                item.add_marker(skip)


@contextmanager
def serve(wsgi_app) -> Iterator[str]:
    """Serve ``wsgi_app`` on a free local port from a thread; yields its base URL."""
    httpd = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=10)


@pytest.fixture()
def server(app, make_app):
    with serve(make_app(WTF_CSRF_ENABLED=True, SERVER_NAME=None)) as base:
        yield base


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless=new", "--disable-gpu"])
        yield browser
        browser.close()


def open_page(browser, lang: str | None = None):
    """A page in a fresh context speaking ``lang`` ("en", "fr"; None: Chromium's own), and the list its console
    errors and uncaught exceptions are appended to."""
    context = browser.new_context(locale=BROWSER_LOCALES[lang] if lang else None)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page, problems


@pytest.fixture()
def browser_page(chromium):
    page, problems = open_page(chromium)
    yield page, problems
    page.context.close()


def log_in(page, server, user):
    """Log `user` in through the login form and wait for the home page."""
    page.goto(f"{server}/auth/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/home")
