"""Browser journeys: Playwright for Python driving Debian's chromium against pytest-django's live server.

Every journey fails on any console error or uncaught page error, Content-Security-Policy violations included.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM}: run 'apt-get install chromium'.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def console_errors() -> list[str]:
    """The console errors and page errors of the current journey; the ``page`` fixture fails on any."""
    return []


@pytest.fixture
def expected_console_errors() -> list[str]:
    """Patterns (regular expressions) of console errors a journey provokes on purpose, e.g. a refusal's 429."""
    return []


@pytest.fixture
def page(browser, console_errors, expected_console_errors):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ar-MA")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda m: console_errors.append(f"{m.text} ({page.url})") if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(f"{e} ({page.url})"))
    yield page
    context.close()
    unexpected = [e for e in console_errors if not any(re.search(p, e) for p in expected_console_errors)]
    assert not unexpected, "console errors:\n" + "\n".join(unexpected)


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
