"""Issue 5's journey, as new users would try it, in a real browser: a bad day seen first on
Today, an agenda item, a late action, an anonymous idea answered on "You said, we did"."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser


def test_a_bad_day_an_agenda_item_a_late_action_and_an_anonymous_idea_answered(
    page: Page, browser: Browser, live_server: Any, demo: None
) -> None:
    base = live_server.url
    # Given Josie says how she is today: a bad day, she would like quiet time
    sign_in_as_demo(page, base, "person")
    page.get_by_role("button", name="Say how I am today").click()
    page.get_by_label("I am having a bad day").check()
    page.get_by_role("group", name="What would help today?").get_by_label("Quiet time").check()
    page.get_by_label("Anything else that would help today? (optional)").fill(
        "I'd like quiet time after lunch."
    )
    page.get_by_role("group", name="If it is a bad day, tell my team on shift?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Save how I am today").click()
    assert axe_violations(page) == []

    # When Sam, her support worker, opens Today at the start of a shift
    sam = browser.new_context().new_page()
    sign_in_as_demo(sam, base, "support_worker")
    sam.get_by_role("link", name="Today: how people are and how best to support them").click()

    # Then Josie comes first, with her bad day and what would help
    first = sam.get_by_test_id("handover-person").first
    expect(first.get_by_role("link", name="Josie", exact=True)).to_be_visible()
    expect(
        first.get_by_text("Josie said “I am having a bad day” and asked the team to know.")
    ).to_be_visible()
    expect(first.get_by_text("I'd like quiet time after lunch.")).to_be_visible()
    assert axe_violations(sam) == []

    # When Josie adds something to talk about at her next meeting
    page.goto(f"{base}/home/me/")
    page.get_by_role("link", name="My meetings and what we agreed").click()
    page.get_by_label("What do you want to talk about?").fill("Going to the cinema with Ali")
    page.get_by_role("button", name="Add to the meeting").click()
    expect(page.get_by_text("Going to the cinema with Ali")).to_be_visible()

    # And at the meeting, held three days ago, Sam writes an action that was due yesterday
    from alongside.everyday.models import Meeting

    Meeting.objects.filter(person__preferred_name="Josie").update(
        on=timezone.localdate() - datetime.timedelta(days=3)
    )
    sam.goto(page.url)
    sam.get_by_role("link", name="Write the meeting record").click()
    expect(sam.get_by_label("What we talked about")).to_contain_text("Going to the cinema with Ali")
    sam.get_by_label("What will be done?").fill("Find cinema times for Saturday")
    sam.get_by_role("radio", name="Me", exact=True).check()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    by_when = sam.get_by_role("group", name="By when?")
    by_when.get_by_label("Day").fill(str(yesterday.day))
    by_when.get_by_label("Month").fill(str(yesterday.month))
    by_when.get_by_label("Year").fill(str(yesterday.year))
    sam.get_by_role("button", name="Add the action").click()
    assert axe_violations(sam) == []

    # Then Priya, the service manager, sees it late on her home, and Josie on her page
    priya = browser.new_context().new_page()
    sign_in_as_demo(priya, base, "service_manager")
    expect(priya.get_by_role("link", name="Josie: Find cinema times for Saturday")).to_be_visible()
    page.goto(f"{base}/home/me/")
    expect(page.get_by_text("Find cinema times for Saturday")).to_be_visible()

    # When Josie suggests an idea without her name
    page.get_by_role("link", name="Suggest an idea").click()
    page.get_by_label("What is your idea?").fill("A film night every month")
    page.get_by_label("No, do not keep my name").check()
    page.get_by_role("button", name="Send my idea").click()

    # And Priya answers "We are doing it"
    priya.reload()
    priya.get_by_role("link", name=re.compile("A film night every month")).click()
    expect(priya.get_by_text("Josie")).to_have_count(0)
    priya.get_by_label("We are doing it").check()
    priya.get_by_label("What we say back").fill("The first film night is on Friday.")
    priya.get_by_role("button", name="Save the answer").click()

    # Then the answer is on "You said, we did" for Josie's service
    page.goto(f"{base}/home/me/")
    page.get_by_role("link", name="You said, we did").click()
    idea = (
        page.locator("li, tr, section, div.alongside-card")
        .filter(has_text="A film night every month")
        .last
    )
    expect(idea).to_contain_text("The first film night is on Friday.")
    assert axe_violations(page) == []
