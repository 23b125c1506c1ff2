"""A first organisation from nothing, and the account pages, in a real browser (issue 13)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from alongside.accounts.demo import DEMO_ROLES
from alongside.accounts.invitations import invite
from alongside.accounts.models import User
from alongside.organisations.models import StaffMember

from .conftest import axe_violations, shown_totp_device, sign_in_as_demo

pytestmark = pytest.mark.browser


def test_a_new_organisation_admin_starts_from_an_empty_database(
    page: Page, live_server: Any, transactional_db: Any, settings: Any
) -> None:
    # Given an empty database, and the command that starts an organisation
    settings.SITE_URL = live_server.url
    assert not User.objects.exists()
    call_command(
        "create_organisation",
        "--name=Riverside Support",
        "--kind=provider",
        "--admin-email=mo@riverside.example",
        "--admin-name=Mo Peberdy",
    )
    # When the admin opens the invitation link from the email
    (message,) = mail.outbox
    link = re.search(r"http://\S+/invitation/\w+/", str(message.body))
    assert link is not None
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Set your password")).to_be_visible()
    assert axe_violations(page) == []
    # And sets a password
    page.get_by_label("Password", exact=True).fill("river-lantern-biscuit")
    page.get_by_label("Type the password again").fill("river-lantern-biscuit")
    page.get_by_role("button", name="Set my password and continue").click()
    # Then they must set up their authenticator before anything else
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    page.goto(f"{live_server.url}/home/admin/")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    # When they type the code their new app shows
    admin = User.objects.get(email="mo@riverside.example")
    device = shown_totp_device(page, admin)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Check the code").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    page.get_by_role("button", name="I have saved them: continue").click()
    # Then they land on the admin home of their new organisation
    expect(page.get_by_role("heading", name="Set up Riverside Support")).to_be_visible()
    expect(page.get_by_role("link", name="Who is invited, and who has left")).to_be_visible()


def test_every_account_page_has_no_axe_violations(
    page: Page, browser: Any, live_server: Any, demo: None
) -> None:
    problems: dict[str, list[str]] = {}

    def check(name: str) -> None:
        found = axe_violations(page)
        if found:
            problems[name] = found

    # Signed out: forgotten password, with an error, and the pages after it
    for path in ["/password/forgotten/", "/password/forgotten/sent/", "/password/reset/done/"]:
        page.goto(f"{live_server.url}{path}")
        check(path)
    page.goto(f"{live_server.url}/password/reset/MQ/a-b/")
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    check("reset link that does not work")
    page.goto(f"{live_server.url}/password/forgotten/")
    page.get_by_role("button", name="Email me a link").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check("forgotten password with an error")
    # An invitation: the page, its errors, in easy read, and a link that does not work
    admin_email = next(r.email for r in DEMO_ROLES if r.key == "org_admin")
    organisation = StaffMember.objects.get(user__email=admin_email).organisation
    worker = StaffMember.objects.filter(
        role=StaffMember.Role.SUPPORT_WORKER, organisation=organisation
    ).first()
    assert worker is not None
    page.goto(f"{live_server.url}/invitation/{invite(user=worker.user, invited_by=None).token}/")
    page.get_by_role("button", name="Set my password and continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check("invitation with errors")
    person = User.objects.filter(person__isnull=False).first()
    assert person is not None
    page.goto(f"{live_server.url}/invitation/{invite(user=person, invited_by=None).token}/")
    expect(page.locator("body.alongside-easy-read")).to_be_visible()
    check("invitation in easy read")
    page.goto(f"{live_server.url}/invitation/not-a-token/")
    expect(page.get_by_role("heading", name="This invitation does not work")).to_be_visible()
    check("invitation that does not work")
    # The organisation admin's pages
    admin_page = browser.new_context().new_page()
    sign_in_as_demo(admin_page, live_server.url, "org_admin")
    page = admin_page
    page.goto(f"{live_server.url}/organisation/accounts/")
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()
    check("accounts")
    page.goto(f"{live_server.url}/organisation/accounts/{worker.user.pk}/")
    check("an account")
    page.get_by_role("button", name="Send the invitation again").click()
    expect(page.get_by_text("The old link no longer works")).to_be_visible()
    check("an account after sending again")
    page.get_by_role("link", name="End this account (a leaver)").click()
    page.get_by_role("button", name="End the account").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check("end an account with an error")
    page.get_by_label("Why is the account ended?").fill("Left on 30 November")
    page.get_by_role("button", name="End the account").click()
    expect(page.get_by_role("button", name="Switch the account back on")).to_be_visible()
    check("an ended account")
    assert not problems, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)
