"""Issue 18 item 2 in a real browser: a link in the error summary of a radio question moves
focus to the question's first choice, as the GOV.UK error summary does."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from alongside.everyday.models import CheckIn

from .conftest import sign_in_as_demo

pytestmark = pytest.mark.browser


def _follow_summary_link(page: Page, error: str) -> str:
    """Click the summary's link for `error`; the id of what then has focus."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link", name=error).click()
    return str(page.evaluate("document.activeElement.id"))


def test_error_summary_links_move_focus_to_the_first_choice_of_a_radio_question(
    page: Page, live_server: Any, demo: None
) -> None:
    base = live_server.url
    sign_in_as_demo(page, base, "person")
    page.get_by_role("button", name="Say how I am today").click()
    match = re.search(r"/people/(\d+)/today/", page.url)
    assert match, page.url
    person_id = match.group(1)
    # The demo has already said how she is today; without it nothing is chosen yet.
    CheckIn.objects.filter(person_id=person_id, on=timezone.localdate()).delete()
    page.reload()

    # The check-in, sent with nothing chosen
    page.get_by_role("button", name="Save how I am today").click()
    assert _follow_summary_link(page, "Choose the picture that shows how you feel today.") == (
        "id_feeling_0"
    )
    expect(page.locator("#id_feeling_0")).to_be_focused()

    # "Ask for a change", sent with nothing chosen
    page.goto(base + reverse("team:ask-for-change", kwargs={"person_id": person_id}))
    page.get_by_role("button", name="Send my request").click()
    expect(page.locator(".govuk-error-summary a").first).to_have_attribute("href", "#id_worker_0")
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_worker_0"
