"""Issue 7's journey for reviews and budgets, as a new user would try it, in a real browser.
(The outcomes part of the journey is in the outcomes app's tests.)"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser


def test_review_starts_with_what_matters_confirms_the_known_and_budget_change_agreed_at_once(
    page: Page, browser: Browser, live_server: Any, demo: None
) -> None:
    base = live_server.url
    # Given Lyn, the council worker, opens Josie's review from her list of reviews due
    sign_in_as_demo(page, base, "council_worker")
    page.get_by_role("link", name="Everyone due a review").click()
    expect(page.get_by_role("heading", name="Reviews due", level=1)).to_be_visible()
    page.get_by_role("link", name="Josie's review").click()

    # Then the review opens with one blank question: "What matters to you?"
    expect(page.get_by_role("heading", name="Josie's review", level=1)).to_be_visible()
    first_field = page.locator("main textarea, main input[type=radio]").first
    expect(first_field).to_have_attribute("name", "what_matters")
    expect(page.get_by_role("textbox", name="What matters to you?")).to_have_value("")
    assert axe_violations(page) == []

    # When Lyn writes Josie's answer in her words
    page.get_by_role("textbox", name="What matters to you?").fill(
        "My mum, my art class, and swimming."
    )
    page.get_by_role("button", name="Save what matters").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    # Then what is already known is shown for Josie to confirm, not to tell again
    known = page.get_by_test_id("known-thing")
    expect(known.filter(has_text="What matters to me")).to_have_count(1)
    expect(known.filter(has_text="My plan: my goals")).to_have_count(1)
    card = known.filter(has_text="What matters to me")
    card.get_by_label("Yes, this is still right").check()
    card.get_by_role("button", name=re.compile("Save the answer")).click()
    expect(
        page.get_by_test_id("known-thing")
        .filter(has_text="What matters to me")
        .get_by_text("Still right", exact=True)
    ).to_be_visible()

    # And a change Josie wants to her plan is sent to her to agree, not written into it
    goals = page.get_by_test_id("known-thing").filter(has_text="My plan: my goals")
    goals.get_by_label("Change it").check()
    goals.get_by_label("What it should say now").fill("Swim every week, and learn to cook.")
    assert axe_violations(page) == []
    goals.get_by_role("button", name=re.compile("Save the answer")).click()
    expect(
        page.get_by_test_id("known-thing")
        .filter(has_text="My plan: my goals")
        .get_by_text("Change waiting for Josie")
    ).to_be_visible()

    # And Lyn records that Josie is doing the things that matter to her, and finishes
    doing = page.get_by_role("group", name="Are you doing the things that matter to you?")
    doing.get_by_label("Yes").check()
    page.get_by_label("In your words").fill("I swim every week now.")
    page.locator("#doing").get_by_role("button", name="Save the answer").click()
    page.get_by_role("button", name="Finish the review").click()
    expect(page.get_by_role("heading", name=re.compile("^My review on"))).to_be_visible()

    # When Josie moves £40 a week from days out to swimming, keeping her £300 a week
    josie = browser.new_context().new_page()
    sign_in_as_demo(josie, base, "person")
    josie.get_by_role("link", name="My personal budget").click()
    josie.get_by_role("link", name="Change how I use my budget").click()
    assert axe_violations(josie) == []
    josie.get_by_label("Support to go swimming and to the gym").fill("£160")
    josie.get_by_label("A personal assistant for days out").fill("100.00")
    josie.get_by_role("button", name="Continue").click()
    # She checks her answers: nothing is sent yet, and "Change" takes her back to the box
    expect(josie.get_by_role("heading", name="Check my budget change")).to_be_visible()
    expect(josie.get_by_test_id("answers")).to_contain_text("£160")
    assert axe_violations(josie) == []
    josie.get_by_role(
        "link", name="Change the amount for “A personal assistant for days out”"
    ).click()
    expect(josie.get_by_label("A personal assistant for days out")).to_have_value("100.00")
    expect(josie.get_by_label("Support to go swimming and to the gym")).to_have_value("£160")
    josie.get_by_role("button", name="Continue").click()
    josie.get_by_role("button", name="Send").click()
    expect(josie.get_by_text("Sent to your council worker to agree.")).to_be_visible()

    # Then Lyn agrees it at once, with one click
    page.goto(f"{base}/home/")
    page.get_by_role("link", name=re.compile(r"Josie: a change within £300")).click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Agree", exact=True).click()
    expect(page.get_by_text("Agreed. The budget is changed.")).to_be_visible()

    # And Josie's budget shows the new amounts, still £300 a week
    josie.reload()
    uses = josie.get_by_test_id("budget-uses")
    expect(uses.get_by_role("row", name=re.compile("Support to go swimming"))).to_contain_text(
        "£160"
    )
    expect(uses.get_by_role("row", name=re.compile("days out"))).to_contain_text("£100")
    expect(uses.get_by_role("row", name=re.compile("^Total"))).to_contain_text("£300")
    expect(josie.get_by_text("Agreed", exact=True)).to_be_visible()

    # And Josie can read her review in easy read
    josie.goto(f"{base}/home/me/")
    josie.get_by_role("link", name="My reviews and goals").click()
    josie.get_by_role("link", name=re.compile("^My review on")).first.click()
    expect(josie.get_by_text("My mum, my art class, and swimming.")).to_be_visible()
    assert axe_violations(josie) == []
