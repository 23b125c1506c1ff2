"""Issue 19's "My ideas", as a new user would try it, in a real browser: the person gives an
idea with their name, the manager answers it, and the person finds the answer and where the
idea is now on "My ideas", and a message about it in "My messages"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser


def test_a_named_idea_answered_by_the_manager_is_on_my_ideas_with_a_message(
    page: Page, browser: Browser, live_server: Any, demo: None
) -> None:
    base = live_server.url
    # Given Josie gives an idea and says who she is
    sign_in_as_demo(page, base, "person")
    page.goto(f"{base}/home/me/")
    page.get_by_role("link", name="Suggest an idea").click()
    page.get_by_label("What is your idea?").fill("A picnic in the park in June")
    page.get_by_label("Yes, say who I am").check()
    page.get_by_role("button", name="Send my idea").click()

    # And "My ideas" shows it, not answered yet
    page.goto(f"{base}/home/me/")
    page.get_by_role("link", name="My ideas and their answers").click()
    idea = page.get_by_test_id("my-idea").filter(has_text="A picnic in the park in June")
    expect(idea).to_contain_text("We have got it.")
    expect(idea).to_contain_text("The manager has not written an answer yet.")

    # When Priya, the service manager, answers it: they are doing it
    priya = browser.new_context().new_page()
    sign_in_as_demo(priya, base, "service_manager")
    priya.get_by_role("link", name=re.compile("A picnic in the park in June")).click()
    priya.get_by_label("We are doing it").check()
    priya.get_by_label("What we say back").fill("We will book the bandstand for 14 June.")
    priya.get_by_role("button", name="Save the answer").click()

    # Then Josie has a message about it in "My messages", and it opens "My ideas"
    page.goto(f"{base}/home/me/")
    page.get_by_role("link", name="My messages from Alongside").click()
    # (newest first: the demo may have told her of answers to earlier ideas)
    message = page.get_by_test_id("message").first
    expect(message).to_contain_text("An answer to your idea")
    expect(message).to_contain_text("has an answer: We are doing it.")
    assert axe_violations(page) == []
    message.get_by_role("link").click()

    # And on "My ideas" her idea shows where it is now and what the manager said
    expect(page.get_by_role("heading", name="My ideas", level=1)).to_be_visible()
    idea = page.get_by_test_id("my-idea").filter(has_text="A picnic in the park in June")
    expect(idea).to_contain_text("We are doing it.")
    expect(idea).to_contain_text("We will book the bandstand for 14 June.")
    expect(idea).not_to_contain_text("The manager has not written an answer yet.")
    assert axe_violations(page) == []
