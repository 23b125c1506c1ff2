"""Journeys per role, written as given / when / then, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import sign_in_as_demo

pytestmark = pytest.mark.browser


def test_a_person_changes_what_matters_to_them_and_sees_it_on_their_page(
    page: Page, live_server: Any, demo: None
) -> None:
    # Given Josie, a person we support, signed in
    sign_in_as_demo(page, live_server.url, "person")
    expect(page.get_by_role("heading", name="Hello Josie")).to_be_visible()
    # When she changes what matters to her, using only the keyboard
    page.get_by_role("link", name="My About me").click()
    page.get_by_role("link", name="Change “What matters to me”").click()
    field = page.get_by_label("In my own words")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Going to the seaside with my friends.")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    # Then she sees her own words, and the change in who has changed things
    expect(page.get_by_text("Going to the seaside with my friends.")).to_be_visible()
    page.goto(f"{live_server.url}/home/me/")
    page.get_by_role("link", name="Who has looked at my information").click()
    expect(page.get_by_text("You changed “What matters to me”")).to_be_visible()


def test_a_support_worker_sees_the_people_they_support_and_the_person_sees_who_looked(
    page: Page, browser: Any, live_server: Any, demo: None
) -> None:
    # Given a support worker at Willow House, signed in
    sign_in_as_demo(page, live_server.url, "support_worker")
    # When they open Josie's record from their home
    expect(page.get_by_role("heading", name="People I support")).to_be_visible()
    page.get_by_role("link", name="Josie", exact=True).first.click()
    # Then they see what Josie shares with her team
    expect(page.get_by_text("Working together and helping each other.")).to_be_visible()
    # And Josie can see that they looked
    other = browser.new_context().new_page()
    sign_in_as_demo(other, live_server.url, "person")
    other.get_by_role("link", name="Who has looked at my information").click()
    expect(other.get_by_text("Sam Okafor").first).to_be_visible()


def test_a_quality_lead_sees_every_service_but_no_personal_record(
    page: Page, live_server: Any, demo: None
) -> None:
    # Given the quality lead, signed in
    sign_in_as_demo(page, live_server.url, "quality_lead")
    # When they open a service
    page.get_by_role("link", name="Willow House").click()
    # Then they see the service but not the people living there
    expect(page.get_by_role("heading", name="Willow House")).to_be_visible()
    expect(page.get_by_text("People at Willow House")).to_have_count(0)


def test_signing_out_ends_the_session(page: Page, live_server: Any, demo: None) -> None:
    # Given a council worker, signed in
    sign_in_as_demo(page, live_server.url, "council_worker")
    expect(
        page.get_by_role("heading", name="People of Riverside City Council (demo)")
    ).to_be_visible()
    # When they sign out
    page.get_by_role("button", name="Sign out").click()
    # Then their home asks them to sign in again
    page.goto(f"{live_server.url}/home/council/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
