"""The rota honours the person's choices: tried in a real browser, as a new user would."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from alongside.organisations.models import StaffMember
from alongside.team.models import TeamChoice

from .conftest import sign_in_as_demo

pytestmark = pytest.mark.browser


def test_a_person_marks_a_worker_and_the_solved_week_never_has_them(
    page: Page, browser: Any, live_server: Any, demo: None
) -> None:
    chosen = set(TeamChoice.objects.values_list("worker_id", flat=True))
    avoid = (
        StaffMember.objects.filter(
            services__name="Willow House", role=StaffMember.Role.SUPPORT_WORKER
        )
        .exclude(pk__in=chosen)
        .select_related("user")
        .order_by("user__display_name")
        .first()
    )
    assert avoid is not None
    name = avoid.user.display_name
    # Given Josie, signed in, who would rather not work with one worker
    sign_in_as_demo(page, live_server.url, "person")
    page.get_by_role("link", name="Who I would rather work with, and asking for a change").click()
    page.get_by_role("link", name=f"Choose how I feel about working with {name}").click()
    page.get_by_label("I would rather not work with them").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Saved your choice about {name}.")).to_be_visible()
    # When the manager solves and publishes next week
    manager = browser.new_context().new_page()
    sign_in_as_demo(manager, live_server.url, "service_manager")
    manager.get_by_role("link", name="This week's rota at Willow House").click()
    manager.get_by_role("link", name="Week after").click()
    manager.get_by_role("button", name="Make the rota").click()
    # The solve is a task (run at once in tests); the page says so in its live region.
    expect(manager.locator("#solve-progress")).to_contain_text("The rota is ready")
    expect(manager.locator("#solve-progress")).to_have_attribute("aria-live", "polite")
    expect(manager.get_by_text("This rota is draft.")).to_be_visible()
    manager.get_by_role("button", name="Publish").click()
    expect(
        manager.get_by_text("Published. Workers and the people supported can see it.")
    ).to_be_visible()
    # Then Josie's week has Sam, whom she chose, never the worker she would rather not have,
    # and says why her chosen worker is not there the rest of the time
    page.goto(f"{live_server.url}/home/me/")
    page.get_by_role("link", name="Who is supporting me this week").click()
    page.get_by_role("link", name="Week after").click()
    expect(page.get_by_text("Sam Okafor").first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(name)
    expect(page.get_by_role("heading", name="Workers you chose")).to_be_visible()
    expect(page.get_by_text("because:")).to_be_visible()


def test_every_team_and_rota_page_has_no_axe_violations_for_the_roles_that_use_them(
    page: Page, browser: Any, live_server: Any, demo: None
) -> None:
    from alongside.people.models import Person
    from alongside.rota.models import RotaShift, RotaWeek, SolveJob, SolveRun
    from alongside.rota.selectors import this_monday, week_label
    from alongside.team.models import ChangeRequest

    from .conftest import axe_violations

    josie = Person.objects.get(preferred_name="Josie")
    sam = StaffMember.objects.get(user__display_name="Sam Okafor")
    week = week_label(this_monday())
    # A run of `solve_rotas --week` with one service that could not be made, and a solve of
    # this week being made, so the progress pages show what they show then.
    run = SolveRun.objects.create(monday=this_monday())
    rota_week, _ = RotaWeek.objects.get_or_create(service=josie.service, monday=this_monday())
    SolveJob.objects.create(
        week=rota_week, run=run, status="failed", reason="The solver stopped unexpectedly."
    )
    SolveJob.objects.create(week=rota_week, status="running", best_objective=100, best_bound=97)
    from alongside.notifications.models import OutgoingEmail

    OutgoingEmail.objects.create(
        to=sam.user.email,
        subject="Alongside: A late action",
        body="B",
        kind="late_action",
        organisation_id=josie.service.organisation_id,
        status="failed",
        attempts=4,
        reason="ConnectionRefusedError: the mail server refused the connection",
    )
    pages = {
        "person": [
            f"/team/people/{josie.pk}/",
            f"/team/people/{josie.pk}/workers/{sam.pk}/",
            f"/team/people/{josie.pk}/what-i-look-for/",
            f"/team/people/{josie.pk}/ask-for-change/",
            f"/rota/people/{josie.pk}/",
            f"/rota/people/{josie.pk}/personal-care/",
        ],
        "service_manager": [
            f"/rota/services/{josie.service_id}/weeks/{week}/",
            f"/rota/services/{josie.service_id}/weeks/{week}/fix/",
            f"/rota/services/{josie.service_id}/weeks/{week}/solve/progress/",
            f"/rota/shifts/{RotaShift.objects.filter(week__service=josie.service).first().pk}/",  # type: ignore[union-attr]
            f"/rota/people/{josie.pk}/pattern/",
            f"/rota/people/{josie.pk}/personal-care/",
            f"/rota/workers/{sam.pk}/",
            "/team/change-requests/",
            f"/team/change-requests/{ChangeRequest.objects.first().pk}/",  # type: ignore[union-attr]
        ],
        "support_worker": ["/rota/my-shifts/"],
        "org_admin": [f"/rota/solve-runs/{run.pk}/", "/notifications/failed-emails/"],
    }
    problems = {}
    for role, paths in pages.items():
        context = browser.new_context()
        signed_in = context.new_page()
        sign_in_as_demo(signed_in, live_server.url, role)
        for path in paths:
            response = signed_in.goto(f"{live_server.url}{path}")
            assert response is not None and response.ok, path
            found = axe_violations(signed_in)
            if found:
                problems[path] = found
        context.close()
    # A form with errors too: the manager's pattern page, sent empty.
    manager = browser.new_context().new_page()
    sign_in_as_demo(manager, live_server.url, "service_manager")
    manager.goto(f"{live_server.url}/rota/people/{josie.pk}/pattern/")
    manager.get_by_role("button", name="Add").click()
    expect(manager.get_by_text("There is a problem")).to_be_visible()
    found = axe_violations(manager)
    if found:
        problems["pattern with errors"] = found
    assert not problems, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)
