"""On a phone the day's task comes first: on the person's home "Say how I am today", on the
support worker's home the people of the day with a bad day they asked us to know about first.

Keyboard: the day's task is within the first two Tab stops after the skip link. Eyes: it is
within the first 640 px (one screen of a 320×640 phone), easy read on or off.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page

from alongside.everyday.models import CheckIn, Feeling
from tests.factories import PersonFactory
from tests.world import World, build_world

from .pages import sign_in_browser

pytestmark = pytest.mark.browser

FOCUSED = "() => document.activeElement.textContent.trim()"
# How far from the top of the page the bottom of this element is, in CSS pixels.
BOTTOM = "el => el.getBoundingClientRect().bottom + window.scrollY"


def _stops_after_the_skip_link(page: Page) -> list[str]:
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Skip to main content"
    page.keyboard.press("Enter")
    stops = []
    for _ in range(2):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


def _open_on_a_phone(
    browser: Browser, base_url: str, world: World, role: str, path: str, easy_read: bool
) -> Page:
    user = world.users[role]
    user.easy_read = easy_read
    user.save(update_fields=["easy_read"])
    context = browser.new_context(viewport={"width": 320, "height": 640})
    sign_in_browser(context, base_url, user)
    page = context.new_page()
    page.goto(f"{base_url}{path}")
    return page


@pytest.mark.parametrize("easy_read", [True, False])
def test_the_persons_home_starts_with_say_how_i_am_today(
    browser: Browser, live_server: Any, transactional_db: Any, easy_read: bool
) -> None:
    world = build_world()
    page = _open_on_a_phone(
        browser, live_server.url, world, "person", reverse("web:person-home"), easy_read
    )
    assert "Say how I am today" in _stops_after_the_skip_link(page)
    task = page.get_by_role("button", name="Say how I am today")
    assert task.evaluate(BOTTOM) <= 640
    page.context.close()


@pytest.mark.parametrize("easy_read", [True, False])
def test_the_workers_home_starts_with_todays_people_a_bad_day_first(
    browser: Browser, live_server: Any, transactional_db: Any, easy_read: bool
) -> None:
    world = build_world()
    for name in ["Alex", "Bea", "Cal", "Dee", "Eli", "Fay"]:
        PersonFactory(service=world.service, preferred_name=name)
    zoe = PersonFactory(service=world.service, preferred_name="Zoe")
    CheckIn.objects.create(
        person=zoe, on=timezone.localdate(), feeling=Feeling.BAD, alert_team=True
    )
    page = _open_on_a_phone(
        browser, live_server.url, world, "worker_in_service", reverse("web:worker-home"), easy_read
    )
    assert "Zoe" in _stops_after_the_skip_link(page)
    alert = page.get_by_test_id("bad-day").first
    assert (
        alert.inner_text().strip() == "Zoe said “I am having a bad day” and asked the team to know."
    )
    assert alert.evaluate(BOTTOM) <= 640
    page.context.close()
