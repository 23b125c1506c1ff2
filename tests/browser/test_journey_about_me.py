"""Issue 3's journey, as a new user would try it, in a real browser."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser


def test_about_me_told_once_suggested_agreed_hidden_and_downloaded(
    page: Page, browser: Browser, live_server: Any, demo: None
) -> None:
    base = live_server.url
    # Given Josie, with easy read on, writes a section of About me in her own words
    sign_in_as_demo(page, base, "person")
    page.goto(f"{base}/account/")
    page.get_by_label("On: bigger text, pictures, short sentences").check()
    page.get_by_role("button", name="Save").click()
    page.goto(f"{base}/home/me/")
    page.get_by_role("link", name="My About me").click()
    page.get_by_role("link", name="Change “My routines”").click()
    page.get_by_label("In my own words").fill("Breakfast at 8.\nSwimming on Fridays.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Swimming on Fridays.")).to_be_visible()
    assert axe_violations(page) == []

    # When Sam, her support worker, suggests a change to it
    sam = browser.new_context().new_page()
    sign_in_as_demo(sam, base, "support_worker")
    sam.get_by_role("link", name="Josie", exact=True).first.click()
    sam.get_by_role("link", name="All of About me").click()
    sam.get_by_role("link", name="Suggest a change to “My routines”").click()
    sam.get_by_label("The words you suggest").fill(
        "Breakfast at 8.\nSwimming on Fridays.\nCooking club on Mondays."
    )
    sam.get_by_role("button", name="Send the suggestion").click()
    expect(sam.get_by_text("Suggestion sent.")).to_be_visible()

    # Then Josie sees the suggestion and says yes
    page.goto(f"{base}/home/me/")
    page.get_by_role("link", name="1 suggestion waiting for your answer").click()
    expect(page.locator("ins").filter(has_text="Cooking club on Mondays")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile(r"^Yes\W+change “My routines”")).click()
    expect(page.get_by_text("You said yes. It is changed.")).to_be_visible()

    # And she hides "What matters to me" from her council worker
    page.goto(f"{base}/home/me/")
    page.get_by_role("link", name="Choose who can see my information").click()
    page.get_by_role("group", name="Who can see “What matters to me”?").get_by_label(
        "My council worker"
    ).uncheck()
    page.get_by_role("button", name="Save my choices").click()

    # Then Lyn, her council worker, cannot see it
    lyn = browser.new_context().new_page()
    sign_in_as_demo(lyn, base, "council_worker")
    lyn.get_by_role("link", name="Josie", exact=True).click()
    lyn.get_by_role("link", name="All of About me").click()
    what_matters = lyn.locator("section", has=lyn.get_by_role("heading", name="What matters to me"))
    expect(what_matters.get_by_text("has not shared this with you")).to_be_visible()
    expect(lyn.get_by_text("Seeing my mum on Saturdays.")).to_have_count(0)
    expect(lyn.get_by_text("Cooking club on Mondays.")).to_be_visible()

    # And Josie downloads her information and finds everything in it
    page.goto(f"{base}/home/me/")
    page.get_by_role("link", name="Download my information").click()
    page.get_by_role("button", name="Make my download").click()
    expect(page.get_by_role("status")).to_contain_text("Your download is ready.")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as JSON, for computers").click()
    with open(download_info.value.path()) as downloaded:
        data = json.loads(downloaded.read())
    parts = {s["part"]: s["text"] for s in data["about_me"]}
    assert "Cooking club on Mondays." in parts["routines"]
    assert "Seeing my mum on Saturdays." in parts["what_matters"]
    assert any("you said yes" in v["what_changed"] for v in data["about_me_history"])
    assert any(v["who"] == "Lyn Knights" for v in data["who_looked"])
    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="Download as a PDF to read or print").click()
    with open(pdf_info.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
