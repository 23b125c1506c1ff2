"""In Chromium, with the Content-Security-Policy enforced, our pages run their scripts and
the browser blocks nothing: no inline script, style or handler is left behind."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .conftest import sign_in_as_demo

pytestmark = pytest.mark.browser

# Runs before any page script (Playwright adds it outside the page's policy) and keeps each
# violation the browser reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
});
"""


def test_the_start_page_and_a_persons_home_load_with_no_policy_violation(
    page: Page, live_server: Any, demo: None
) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    seen = {}
    page.goto(f"{live_server.url}/")
    seen["start page"] = page.evaluate("window.__cspViolations")
    # GOV.UK Frontend's classes are set by our script file, so scripts did run.
    assert "js-enabled" in (page.locator("body").get_attribute("class") or "")
    sign_in_as_demo(page, live_server.url, "person")
    page.goto(f"{live_server.url}/home/")
    assert page.locator("h1").count() == 1
    assert "govuk-frontend-supported" in (page.locator("body").get_attribute("class") or "")
    seen["the person's home"] = page.evaluate("window.__cspViolations")
    assert seen == {"start page": [], "the person's home": []}
    assert [text for text in console if "Content Security Policy" in text] == []


def test_the_api_documentation_loads_with_no_policy_violation(
    page: Page, live_server: Any, demo: None
) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in_as_demo(page, live_server.url, "person")
    page.goto(f"{live_server.url}/api/docs/")
    # Redoc draws the schema's title once it has read it.
    page.get_by_text("Alongside API").first.wait_for()
    # Only Redoc's "powered by" logo from its own site is refused: nothing leaves for elsewhere.
    assert page.evaluate("window.__cspViolations") in (
        [],
        ["img-src blocked https://cdn.redoc.ly/redoc/logo-mini.svg"],
    )
