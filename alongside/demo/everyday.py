"""Demo check-ins: Josie's last four weeks (today she is having a bad day and asked her team
on shift to know), and today's check-in for one more person at Willow House.
Demo suggestions at Willow House: one anonymous idea the team is doing, one it is not doing
(with the reason) and one waiting for Priya's answer."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from alongside.everyday.models import (
    AgendaItem,
    CheckIn,
    Feeling,
    Meeting,
    MeetingAction,
    Suggestion,
    SuggestionStatus,
)
from alongside.people.models import Person
from alongside.people.selectors import what_helps_on_a_bad_day


def load_small(seed: int) -> None:
    """Josie's check-ins, Willow House's suggestions and Josie's meetings."""
    josie = Person.objects.filter(preferred_name="Josie", service__name="Willow House").first()
    if josie is None or CheckIn.objects.filter(person=josie).exists():
        return
    rng = random.Random(seed + 20)  # noqa: S311 - made-up demo data
    today = timezone.localdate()
    helps = what_helps_on_a_bad_day(person=josie)
    rows = []
    for days_ago in range(27, 0, -1):
        if rng.random() < 0.2:
            continue  # not every day: checking in is a choice
        feeling = rng.choice([5, 4, 4, 3, 3, 2, 1])
        rows.append(
            CheckIn(
                person=josie,
                on=today - datetime.timedelta(days=days_ago),
                feeling=feeling,
                helps=helps[:1] if feeling <= 2 else [],
                with_support=rng.random() < 0.3,
                alert_team=feeling <= 2,
            )
        )
    rows.append(
        CheckIn(
            person=josie,
            on=today,
            feeling=Feeling.BAD,
            helps=helps[:2],
            note="I'd like quiet time.",
            alert_team=True,
        )
    )
    other = Person.objects.filter(service=josie.service).exclude(pk=josie.pk).order_by("pk").first()
    if other is not None:
        rows.append(CheckIn(person=other, on=today, feeling=Feeling.GOOD, with_support=True))
    CheckIn.objects.bulk_create(rows)
    _suggestions(josie)
    _meetings(josie, today)


def _suggestions(josie: Person) -> None:
    now = timezone.now()
    day = datetime.timedelta(days=1)
    made = Suggestion.objects.bulk_create(
        [
            Suggestion(
                service=josie.service,
                text="Can we have a pizza night once a week?",
                anonymous=True,
                status=SuggestionStatus.DOING,
                response="Yes. Pizza night is on Saturdays from next week.",
                first_response_at=now - 3 * day,
            ),
            Suggestion(
                service=josie.service,
                text="Can we get a hot tub in the garden?",
                suggested_by=josie.user,
                status=SuggestionStatus.NOT_DOING,
                response="We cannot afford a hot tub this year. We will ask again in April.",
                first_response_at=now - 5 * day,
                outcome_at=now - 5 * day,
            ),
            Suggestion(
                service=josie.service,
                text="Please knock and wait before coming into my room.",
                anonymous=True,
            ),
        ]
    )
    # Each idea came in before it was answered (received_at is stamped "now" on create, so it
    # is set afterwards): 7 and 4 days to a first answer, never a negative wait.
    for suggestion, came_in in zip(made, [now - 10 * day, now - 9 * day, now - day], strict=True):
        Suggestion.objects.filter(pk=suggestion.pk).update(received_at=came_in)


def _meetings(josie: Person, today: datetime.date) -> None:
    """Josie meets Sam and Priya every two weeks. An action from the last meeting is late."""
    held = Meeting.objects.create(
        person=josie,
        on=today - datetime.timedelta(days=10),
        how_often="fortnightly",
        with_whom="Sam and Priya",
        status=Meeting.Status.HELD,
        notes="We talked about my holiday and about swimming.",
    )
    MeetingAction.objects.create(
        person=josie,
        meeting=held,
        what="Find a swimming club near Willow House",
        who="Sam",
        by_when=today - datetime.timedelta(days=3),
    )
    MeetingAction.objects.create(
        person=josie,
        meeting=held,
        what="Look at holiday cottages",
        who="Josie and her mum",
        by_when=today + datetime.timedelta(days=7),
    )
    following = Meeting.objects.create(
        person=josie,
        on=today + datetime.timedelta(days=4),
        how_often="fortnightly",
        with_whom="Sam and Priya",
    )
    AgendaItem.objects.create(meeting=following, text="I want to go to the cinema more.")
