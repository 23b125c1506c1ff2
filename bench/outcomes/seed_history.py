"""Bench-only data for the outcome pages (made-up, for measuring only):

    python bench/outcomes/seed_history.py [--reviews] [--rotas] [--weeks 52] [--seed 7]

--reviews: two years of yearly reviews (finished, with the answer to "Are you doing the
things that matter to you?") and three goals from each, for everyone with no review yet. Used
only when there is no `seed_review_history` command (the demo app has it).
--rotas: for every service of the large demo, a published rota week for each of the last
`--weeks` weeks, with one four-hour shift for each person and one worker of the service on
it, and for each person one worker they would rather have. Bulk inserts, no history rows:
run `manage.py rebuild_outcome_rollups` afterwards.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from alongside.demo.organisations import LARGE_PROVIDER  # noqa: E402
from alongside.organisations.models import StaffMember  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from alongside.reviews.models import Goal, Review  # noqa: E402
from alongside.rota.models import RotaShift, RotaWeek  # noqa: E402
from alongside.team.models import TeamChoice  # noqa: E402

ANSWERS = ["yes"] * 5 + ["partly"] * 3 + ["not_yet"] * 2
PROGRESS = ["not_started", "getting_there", "getting_there", "done", "changed_my_mind"]


def seed_reviews(rng: random.Random) -> int:
    today = timezone.localdate()
    people = list(
        Person.objects.filter(reviews__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    reviews: list[Review] = []
    for pk in people:
        first = today - datetime.timedelta(days=rng.randint(366, 720))
        for on in (first, first + datetime.timedelta(days=365)):
            if on > today:
                continue
            reviews.append(
                Review(
                    person_id=pk,
                    status="completed",
                    due_on=on,
                    completed_on=on,
                    what_matters="Seeing my friends and having my own routine",
                    doing_what_matters=rng.choice(ANSWERS),
                    created_at=timezone.make_aware(
                        datetime.datetime.combine(on, datetime.time(10))
                    ),
                )
            )
    with transaction.atomic():
        Review.objects.bulk_create(reviews, batch_size=1000)
        goals = [
            Goal(
                person_id=r.person_id,
                words="Go swimming on Saturdays",
                progress=rng.choice(PROGRESS),
                set_in_review=r,
                created_at=r.created_at,
            )
            for r in reviews
            for _ in range(3)
        ]
        Goal.objects.bulk_create(goals, batch_size=1000)
    return len(reviews)


def seed_rotas(rng: random.Random, weeks: int) -> int:
    today = timezone.localdate()
    this_monday = today - datetime.timedelta(days=today.weekday())
    people_by_service: dict[int, list[int]] = {}
    for pk, service_id in Person.objects.filter(
        service__organisation__name=LARGE_PROVIDER
    ).values_list("pk", "service_id"):
        people_by_service.setdefault(service_id, []).append(pk)
    workers_by_service: dict[int, list[int]] = {}
    for staff_id, service_id in StaffMember.services.through.objects.filter(
        service_id__in=list(people_by_service),
        staffmember__role=StaffMember.Role.SUPPORT_WORKER,
    ).values_list("staffmember_id", "service_id"):
        workers_by_service.setdefault(service_id, []).append(staff_id)
    choices = []
    for service_id, people in people_by_service.items():
        workers = workers_by_service.get(service_id, [])
        for pk in people:
            if workers:
                choices.append(
                    TeamChoice(
                        person_id=pk, worker_id=rng.choice(workers), choice=TeamChoice.Choice.RATHER
                    )
                )
    TeamChoice.objects.bulk_create(choices, batch_size=1000, ignore_conflicts=True)
    made = 0
    for n in range(weeks, 0, -1):
        monday = this_monday - datetime.timedelta(days=7 * n)
        with transaction.atomic():
            rota_weeks = RotaWeek.objects.bulk_create(
                [
                    RotaWeek(
                        service_id=s, monday=monday, status="published", published_at=timezone.now()
                    )
                    for s in people_by_service
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )
            week_ids = dict(RotaWeek.objects.filter(monday=monday).values_list("service_id", "pk"))
            shifts: list[RotaShift] = []
            owners: list[tuple[int, int]] = []  # (person, worker) of each shift
            for service_id, people in people_by_service.items():
                workers = workers_by_service.get(service_id, [])
                for pk in people:
                    day = rng.randrange(7)
                    starts = timezone.make_aware(
                        datetime.datetime.combine(
                            monday + datetime.timedelta(days=day), datetime.time(10)
                        )
                    )
                    shifts.append(
                        RotaShift(
                            week_id=week_ids[service_id],
                            starts=starts,
                            ends=starts + datetime.timedelta(hours=4),
                            kind="one_to_one",
                        )
                    )
                    owners.append((pk, rng.choice(workers) if workers else 0))
            RotaShift.objects.bulk_create(shifts, batch_size=1000)
            RotaShift.people.through.objects.bulk_create(
                [
                    RotaShift.people.through(rotashift_id=s.pk, person_id=p)
                    for s, (p, _) in zip(shifts, owners, strict=True)
                ],
                batch_size=2000,
            )
            RotaShift.workers.through.objects.bulk_create(
                [
                    RotaShift.workers.through(rotashift_id=s.pk, staffmember_id=w)
                    for s, (_, w) in zip(shifts, owners, strict=True)
                    if w
                ],
                batch_size=2000,
            )
        made += len(shifts)
        del rota_weeks
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", action="store_true")
    parser.add_argument("--rotas", action="store_true")
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.reviews:
        start = time.perf_counter()
        print(f"Made {seed_reviews(rng)} reviews in {time.perf_counter() - start:.1f} s.")
    if args.rotas:
        start = time.perf_counter()
        made = seed_rotas(rng, args.weeks)
        print(f"Made {made} published rota shifts in {time.perf_counter() - start:.1f} s.")


if __name__ == "__main__":
    main()
