"""The quality check journey from issue 6, in a real browser, with axe-core on each new page:
a person signs up as a quality checker, does an easy-read check of their own home, a
"not good" becomes an action the manager answers, and the coverage page shows their
service covered and the organisation's share rise."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser


def _train_and_plan_a_check_of_josies_home() -> None:
    """What the quality lead does between the person signing up and the check."""
    from alongside.accounts.models import User
    from alongside.demo.quality import STARTER_CHECKLIST
    from alongside.quality import services
    from alongside.quality.models import Checklist, QualityChecker

    lead = User.objects.get(email="quality@demo.alongside.example")
    checker = QualityChecker.objects.get(person__preferred_name="Josie")
    services.record_training(
        checker=checker,
        module="basics",
        completed_on=datetime.date.today(),
        recorded_by=lead,
    )
    services.plan_check(
        service=checker.person.service,
        checker=checker,
        checklist=Checklist.objects.get(name=STARTER_CHECKLIST),
        planned_for=datetime.date.today(),
        planned_by=lead,
    )


def test_a_person_checks_their_home_and_the_manager_answers_what_was_not_good(
    page: Page, browser: Any, live_server: Any, demo: None
) -> None:
    lead = browser.new_context().new_page()
    sign_in_as_demo(lead, live_server.url, "quality_lead")
    lead.get_by_role("link", name="Coverage: which services have a quality checker").click()
    expect(lead.get_by_text("1 of 3 services (33%)")).to_be_visible()

    # Given Josie, signed in, who volunteers to be a quality checker
    sign_in_as_demo(page, live_server.url, "person")
    page.get_by_role("link", name="Become a quality checker").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign me up").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Someone to go with me").check()
    page.get_by_label("2", exact=True).check()
    page.get_by_label("No, only my own home").check()
    page.get_by_label("Yes, I want to be a quality checker").check()
    page.get_by_role("button", name="Sign me up").click()
    expect(page.get_by_text("You are a quality checker now.")).to_be_visible()
    assert axe_violations(page) == []

    # When she is trained and does an easy-read check of her own home
    _train_and_plan_a_check_of_josies_home()
    page.reload()
    page.get_by_role("link", name="Do this check of Willow House").click()
    assert axe_violations(page) == []
    radios = page.locator("fieldset .govuk-radios")
    for i in range(radios.count()):
        label = "Not good" if i == 0 else "Good"
        radios.nth(i).get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Save my check").click()
    expect(page.get_by_text("1 thing was not good. The manager must answer it.")).to_be_visible()
    assert axe_violations(page) == []

    # Then the manager sees the action, answers it, and a re-check is planned
    manager = browser.new_context().new_page()
    sign_in_as_demo(manager, live_server.url, "service_manager")
    manager.get_by_role("link", name="Actions from quality checks at my services").click()
    assert axe_violations(manager) == []
    manager.get_by_role("link", name="answer the action for Willow House").click()
    assert axe_violations(manager) == []
    manager.get_by_label("What did you do about this?").fill(
        "We talked about it at the house meeting."
    )
    manager.get_by_role("button", name="Save my answer").click()
    expect(manager.get_by_text("so a re-check is planned for")).to_be_visible()

    # And the coverage page shows Willow House covered and the share rise
    lead.reload()
    expect(lead.get_by_text("2 of 3 services (67%)")).to_be_visible()
    assert axe_violations(lead) == []
    lead.goto(f"{live_server.url}/quality/results/")
    assert axe_violations(lead) == []
    lead.goto(f"{live_server.url}/quality/planner/")
    lead.get_by_role("button", name="Make proposals").click()
    assert axe_violations(lead) == []
