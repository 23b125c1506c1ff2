"""Demo support patterns, availability, team choices and a solved rota for this week."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from alongside.organisations.models import Service, Skill, StaffMember
from alongside.people.models import Person
from alongside.rota.models import SupportNeed, WorkerTerms
from alongside.rota.selectors import this_monday
from alongside.rota.services import publish_week, solve_week
from alongside.team.models import ChangeRequest, TeamChoice

from .organisations import LARGE_PROVIDER

T = datetime.time


def load_small(seed: int) -> None:
    """Josie's and her neighbours' support patterns, her team choices and a change she
    asked for, and this week's rotas at Willow House (published) and Elm Court."""
    josie = Person.objects.filter(preferred_name="Josie", service__name="Willow House").first()
    if josie is None or SupportNeed.objects.filter(person=josie).exists():
        return
    medication = Skill.objects.filter(name="Medication trained").first()
    manager = StaffMember.objects.filter(
        role=StaffMember.Role.SERVICE_MANAGER, services=josie.service
    ).first()
    for service in Service.objects.filter(name__in=["Willow House", "Elm Court"]):
        people = list(Person.objects.filter(service=service).order_by("pk"))
        for i, person in enumerate(people):
            for day in range(7):
                if day == (i % 7):
                    continue  # one day a week without planned support
                need = SupportNeed.objects.create(
                    person=person, day=day, starts=T(10), ends=T(14 if i % 2 else 15)
                )
                if medication and i == 0:
                    need.skills.add(medication)
            for day in ((i + 1) % 7, (i + 4) % 7):
                SupportNeed.objects.create(person=person, day=day, starts=T(17), ends=T(21))
        if service.name == "Willow House" and len(people) > 1:
            for day in range(7):
                sleep_in = SupportNeed.objects.create(
                    person=people[0], day=day, starts=T(22), ends=T(7), kind="sleep_in"
                )
                sleep_in.shared_with.set(people[1:])
        for worker in StaffMember.objects.filter(
            services=service, role=StaffMember.Role.SUPPORT_WORKER
        ):
            WorkerTerms.objects.get_or_create(
                worker=worker,
                defaults={"min_hours": worker.contracted_hours, "max_hours": Decimal("48")},
            )
    workers = list(
        StaffMember.objects.filter(
            services=josie.service, role=StaffMember.Role.SUPPORT_WORKER
        ).order_by("user__display_name")
    )
    sam = next((w for w in workers if w.user.display_name == "Sam Okafor"), None)
    others = [w for w in workers if w != sam]
    if sam:
        TeamChoice.objects.create(person=josie, worker=sam, choice=TeamChoice.Choice.RATHER)
    if others:
        TeamChoice.objects.create(
            person=josie,
            worker=others[0],
            choice=TeamChoice.Choice.RATHER_NOT,
            reason="We do not get on. I would like someone calmer.",
        )
    if len(others) > 1 and josie.user:
        ChangeRequest.objects.create(
            person=josie,
            worker=others[1],
            asked_by=josie.user,
            my_words="I would like someone who likes music like me.",
            asked_at=timezone.now() - datetime.timedelta(days=20),
            deadline=timezone.localdate() - datetime.timedelta(days=6),
        )
    monday = this_monday()
    for service in Service.objects.filter(name__in=["Willow House", "Elm Court"]):
        week = solve_week(
            service=service,
            monday=monday,
            solved_by=manager.user if manager else None,
            deterministic_time=5.0,
        )
        if service.name == "Willow House" and manager:
            publish_week(week=week, published_by=manager.user)


def load_large(seed: int, log: Any) -> None:
    """Support patterns for every person of the large demo, and each worker's hours.

    Each person: a day session every day (4 to 6 hours from 9:00 or 10:00) and two evenings;
    each service: a sleep-in every night shared by everyone there. `manage.py solve_rotas`
    then solves all 1,500 services.
    """
    services = Service.objects.filter(organisation__name=LARGE_PROVIDER)
    if SupportNeed.objects.filter(person__service__in=services).exists():
        log("The large demo's support patterns are already loaded.")
        return
    rng = random.Random(seed + 4)  # noqa: S311 (repeatable demo data, not a secret)
    people = list(
        Person.objects.filter(service__in=services)
        .order_by("service_id", "pk")
        .values_list("pk", "service_id")
    )
    needs: list[SupportNeed] = []
    for pk, _ in people:
        start = rng.choice((9, 10))
        length = rng.choice((4, 5, 6))
        for day in range(7):
            needs.append(
                SupportNeed(person_id=pk, day=day, starts=T(start), ends=T(start + length))
            )
        for day in rng.sample(range(7), 2):
            needs.append(SupportNeed(person_id=pk, day=day, starts=T(17), ends=T(21)))
    by_service: dict[int, list[int]] = {}
    for pk, service_id in people:
        by_service.setdefault(service_id, []).append(pk)
    sleep_ins: list[tuple[SupportNeed, list[int]]] = []
    for members in by_service.values():
        for day in range(7):
            need = SupportNeed(
                person_id=members[0], day=day, starts=T(22), ends=T(7), kind="sleep_in"
            )
            needs.append(need)
            sleep_ins.append((need, members[1:]))
    with transaction.atomic():
        SupportNeed.objects.bulk_create(needs, batch_size=1000)
        through = SupportNeed.shared_with.through
        through.objects.bulk_create(
            [
                through(supportneed_id=need.pk, person_id=other)
                for need, others in sleep_ins
                for other in others
            ],
            batch_size=1000,
        )
        workers = StaffMember.objects.filter(
            organisation__name=LARGE_PROVIDER, role=StaffMember.Role.SUPPORT_WORKER
        )
        # The importer gave each imported worker their terms (maximum hours, opt-out);
        # the demo adds their contracted hours as the least they are rostered.
        for hours in set(workers.values_list("contracted_hours", flat=True)):
            WorkerTerms.objects.filter(
                worker__in=workers.filter(contracted_hours=hours), min_hours__lt=hours
            ).update(min_hours=hours)
        WorkerTerms.objects.bulk_create(
            [
                WorkerTerms(worker_id=pk, min_hours=hours, max_hours=Decimal("48"))
                for pk, hours in workers.filter(rota_terms__isnull=True).values_list(
                    "pk", "contracted_hours"
                )
            ],
            batch_size=1000,
        )
    log(f"{len(needs):,} support sessions a week in the large demo's patterns")
