"""WCAG 1.4.10 Reflow: at 320 px wide no page scrolls sideways, easy read on or off.

Every page of the permission matrix is loaded for every role that may open it, at 320×640.
Only an element marked `data-scroll-container` (a labelled, focusable region around a staff
table) may be wider than the screen: then only the table scrolls, not the page.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.world import build_world

from .pages import lived_in, matrix_pages, sign_in_browser

pytestmark = pytest.mark.browser

# What sticks out past the right edge of the screen, not counting what is inside a scroll
# container (the container itself must fit).
WIDER_THAN_THE_SCREEN = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('[data-scroll-container]') && !el.matches('[data-scroll-container]')) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > root.clientWidth + 1) {
      const classes = typeof el.className === 'string' ? el.className.trim() : '';
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (classes ? '.' + classes.split(/\\s+/).join('.') : '');
      wide.push(name + ' ' + Math.round(box.right) + 'px');
    }
  }
  return [root.scrollWidth + 'px wide', ...wide.slice(-3)];
}"""


def test_no_page_scrolls_sideways_at_320_pixels_for_any_role_easy_read_on_or_off(
    browser: Browser, live_server: Any, transactional_db: Any
) -> None:
    world = build_world()
    pages = matrix_pages(world)
    lived_in(world)
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    problems = []
    for role, paths in pages.items():
        user = world.users[role]
        for easy_read in (False, True):
            if user is not None:
                user.easy_read = easy_read
                user.save(update_fields=["easy_read"])
            elif easy_read:
                continue  # signed out: no easy-read setting
            sign_in_browser(context, live_server.url, user)
            for path in paths:
                page.goto(f"{live_server.url}{path}")
                wide = page.evaluate(WIDER_THAN_THE_SCREEN)
                if wide:
                    read = "easy read" if easy_read else "standard"
                    problems.append(f"{role} {read} {path}: {'; '.join(wide)}")
    context.close()
    assert not problems, f"{len(problems)} page loads scroll sideways:\n" + "\n".join(problems)
