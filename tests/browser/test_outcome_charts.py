"""The outcome pages' charts in a real browser, on the small demo: axe-core passes on each
page, and at 320px (easy read on and off) every chart's words are readable and whole.

With ALONGSIDE_SCREENS set to a folder (docs/screens), the run also saves a whole-page
screenshot of every outcome page at 1280px and 320px there:

    ALONGSIDE_SCREENS=docs/screens DJANGO_SETTINGS_MODULE=alongside.settings.test \\
        .venv/bin/python -m pytest tests/browser/test_outcome_charts.py -q -p no:randomly
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser

SCREENS = os.environ.get("ALONGSIDE_SCREENS", "")


@pytest.fixture
def a_year_of_reviews(demo: None) -> None:
    """The demo has reviews and goals only lately: give each person a finished review and a
    goal in each of the last four quarters, more of them "yes" and done each quarter (about
    20%, 40%, 60%, 80%), so every chart has bars to compare."""
    from django.utils import timezone

    from alongside.outcomes.selectors import period_for
    from alongside.people.models import Person
    from alongside.reviews.models import DoingWhatMatters, Goal, GoalProgress, Review

    answers = [DoingWhatMatters.YES, DoingWhatMatters.PARTLY, DoingWhatMatters.NOT_YET]
    progress = [GoalProgress.DONE, GoalProgress.GETTING_THERE, GoalProgress.NOT_STARTED]
    today = timezone.localdate()
    for q, quarter in enumerate(period_for().quarters):
        on = min(today, quarter + datetime.timedelta(days=20))
        for n, person in enumerate(Person.objects.order_by("pk")):
            Review.objects.create(
                person=person,
                status="completed",
                due_on=on,
                completed_on=on,
                what_matters="Seeing my friends",
                doing_what_matters=DoingWhatMatters.YES if n % 5 <= q else answers[n % 2 + 1],
            )
            Goal.objects.create(
                person=person,
                words="Go swimming every week.",
                progress=progress[0 if n % 5 <= q else 2],
                created_at=timezone.make_aware(datetime.datetime.combine(on, datetime.time(12))),
            )


def _pages() -> list[tuple[str, str, str, int, int]]:
    """(role, page name, path, figures, charts at least) for each page with outcome charts,
    in the demo: the service is the demo provider's biggest (a service of fewer than 5 people
    shows no figures about them); the Making It Real page charts its years."""
    from django.db.models import Count

    from alongside.organisations.models import Service, StaffMember

    lead = StaffMember.objects.get(user_id=_user_id("quality_lead"))
    service = (
        Service.objects.filter(organisation_id=lead.organisation_id)
        .annotate(n=Count("people"))
        .order_by("-n", "pk")
        .first()
    )
    assert service is not None
    return [
        ("quality_lead", "outcomes-service", reverse("outcomes:service", args=[service.pk]), 7, 4),
        ("quality_lead", "outcomes-provider", reverse("outcomes:provider"), 7, 7),
        ("council_worker", "outcomes-council", reverse("outcomes:council"), 7, 4),
        ("quality_lead", "making-it-real", reverse("outcomes:self-assessments"), 1, 1),
    ]


def _open(browser: Browser, base_url: str, role: str, width: int, *, easy_read: bool) -> Page:
    from alongside.accounts.models import User

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in_as_demo(page, base_url, role)
    user = User.objects.get(pk=_user_id(role))
    user.easy_read = easy_read
    user.save(update_fields=["easy_read"])
    return page


def _user_id(role: str) -> int:
    from alongside.accounts.demo import DEMO_ROLES
    from alongside.accounts.models import User

    role_of = next(r for r in DEMO_ROLES if r.key == role)
    return User.objects.get(email=role_of.email).pk


def _chart_words(page: Page) -> list[tuple[str, float, float, float, float, float]]:
    """For each word of each chart: its text, left, right, height, and its chart's edges."""
    return page.eval_on_selector_all(
        "svg.alongside-outcome-chart text",
        """texts => texts.map(t => {
            const b = t.getBoundingClientRect();
            const c = t.ownerSVGElement.getBoundingClientRect();
            return [t.textContent, b.left, b.right, b.height, c.left, c.right];
        })""",
    )


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_every_outcome_chart_passes_axe_and_its_words_are_whole_and_readable_at_320_pixels(
    browser: Browser, live_server: Any, a_year_of_reviews: None, easy_read: bool
) -> None:
    for role, _, path, figures, at_least in _pages():
        page = _open(browser, live_server.url, role, 320, easy_read=easy_read)
        page.goto(live_server.url + path)
        # The by service table has one chart comparing the services, or says why not; every
        # other chart is one figure's.
        by_service = page.locator("section[aria-labelledby='by-service']")
        compared = by_service.locator("svg.alongside-outcome-chart").count()
        if by_service.count():
            not_compared = by_service.get_by_text("services have a share of it to compare").count()
            assert compared + not_compared == 1, path
        charts = page.locator("svg.alongside-outcome-chart").count() - compared
        # Every figure has its chart, or says why not (too few people, nothing to count).
        without = page.get_by_text("There is no chart yet: nothing to count.").count()
        hidden = page.get_by_text("Not shown: this is about fewer than 5 people").count()
        assert charts + without + hidden == figures, path
        assert charts >= at_least, path
        assert axe_violations(page) == [], path
        words = _chart_words(page)
        assert words
        for text, left, right, height, chart_left, chart_right in words:
            assert height >= (20 if easy_read else 14), f"{path}: “{text}” is {height:.0f}px"
            assert chart_left - 0.5 <= left and right <= chart_right + 0.5, f"“{text}” is cut"
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= 320, f"{path} scrolls sideways ({page_width}px)"
        page.context.close()


@pytest.mark.skipif(not SCREENS, reason="set ALONGSIDE_SCREENS to a folder to take screenshots")
def test_screenshots_of_every_outcome_page_at_1280_and_320_pixels(
    browser: Browser, live_server: Any, a_year_of_reviews: None
) -> None:
    from alongside.outcomes.models import SelfAssessment

    folder = Path(SCREENS)
    folder.mkdir(parents=True, exist_ok=True)
    year = SelfAssessment.objects.order_by("-year", "pk").first()
    assert year is not None
    pages = [(role, name, path) for role, name, path, _, _ in _pages()]
    pages.append(
        ("quality_lead", "making-it-real-year", reverse("outcomes:self-assessment", args=[year.pk]))
    )
    for role, name, path in pages:
        for width, easy_read, suffix in [
            (1280, False, "1280"),
            (320, False, "320"),
            (320, True, "easy-read-320"),
        ]:
            page = _open(browser, live_server.url, role, width, easy_read=easy_read)
            page.goto(live_server.url + path)
            page.screenshot(path=str(folder / f"{name}-{suffix}.png"), full_page=True)
            page.context.close()
