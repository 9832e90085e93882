"""Headless Chromium (Debian's package) driven by Playwright against the live server."""

from __future__ import annotations

import io
import os

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests
# make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class OneRequestAtATime(WSGIServer):
    """The live server for an in-memory SQLite test database: every request thread would
    share the one connection, and two statements at once on it can deadlock (one thread
    holds SQLite's lock and waits for the interpreter's, the other the reverse: a
    registration posted while the page's NIK check was running hung the suite). Requests
    are served one after the other in the server's thread instead (each connection is
    closed after its answer, so a browser's other connections only wait their turn)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


def _serial_live_server_on_sqlite() -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        LiveServerThread.server_class = OneRequestAtATime


_serial_live_server_on_sqlite()

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/ensure-chromium")
    # Playwright gives every launch a fresh, empty profile of its own.
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(10_000)
    pg = context.new_page()
    yield pg
    context.close()


def login(page, username: str, password: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=home-heading]")


DEMO_SCALE = 0.25  # about 750 job seekers: the demo's shape, its ids above 100,000


@pytest.fixture
def demo(live_server):
    """The seed_demo data set (its users' password is ``DEMO_PASSWORD``), for tests that
    use the pages as a person would on realistic data."""
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEBUG=True):
        call_command("seed_demo", scale=DEMO_SCALE, seed=2026, verbosity=0, stdout=io.StringIO())


DEMO_PASSWORD = "vokasi-demo"
