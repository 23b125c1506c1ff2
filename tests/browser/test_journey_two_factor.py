"""Two-factor sign-in journeys, written as given / when / then, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from playwright.sync_api import Page, expect

from alongside.accounts.demo import DEMO_PASSWORD
from alongside.accounts.models import User
from alongside.accounts.services import make_recovery_codes
from alongside.organisations.models import StaffMember
from tests.factories import StaffMemberFactory

from .conftest import axe_violations, shown_totp_device

pytestmark = pytest.mark.browser


def _sign_in_with_password(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_quality_lead_who_lost_their_phone_signs_in_with_a_recovery_code(
    page: Page, live_server: Any, demo: None
) -> None:
    # Given the quality lead, with an authenticator and recovery codes, signed in with a
    # password only
    lead = User.objects.get(email="quality@demo.alongside.example")
    codes = make_recovery_codes(user=lead)
    _sign_in_with_password(page, live_server.url, lead.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert axe_violations(page) == []
    # When they cannot open the set-up page that would replace their phone
    page.goto(f"{live_server.url}/account/two-factor/set-up/")
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    # And they use a recovery code instead
    page.get_by_role("link", name="Use one of your recovery codes").click()
    expect(page.get_by_role("heading", name="Use a recovery code")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Recovery code").fill("not-a-code")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []
    # (a wrong code makes the next try wait a second; as if it had passed)
    StaticDevice.objects.filter(user=lead).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    page.get_by_label("Recovery code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    # Then they are in, told how many codes are left, and back where they were going:
    # moving two-factor to a new phone, which now asks for a code (or another recovery code)
    expect(page.get_by_text("You have 9 left")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Move two-factor sign-in to a new phone")
    ).to_be_visible()
    expect(page.get_by_label("or one of your recovery codes")).to_be_visible()
    assert axe_violations(page) == []


def test_a_new_council_worker_sets_up_two_factor_and_is_shown_recovery_codes(
    page: Page, live_server: Any, demo: None
) -> None:
    # Given a new member of staff with no authenticator yet
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
    _sign_in_with_password(page, live_server.url, worker.email, "a-good-long-password")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    assert axe_violations(page) == []
    # When they type the code their new app shows
    device = shown_totp_device(page, worker)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Check the code").click()
    # Then they see their ten recovery codes once, on a page that passes axe
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert page.locator(".alongside-recovery-codes li").count() == 10
    assert axe_violations(page) == []
    page.get_by_role("button", name="I have saved them: continue").click()
    expect(page.get_by_role("heading", name="People I support")).to_be_visible()
