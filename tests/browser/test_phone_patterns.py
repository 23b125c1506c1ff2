"""The task lists and "Check your answers" pages at 320 px in easy read: no axe-core
violation, nothing sideways. With ALONGSIDE_SCREENS=docs/screens the same run saves their
screenshots (and "Who has looked") there."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tests.conftest import sign_in
from tests.factories import GoalFactory, ReviewFactory, budget_for
from tests.world import build_world

from .conftest import axe_violations
from .pages import sign_in_browser

pytestmark = pytest.mark.browser


def _check(page: Page, name: str) -> None:
    assert axe_violations(page) == [], name
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{name} is {width}px wide"
    screens = os.environ.get("ALONGSIDE_SCREENS")
    if screens:
        Path(screens).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{screens}/{name}-easy-read-320.png", full_page=True)


def test_task_lists_and_check_pages_pass_axe_and_fit_320_pixels_in_easy_read(
    browser: Browser, live_server: Any, transactional_db: Any
) -> None:
    world = build_world()
    person = world.person
    ReviewFactory(person=person)
    GoalFactory(person=person, words="Learn to swim.")
    budget_for(person)
    # Someone has looked, so "Who has looked" has rows.
    council = sign_in(Client(), world.users["council_worker"])
    council.get(reverse("reviews:mine", args=[person.pk]))
    user = world.users["person"]
    user.easy_read = True
    user.save(update_fields=["easy_read"])
    context = browser.new_context(viewport={"width": 320, "height": 640})
    sign_in_browser(context, live_server.url, user)
    page = context.new_page()
    base = live_server.url

    page.goto(f"{base}{reverse('people:who-looked', args=[person.pk])}")
    _check(page, "who-has-looked")
    page.goto(f"{base}{reverse('people:about-me', args=[person.pk])}")
    expect(page.get_by_test_id("task-list")).to_be_visible()
    _check(page, "about-me-task-list")

    page.goto(f"{base}{reverse('reviews:prepare', args=[person.pk])}")
    expect(page.get_by_test_id("task-list")).to_be_visible()
    _check(page, "get-ready-task-list")
    page.get_by_label("What matters to me now").fill("My new flat.")
    page.get_by_label("Learn to swim.").check()
    page.get_by_label("My council worker can read this before my review").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Check my answers before my review")).to_be_visible()
    _check(page, "get-ready-check-answers")
    page.get_by_role("link", name="Change what matters to me now").click()
    expect(page.get_by_label("What matters to me now")).to_have_value("My new flat.")

    page.goto(f"{base}{reverse('reviews:budget-change', args=[person.pk])}")
    page.get_by_label("Swimming").fill("100")
    page.get_by_label("Days out").fill("160")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check my budget change")).to_be_visible()
    _check(page, "budget-check-answers")
    context.close()
