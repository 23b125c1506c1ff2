"""Demo reviews, goals and budgets.

Small demo: Josie had her review about a year ago (she said she is partly doing the things
that matter to her) and the next one is due soon; she has two goals, and a personal budget
of £300 a week shared between three uses, with some spending. Other people of the council
have reviews due, some overdue. Lyn's colleague Dev Rahman approves budget rises.

Large demo: two years of reviews and goals for everyone (`seed_review_history`), so the
outcome pages have something to count.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.organisations.models import CouncilWorker
from alongside.people.models import Person
from alongside.reviews.models import (
    BudgetApprover,
    BudgetPeriod,
    BudgetUse,
    DoingWhatMatters,
    Goal,
    GoalProgress,
    PersonalBudget,
    Review,
    ReviewStatus,
    Spending,
)

from .organisations import LARGE_COUNCILS

JOSIE_USES = [
    ("Support to go swimming and to the gym", Decimal("120.00")),
    ("A personal assistant for days out", Decimal("140.00")),
    ("My art class at the community centre", Decimal("40.00")),
]
JOSIE_GOALS = [
    ("Go swimming every week, on my own if I can.", GoalProgress.GETTING_THERE),
    ("Learn to cook a curry for my mum.", GoalProgress.NOT_STARTED),
]
GOAL_WORDS = [
    "Go to the football on Saturdays.",
    "Get a job in a café.",
    "See my sister every month.",
    "Learn to use the bus on my own.",
    "Go on holiday to the seaside.",
    "Join a choir.",
    "Cook my own tea twice a week.",
    "Have my own key to my flat.",
    "Walk the dog at the rescue centre.",
    "Take photos and put them on a wall.",
]
WHAT_MATTERS = [
    "My family and my cat.",
    "Being outside, and my music.",
    "My friends at the day centre.",
    "Choosing what I do each day.",
    "Football and my brother.",
    "Having quiet time when I need it.",
]


_TEN = datetime.time(10, 0)


def _monday_on_or_before(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def load_small(seed: int) -> None:
    """Josie's reviews, goals and budget, a budget approver, and a review waiting for
    everyone else of the council."""
    josie = Person.objects.filter(preferred_name="Josie", service__name="Willow House").first()
    if josie is None or Review.objects.filter(person=josie).exists():
        return
    rng = random.Random(seed + 40)  # noqa: S311 - made-up demo data
    today = timezone.localdate()
    lyn = CouncilWorker.objects.filter(council=josie.council).order_by("pk").first()

    last = Review.objects.create(
        person=josie,
        council_worker=lyn,
        status=ReviewStatus.COMPLETED,
        due_on=today - datetime.timedelta(days=360),
        started_on=today - datetime.timedelta(days=350),
        completed_on=today - datetime.timedelta(days=350),
        what_matters="My mum, my art, and going swimming.",
        doing_what_matters=DoingWhatMatters.PARTLY,
        doing_what_matters_words="I want to swim more. I need someone to go with me.",
    )
    Review.objects.create(
        person=josie, council_worker=lyn, due_on=today + datetime.timedelta(days=15)
    )
    for words, progress in JOSIE_GOALS:
        Goal.objects.create(
            person=josie,
            words=words,
            progress=progress,
            set_in_review=last,
            created_at=timezone.now() - datetime.timedelta(days=350),
            progress_changed_on=today - datetime.timedelta(days=40)
            if progress != GoalProgress.NOT_STARTED
            else None,
        )

    budget = PersonalBudget.objects.create(
        person=josie,
        amount=Decimal("300.00"),
        period=BudgetPeriod.WEEKLY,
        starts_on=_monday_on_or_before(today - datetime.timedelta(days=70)),
    )
    uses = [
        BudgetUse.objects.create(budget=budget, words=w, amount=a, position=i)
        for i, (w, a) in enumerate(JOSIE_USES)
    ]
    this_week = _monday_on_or_before(today)
    spending = [
        (uses[0], Decimal("45.50"), this_week, "Swimming with Sam"),
        (uses[1], Decimal("96.00"), this_week, "Day out to the coast"),
        (uses[2], Decimal("40.00"), this_week, "Art class"),
        (uses[0], Decimal("120.00"), this_week - datetime.timedelta(days=6), "Gym and swimming"),
        (uses[1], Decimal("150.25"), this_week - datetime.timedelta(days=5), "Cinema and lunch"),
        (uses[2], Decimal("40.00"), this_week - datetime.timedelta(days=4), "Art class"),
    ]
    Spending.objects.bulk_create(
        [Spending(use=u, amount=a, spent_on=min(d, today), words=w) for u, a, d, w in spending]
    )

    # Lyn's colleague approves budget rises for the council (ADR 0041).
    approver_user, _ = User.objects.get_or_create(
        email="budget-approver@demo.alongside.example",
        defaults={"display_name": "Dev Rahman", "password": make_password(None)},
    )
    approver, _ = CouncilWorker.objects.get_or_create(
        user=approver_user, defaults={"council": josie.council}
    )
    BudgetApprover.objects.get_or_create(council_worker=approver)

    # Everyone else of the council: a review due, some overdue, one asked for.
    others = Person.objects.filter(council=josie.council).exclude(pk=josie.pk).order_by("pk")
    for i, someone in enumerate(others):
        Review.objects.create(
            person=someone,
            due_on=today + datetime.timedelta(days=rng.randint(-40, 200)),
            asked_for_by_person=i == 3,
        )


def load_large(seed: int, log: Callable[[str], None]) -> None:
    """Two years of review history for the large demo."""
    seed_review_history(seed=seed, log=log)


def seed_review_history(*, seed: int, log: Callable[[str], None], years: int = 2) -> int:
    """About `years` years of yearly reviews and goals for every person of the large demo
    who has none yet, with bulk inserts. Returns how many reviews were added."""
    people = list(
        Person.objects.filter(council__name__in=LARGE_COUNCILS)
        .exclude(reviews__isnull=False)
        .order_by("pk")
        .values_list("pk", "council_id")
    )
    if not people:
        log("Review history is already there.")
        return 0
    rng = random.Random(seed + 41)  # noqa: S311 - made-up demo data
    today = timezone.localdate()
    now = timezone.now()
    workers = dict(
        CouncilWorker.objects.filter(council__name__in=LARGE_COUNCILS).values_list(
            "council_id", "pk"
        )
    )
    reviews: list[Review] = []
    for pk, council_id in people:
        first = today - datetime.timedelta(days=365 * years - rng.randint(0, 60))
        for n in range(years):
            done = first + datetime.timedelta(days=365 * n + rng.randint(-10, 20))
            if done >= today:
                break
            # A little better each year, as people's reviews start from what matters.
            yes = 0.45 + 0.1 * n
            roll = rng.random()
            answer = (
                DoingWhatMatters.YES
                if roll < yes
                else DoingWhatMatters.PARTLY
                if roll < yes + 0.35
                else DoingWhatMatters.NOT_YET
            )
            reviews.append(
                Review(
                    person_id=pk,
                    council_worker_id=workers.get(council_id),
                    status=ReviewStatus.COMPLETED,
                    due_on=done - datetime.timedelta(days=rng.randint(0, 14)),
                    started_on=done,
                    completed_on=done,
                    what_matters=rng.choice(WHAT_MATTERS),
                    doing_what_matters=answer,
                    created_at=now,
                )
            )
        last_done = reviews[-1].completed_on if reviews and reviews[-1].person_id == pk else None
        due = (last_done + datetime.timedelta(days=365)) if last_done else today
        reviews.append(
            Review(
                person_id=pk,
                council_worker_id=workers.get(council_id),
                due_on=due,
                asked_for_by_person=rng.random() < 0.03,
                created_at=now,
            )
        )
    with transaction.atomic():
        Review.objects.bulk_create(reviews, batch_size=1000)
        log(f"{len(reviews):,} reviews")
        first_reviews = dict(
            Review.objects.filter(
                person_id__in=[pk for pk, _ in people], status=ReviewStatus.COMPLETED
            )
            # Latest first, so the dict keeps each person's earliest review.
            .order_by("person_id", "-completed_on")
            .values_list("person_id", "pk")
        )
        completed = dict(
            Review.objects.filter(
                person_id__in=[pk for pk, _ in people], status=ReviewStatus.COMPLETED
            ).values_list("pk", "completed_on")
        )
        goals: list[Goal] = []
        progresses = [
            GoalProgress.NOT_STARTED,
            GoalProgress.GETTING_THERE,
            GoalProgress.GETTING_THERE,
            GoalProgress.DONE,
            GoalProgress.CHANGED_MY_MIND,
        ]
        for pk, _ in people:
            review_id = first_reviews.get(pk)
            set_on = completed.get(review_id) if review_id else None
            for words in rng.sample(GOAL_WORDS, k=rng.randint(1, 3)):
                progress = rng.choice(progresses)
                goals.append(
                    Goal(
                        person_id=pk,
                        words=words,
                        progress=progress,
                        set_in_review_id=review_id,
                        created_at=now
                        if set_on is None
                        else timezone.make_aware(datetime.datetime.combine(set_on, _TEN)),
                        progress_changed_on=None
                        if progress == GoalProgress.NOT_STARTED or set_on is None
                        else min(today, set_on + datetime.timedelta(days=rng.randint(30, 330))),
                    )
                )
        Goal.objects.bulk_create(goals, batch_size=1000)
        log(f"{len(goals):,} goals")
    return len(reviews)
