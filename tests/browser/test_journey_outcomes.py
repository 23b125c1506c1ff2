"""Issue 7's outcomes story in a real browser, with axe-core on each page: the council's
outcomes page counts the person among those doing the things that matter to them."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser


def _finish_josies_review(answer: str) -> None:
    """Josie's review with her council worker is finished today with this answer to
    "Are you doing the things that matter to you?" (the newest review counts)."""
    from django.utils import timezone

    from alongside.people.models import Person
    from alongside.reviews.models import Review, ReviewStatus

    josie = Person.objects.get(preferred_name="Josie")
    Review.objects.create(
        person=josie,
        status=ReviewStatus.COMPLETED,
        due_on=timezone.localdate(),
        completed_on=timezone.localdate(),
        what_matters="My friends, my music and my own routine",
        doing_what_matters=answer,
        doing_what_matters_words="I go to music club every week now.",
    )


def _yes_in_the_last_12_months(page: Page) -> int:
    section = page.locator("section[aria-labelledby='doing-what-matters']")
    row = section.locator("tr", has=page.get_by_role("rowheader", name="Last 12 months"))
    return int(row.locator("td").nth(1).inner_text())


def test_the_council_outcomes_page_counts_josie_among_those_doing_what_matters(
    page: Page, live_server: Any, demo: None
) -> None:
    # Given Josie, whose last review said "not yet"
    _finish_josies_review("not_yet")
    sign_in_as_demo(page, live_server.url, "council_worker")
    page.get_by_role("link", name="Outcomes for the people of").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Outcomes")
    assert axe_violations(page) == []
    before = _yes_in_the_last_12_months(page)

    # and whose review today says she is doing the things that matter to her
    _finish_josies_review("yes")

    # When the council worker opens the council's outcomes page
    page.reload()

    # Then Josie is counted among those doing what matters (counts only, no names)
    assert _yes_in_the_last_12_months(page) == before + 1
    expect(page.get_by_role("heading", name="Doing the things that matter to them")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Josie")
    assert axe_violations(page) == []
