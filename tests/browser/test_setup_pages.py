"""Axe on every set-up page, with their error states, in a real browser (issue 13, item 4)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from alongside.accounts.demo import DEMO_ROLES
from alongside.organisations.models import StaffMember

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser


def test_every_set_up_page_has_no_axe_violations(
    page: Page, browser: Any, live_server: Any, demo: None
) -> None:
    problems: dict[str, list[str]] = {}

    def check(name: str) -> None:
        found = axe_violations(page)
        if found:
            problems[name] = found

    sign_in_as_demo(page, live_server.url, "org_admin")
    admin_email = next(r.email for r in DEMO_ROLES if r.key == "org_admin")
    organisation = StaffMember.objects.get(user__email=admin_email).organisation
    for kind, one in [
        ("services", "service"),
        ("staff", "staff member"),
        ("supporters", "supporter"),
    ]:
        page.goto(f"{live_server.url}/organisation/set-up/{kind}/")
        check(f"{kind} list")
        page.goto(f"{live_server.url}/organisation/set-up/{kind}/add/")
        check(f"add {kind}")
        page.get_by_role("button", name=f"Add the {one}").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        check(f"add {kind} with errors")
    service = organisation.services.first()
    assert service is not None
    page.goto(f"{live_server.url}/organisation/set-up/services/{service.pk}/")
    check("change a service")
    page.get_by_label("Postcode").fill("NOPE")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check("change a service with an error")
    page.goto(f"{live_server.url}/organisation/set-up/services/{service.pk}/end/")
    check("end a service")
    page.get_by_role("button", name="End this service").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check("end a service that has people")
    worker = organisation.staff.filter(role=StaffMember.Role.SUPPORT_WORKER).first()
    assert worker is not None
    page.goto(f"{live_server.url}/organisation/set-up/staff/{worker.pk}/")
    check("change a staff member")
    page.goto(f"{live_server.url}/organisation/set-up/staff/{worker.pk}/end/")
    page.get_by_role("button", name="End this staff member").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check("end a staff member with an error")

    manager_page = browser.new_context().new_page()
    sign_in_as_demo(manager_page, live_server.url, "service_manager")
    page = manager_page
    page.get_by_role("link", name="Add a person we support").first.click()
    check("add a person we support")
    page.get_by_role("button", name="Add the person").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check("add a person we support with errors")
    assert not problems, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)
