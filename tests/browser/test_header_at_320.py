"""At 320 px in easy read, the header's "Menu" button wraps below the name "Alongside"
instead of lying over it or sticking out past the screen, also with text twice as big
(WCAG 1.4.4 and 1.4.10). Measured from the boxes the browser draws."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from tests.world import build_world

from .pages import sign_in_browser

pytestmark = pytest.mark.browser

BOX = "el => { const b = el.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }"
# Every element of the header that is drawn, with its box.
DRAWN = """() => [...document.querySelectorAll('.alongside-header *')]
  .map(el => [el.tagName.toLowerCase() + '.' + (el.className || '').toString().split(' ')[0],
              el.getBoundingClientRect()])
  .filter(([, b]) => b.width > 0 && b.height > 0)
  .map(([name, b]) => [name, b.left, b.right])"""


def _overlap(a: list[float], b: list[float]) -> bool:
    left, top, right, bottom = a
    return left < b[2] - 0.5 and b[0] < right - 0.5 and top < b[3] - 0.5 and b[1] < bottom - 0.5


def _header_problems(page: Page) -> list[str]:
    width = page.evaluate("document.documentElement.clientWidth")
    name = page.locator(".alongside-header__service-name").evaluate(BOX)
    menu = page.get_by_role("button", name="Menu").evaluate(BOX)
    problems = []
    if _overlap(name, menu):
        problems.append(f"Menu {menu} lies over the name {name}")
    if menu[1] < name[3] - 0.5:
        problems.append(f"Menu {menu} is not below the name {name}")
    for what, left, right in page.evaluate(DRAWN):
        if left < -0.5 or right > width + 0.5:
            problems.append(f"{what} runs from {left:.0f} to {right:.0f} px of {width}")
    return problems


@pytest.mark.parametrize("text_size", ["100%", "200%"])
def test_at_320_pixels_in_easy_read_the_menu_button_wraps_below_the_name(
    browser: Browser, live_server: Any, transactional_db: Any, text_size: str
) -> None:
    world = build_world()
    person = world.users["person"]
    person.easy_read = True
    person.save(update_fields=["easy_read"])
    context = browser.new_context(viewport={"width": 320, "height": 640})
    sign_in_browser(context, live_server.url, person)
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('people:who-looked', args=[world.person.pk])}")
    assert "alongside-easy-read" in (page.locator("body").get_attribute("class") or "")
    # Text made bigger the way a browser setting does: the root font size (the CSS is in rem).
    page.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
    assert _header_problems(page) == []
    page.get_by_role("button", name="Menu").click()
    sign_out = page.get_by_role("button", name="Sign out")
    assert sign_out.is_visible()
    menu = page.get_by_role("button", name="Menu").evaluate(BOX)
    assert not _overlap(menu, sign_out.evaluate(BOX))
    assert _header_problems(page) == []
    context.close()
