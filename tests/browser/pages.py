"""The pages of the permission matrix, for browser tests that visit every page each role can
open: one list, taken from the matrix itself, so a new URL is visited as soon as it is added."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext

from tests.conftest import sign_in
from tests.world import ROLES, World

# Files and machine answers, not pages a person reads.
NOT_PAGES = ("/api/", "/download/", "/csv/", "/admin/")


def matrix_pages(world: World) -> dict[str, list[str]]:
    """For each role, the path of every page in the permission matrix it may open (200)."""
    from tests.policy.answers import OK
    from tests.policy.test_permission_matrix import EXPECTED

    pages: dict[str, list[str]] = {role: [] for role in ROLES}
    # The matrix builds a new world for each URL; here one world serves them all, so URLs
    # that share a maker of arguments share what it made (a second would clash).
    made: dict[Any, dict[str, Any]] = {}
    for name in sorted(EXPECTED):
        make_kwargs, answers = EXPECTED[name]
        if OK not in answers.values():
            continue
        if make_kwargs not in made:
            made[make_kwargs] = make_kwargs(world)
        path = reverse(name, kwargs=made[make_kwargs])
        if any(part in path for part in NOT_PAGES):
            continue
        for role, status in answers.items():
            if status == OK:
                pages[role].append(path)
    return pages


def lived_in(world: World) -> None:
    """Give the world's person what a real record has (long words, tables with rows), so the
    pages are as wide as they get."""
    from alongside.reviews.models import PersonalBudget, Review
    from tests.factories import CheckInFactory, GoalFactory, ReviewFactory, budget_for

    long_email = "firstname.middlename.lastname.person@a-very-long-organisation-name.example.org"
    for user in world.users.values():
        if user is not None:
            user.email = long_email.replace("person", f"u{user.pk}")
            user.save(update_fields=["email"])
    today = timezone.localdate()
    for days_ago in range(5):
        on = today - datetime.timedelta(days=days_ago)
        if not world.person.check_ins.filter(on=on).exists():
            CheckInFactory(person=world.person, on=on)
    if not Review.objects.filter(person=world.person).exists():
        ReviewFactory(person=world.person)
    GoalFactory(person=world.person)
    if not PersonalBudget.objects.filter(person=world.person).exists():
        budget_for(world.person)


def sign_in_browser(context: BrowserContext, base_url: str, user: Any) -> None:
    """Give the browser the session cookie of `user` (two-factor passed), without the forms."""
    context.clear_cookies()
    if user is None:
        return
    client = sign_in(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def each_role(world: World) -> Iterator[tuple[str, Any]]:
    for role in ROLES:
        yield role, world.users[role]
