"""Playwright (Python) driving Debian's Chromium against the live test server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def _orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an event loop; Django's ORM is used from the same thread.
    Only the browser tests allow that: it is set when the browser starts (never in settings
    or the top conftest), so a run without the browser keeps Django's check
    (SynchronousOnlyOperation) on."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="session")
def browser(_orm_beside_playwright: None) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db: Any) -> None:
    """The small demo, as `scripts/start` loads it."""
    from alongside.demo.load import load_demo

    load_demo(scale="small", seed=2026, log=lambda _: None)


def axe_violations(page: Page) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page; describe each violation."""
    # Evaluated through the browser's devtools, not added as a <script>: the pages' policy
    # refuses inline scripts, as it should.
    page.evaluate(AXE.read_text() + "\n;undefined")
    # heading-order is a best-practice rule, not in the WCAG tags: headings that skip a level
    # lose a screen-reader user who moves by heading, so it is checked too.
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {
                type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
            },
            rules: {'heading-order': {enabled: true}}
        })"""
    )
    assert any(
        rule["id"] == "heading-order"
        for rule in result["passes"]
        + result["violations"]
        + result["inapplicable"]
        + result["incomplete"]
    ), "heading-order did not run"
    problems = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            problems.append(f"{violation['id']}: {', '.join(map(str, node['target']))}")
    return problems


def sign_in_as_demo(page: Page, base_url: str, role: str) -> None:
    page.goto(f"{base_url}/")
    page.locator(f"button[data-demo-role='{role}']").click()
    page.wait_for_load_state()


def shown_totp_device(page: Any, user: Any) -> Any:
    """The new authenticator the set-up page showed: its key waits in the session (the
    page's GET saves nothing), so it is read from the browser's session."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_totp.models import TOTPDevice

    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    return TOTPDevice(
        user=user, key=SessionStore(session_key=cookie["value"])["alongside_totp_key"]
    )
