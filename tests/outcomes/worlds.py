"""A provider with numbers to show on every outcomes page: two services of enough people
(so nothing is hidden for a small group), all funded by one council, with reviews and goals
in two quarters that differ, so the figures' charts and the by service chart have bars of
different lengths. Used by the chart-and-table and the CSV link tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.reviews.models import DoingWhatMatters, GoalProgress
from tests.conftest import sign_in
from tests.factories import (
    CouncilFactory,
    CouncilWorkerFactory,
    FinishedReviewFactory,
    GoalFactory,
    PersonFactory,
    ProviderFactory,
    ServiceFactory,
    StaffMemberFactory,
)

# (service, people, of them "yes" in the earlier quarter, "yes" in the later one, goals done)
SERVICES = [("Ash House", 5, 1, 4, 2), ("Birch Lodge", 6, 3, 2, 5)]
EARLIER = datetime.date(2026, 8, 14)
LATER = datetime.date(2026, 11, 10)


@dataclass
class OutcomesWorld:
    """Who opens each outcomes page, and its address: (page name, client, url)."""

    pages: list[tuple[str, Client, str]]


def _at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def outcomes_with_numbers() -> OutcomesWorld:
    """The world; call it with the clock on a day after LATER (the tests use 30 Nov 2026)."""
    provider = ProviderFactory()
    council = CouncilFactory()
    first = None
    for name, people, yes_earlier, yes_later, done in SERVICES:
        service = ServiceFactory(organisation=provider, name=name)
        first = first or service
        for n in range(people):
            person = PersonFactory(service=service, council=council)
            for day, yes in ((EARLIER, yes_earlier), (LATER, yes_later)):
                FinishedReviewFactory(
                    person=person,
                    due_on=day,
                    completed_on=day,
                    doing_what_matters=DoingWhatMatters.YES if n < yes else DoingWhatMatters.PARTLY,
                )
            GoalFactory(
                person=person,
                progress=GoalProgress.DONE if n < done else GoalProgress.NOT_STARTED,
                created_at=_at_noon(EARLIER if n % 2 else LATER),
            )
    assert first is not None
    lead = StaffMemberFactory(organisation=provider, role="quality_lead")
    council_worker = CouncilWorkerFactory(council=council)
    return OutcomesWorld(
        pages=[
            (
                "outcomes:service",
                sign_in(Client(), lead.user),
                reverse("outcomes:service", args=[first.pk]),
            ),
            ("outcomes:provider", sign_in(Client(), lead.user), reverse("outcomes:provider")),
            (
                "outcomes:council",
                sign_in(Client(), council_worker.user),
                reverse("outcomes:council"),
            ),
        ]
    )
