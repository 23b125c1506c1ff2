"""Every page reachable by each demo role passes axe-core in Chromium, with no violations.

Each role signs in with the demo button, then follows every link on every page it can
reach (same site, GET only) and runs axe-core on each. The signed-out pages are checked too.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag, urlparse

import pytest
from playwright.sync_api import FilePayload, Page, expect

from alongside.accounts.demo import DEMO_ROLES

from .conftest import axe_violations, sign_in_as_demo

pytestmark = pytest.mark.browser

# Not HTML pages of ours: the JSON API and its third-party documentation viewer.
SKIP_PREFIXES = ("/api/", "/static/", "/admin/logout/", "/admin/jsi18n/")
MAX_PAGES = 60


def _crawl(page: Page, base_url: str, start: str) -> dict[str, list[str]]:
    """Visit every reachable page from `start`; return axe problems per page path."""
    host = urlparse(base_url).netloc
    queue, seen = [start], set[str]()
    problems: dict[str, list[str]] = {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(f"{base_url}{path}")
        assert response is not None and response.ok, (
            f"{path} answered {response and response.status}"
        )
        found = axe_violations(page)
        if found:
            problems[path] = found
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.netloc != host or url.path.startswith(SKIP_PREFIXES):
                continue
            if (
                url.path.endswith(("/json/", "/pdf/")) and "/download/" in url.path
            ) or url.path.endswith("/download/fhir/"):  # files, not pages
                continue
            if "/csv/" in url.path:  # spreadsheet downloads (outcomes), not pages
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen:
                queue.append(target)
    assert seen, "no pages visited"
    return problems


def test_signed_out_pages_have_no_axe_violations(page: Page, live_server: Any, demo: None) -> None:
    problems = {}
    for path in ["/", "/about/", "/sign-in/", "/password/forgotten/"]:
        page.goto(f"{live_server.url}{path}")
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)


def test_a_sign_in_error_page_has_no_axe_violations(
    page: Page, live_server: Any, demo: None
) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("role", [r.key for r in DEMO_ROLES])
def test_every_page_a_demo_role_can_reach_has_no_axe_violations(
    page: Page, live_server: Any, demo: None, role: str
) -> None:
    sign_in_as_demo(page, live_server.url, role)
    start = urlparse(page.url).path
    problems = _crawl(page, live_server.url, start)
    assert not problems, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)


@pytest.mark.parametrize("role", ["person", "service_manager"])
def test_pages_fit_a_320_pixel_wide_screen_in_easy_read(
    page: Page, live_server: Any, demo: None, role: str
) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in_as_demo(page, live_server.url, role)
    page.goto(f"{live_server.url}/account/")
    page.get_by_label("On: bigger text, pictures, short sentences").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Easy read is on.")).to_be_visible()
    page.goto(f"{live_server.url}/home/")
    assert "alongside-easy-read" in (page.locator("body").get_attribute("class") or "")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 320, f"the page is {width}px wide at 320px"
    assert axe_violations(page) == []


def test_the_download_pages_while_being_made_and_when_ready_have_no_axe_violations(
    page: Page, live_server: Any, demo: None
) -> None:
    from alongside.downloads.models import KeptDownload
    from alongside.people.models import Person

    sign_in_as_demo(page, live_server.url, "person")
    page.get_by_role("link", name="Download my information").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Make my download").click()
    expect(page.get_by_role("status")).to_contain_text("Your download is ready.")
    assert axe_violations(page) == []
    # One still being made (no worker has taken it yet): the polite live region says so.
    ready = KeptDownload.objects.get()
    person = Person.objects.get(pk=ready.person_id)
    making = KeptDownload.objects.create(
        person=person, asked_by=ready.asked_by, expires_at=ready.expires_at
    )
    page.goto(f"{live_server.url}/people/{person.pk}/download/{making.pk}/")
    expect(page.get_by_role("status")).to_contain_text("We are making your download now.")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/people/{person.pk}/download/")
    expect(page.get_by_text("being made.")).to_be_visible()
    assert axe_violations(page) == []


def _pages_changed_in_issue_19() -> list[tuple[str, str]]:
    """(demo role, path) for the pages issue 19 added or changed, which the crawl above may
    not reach within its page limit."""
    from django.urls import reverse

    from alongside.everyday.models import Meeting
    from alongside.people.models import Person

    josie = Person.objects.get(preferred_name="Josie")
    meeting = Meeting.objects.filter(person=josie).first()
    meeting_page = (
        [("person", reverse("everyday:meeting", args=[josie.pk, meeting.pk]))] if meeting else []
    )
    return [
        *meeting_page,
        ("person", reverse("notifications:how-we-tell-you")),
        ("person", reverse("everyday:my-ideas")),
        ("service_manager", reverse("notifications:how-we-tell-you")),
        ("person", reverse("people:sharing", args=[josie.pk])),
        ("person", reverse("everyday:meetings", args=[josie.pk])),
        ("person", reverse("team:ask-for-change", args=[josie.pk])),
        ("service_manager", reverse("team:change-requests") + "?show=closed"),
        ("service_manager", reverse("quality:actions") + "?show=overdue"),
        ("quality_lead", reverse("quality:invite-volunteers", args=[josie.service_id])),
        ("quality_lead", reverse("quality:planner")),
    ]


def test_the_pages_issue_19_changed_have_no_axe_violations(
    page: Page, live_server: Any, demo: None
) -> None:
    problems = {}
    signed_in_as = None
    for role, path in _pages_changed_in_issue_19():
        if role != signed_in_as:
            page.context.clear_cookies()
            sign_in_as_demo(page, live_server.url, role)
            signed_in_as = role
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.ok, (
            f"{path} answered {response and response.status}"
        )
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert not problems, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)


def test_the_check_of_a_file_with_problems_has_no_axe_violations(
    page: Page, live_server: Any, demo: None
) -> None:
    sign_in_as_demo(page, live_server.url, "org_admin")
    page.goto(f"{live_server.url}/bring-in/")
    assert axe_violations(page) == []
    page.get_by_label("Services").check()
    services_csv: FilePayload = {
        "name": "services.csv",
        "mimeType": "text/csv",
        "buffer": (
            b"reference,name,address line 1,town,postcode,region\n"
            b"S-1,,4 Elm Road,Leeds,LS1 4AB,North\n"
        ),
    }
    page.get_by_label("Upload a file").set_input_files(files=[services_csv])
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_text("Row 2, name: this is empty: every service needs one")).to_be_visible()
    assert axe_violations(page) == []
