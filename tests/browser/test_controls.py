"""Controls behave as they look, on a 320×640 phone: a link that looks like a button works
on Space, the header folds into a menu, the check-in's picture, radio and words line up in
easy read, the chart's words are readable, and the homes' headings go in order."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from alongside.everyday.models import CheckIn
from tests.factories import StaffMemberFactory
from tests.world import World, build_world

from .conftest import axe_violations
from .pages import sign_in_browser

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: Any) -> World:
    return build_world()


def _phone(browser: Browser, base_url: str, user: Any, *, easy_read: bool = False) -> Page:
    user.easy_read = easy_read
    user.save(update_fields=["easy_read"])
    context = browser.new_context(viewport={"width": 320, "height": 640})
    sign_in_browser(context, base_url, user)
    return context.new_page()


def test_a_link_that_looks_like_a_button_works_on_space(
    browser: Browser, live_server: Any, world: World
) -> None:
    StaffMemberFactory(organisation=world.provider, services=[world.service])
    page = _phone(browser, live_server.url, world.users["person"])
    page.goto(live_server.url + reverse("team:my-team", args=[world.person.pk]))
    ask = page.get_by_role("button", name="Ask for a change to my team")
    ask.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(
        live_server.url + reverse("team:ask-for-change", args=[world.person.pk])
    )
    page.context.close()


def test_on_a_phone_the_header_is_one_line_with_a_menu_button(
    browser: Browser, live_server: Any, world: World
) -> None:
    page = _phone(browser, live_server.url, world.users["person"], easy_read=True)
    page.goto(live_server.url + reverse("web:person-home"))
    header = page.locator("header").bounding_box()
    assert header is not None and header["height"] <= 0.2 * 640  # was 40–47% of the screen
    home = page.locator("header").get_by_role("link", name="Home")
    expect(home).to_be_hidden()
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(home).to_be_visible()
    page.context.close()


def test_in_easy_read_each_feeling_s_radio_picture_and_words_are_on_one_line(
    browser: Browser, live_server: Any, world: World
) -> None:
    page = _phone(browser, live_server.url, world.users["person"], easy_read=True)
    page.goto(live_server.url + reverse("everyday:check-in", args=[world.person.pk]))
    middles = page.eval_on_selector_all(
        ".alongside-radios--pictures .govuk-radios__item",
        """items => items.map(item => {
            const middle = el => {
                const b = el.getBoundingClientRect();
                return b.top + b.height / 2;
            };
            const label = item.querySelector('label');
            const circle = getComputedStyle(label, '::before');
            const circleMiddle = label.getBoundingClientRect().top + parseFloat(circle.top)
                + parseFloat(circle.height) / 2;
            const words = document.createRange();
            words.selectNodeContents(label.lastChild);
            return [middle(item.querySelector('img')), circleMiddle, middle(words)];
        })""",
    )
    assert len(middles) == 5
    for picture, circle, words in middles:
        assert abs(picture - circle) <= 3 and abs(picture - words) <= 3, middles
    page.context.close()


def test_the_check_in_chart_words_are_readable_and_whole_at_320_pixels(
    browser: Browser, live_server: Any, world: World
) -> None:
    today = timezone.localdate()
    for days_ago, feeling in enumerate([1, 3, 5, 2, 4]):
        CheckIn.objects.create(
            person=world.person, on=today - datetime.timedelta(days=days_ago), feeling=feeling
        )
    page = _phone(browser, live_server.url, world.users["person"])
    page.goto(live_server.url + reverse("everyday:patterns", args=[world.person.pk]))
    chart = page.locator("svg.alongside-chart").bounding_box()
    assert chart is not None
    words = page.eval_on_selector_all(
        "svg.alongside-chart text",
        """texts => texts.map(t => {
            const b = t.getBoundingClientRect();
            return [t.textContent, b.left, b.right, b.height];
        })""",
    )
    assert [w[0] for w in words][:3] == ["Bad", "OK", "Great"]
    for text, left, right, height in words:
        assert height >= 14, f"“{text}” is {height:.0f}px tall"  # was about 5px
        assert chart["x"] <= left and right <= chart["x"] + chart["width"], f"“{text}” is cut"
    page.context.close()


@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("supporter_with_scope", "web:supporter-home"),
        ("worker_in_service", "web:worker-home"),
        ("council_worker", "web:council-home"),
    ],
)
def test_the_supporter_worker_and_council_homes_have_headings_in_order(
    browser: Browser, live_server: Any, world: World, role: str, home: str
) -> None:
    page = _phone(browser, live_server.url, world.users[role])
    page.goto(live_server.url + reverse(home))
    assert axe_violations(page) == []
    page.context.close()
