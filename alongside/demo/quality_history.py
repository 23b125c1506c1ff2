"""Made-up history of quality checks for the large demo and the benchmarks."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from alongside.organisations.models import Organisation, Service, StaffMember
from alongside.quality.models import Answer, Face, QualityAction, QualityCheck, QualityChecker
from alongside.quality.services import ACTION_DAYS

from .quality import starter_checklist

FACES = [Face.GOOD, Face.OK, Face.NOT_GOOD, Face.NOT_SEEN]


def generate_checks(
    *, organisation: Organisation, months: int, seed: int, log: Callable[[str], None] = print
) -> int:
    """About one check a quarter for each service that has a trained checker in its region,
    over the last `months` months, with answers and actions. Returns how many checks."""
    rng = random.Random(seed)  # noqa: S311 - made-up demo data
    today = timezone.localdate()
    start = today - datetime.timedelta(days=months * 30)
    lead = StaffMember.objects.filter(
        organisation=organisation, role=StaffMember.Role.QUALITY_LEAD
    ).first()
    planner_user = lead.user if lead else organisation.staff.first().user  # type: ignore[union-attr]
    checklist = starter_checklist(planner_user)
    statement_ids = list(checklist.statements.values_list("pk", flat=True))
    by_region: dict[int, list[tuple[int, datetime.date]]] = defaultdict(list)
    home_of: dict[int, tuple[int, datetime.date]] = {}
    for pk, region_id, service_id, trained_on in QualityChecker.objects.filter(
        person__service__organisation=organisation, trained_on__isnull=False
    ).values_list("pk", "person__service__region_id", "person__service_id", "trained_on"):
        if trained_on is None:
            continue
        by_region[region_id].append((pk, trained_on))
        home_of[service_id] = (pk, trained_on)
    checks: list[QualityCheck] = []
    for service_id, region_id in Service.objects.filter(organisation=organisation).values_list(
        "pk", "region_id"
    ):
        day = start + datetime.timedelta(days=rng.randint(0, 90))
        while day <= today - datetime.timedelta(days=3):
            candidates = [c for c in by_region.get(region_id, []) if c[1] <= day]
            if service_id in home_of and home_of[service_id][1] <= day:
                candidates = [home_of[service_id]]
            if candidates:
                checker_id = rng.choice(candidates)[0]
                checks.append(
                    QualityCheck(
                        service_id=service_id,
                        checker_id=checker_id,
                        checklist=checklist,
                        status=QualityCheck.Status.DONE,
                        planned_for=day,
                        done_on=day,
                        planned_by=planner_user,
                    )
                )
            day += datetime.timedelta(days=rng.randint(75, 110))
    with transaction.atomic():
        QualityCheck.objects.bulk_create(checks, batch_size=1000)
        log(f"{len(checks)} checks")
        answers = []
        for check in checks:
            assert check.done_on is not None
            # Things get better as the checks go on.
            age = (today - check.done_on).days / max(1, months * 30)
            weights = [0.45 + 0.2 * (1 - age), 0.3, 0.08 + 0.1 * age, 0.05]
            for statement_id in statement_ids:
                answers.append(
                    Answer(
                        quality_check=check,
                        statement_id=statement_id,
                        face=rng.choices(FACES, weights)[0],
                    )
                )
        Answer.objects.bulk_create(answers, batch_size=2000)
        log(f"{len(answers)} answers")
        done_on = {c.pk: c.done_on for c in checks}
        service_of = {c.pk: c.service_id for c in checks}
        actions = []
        for answer in answers:
            if answer.face != Face.NOT_GOOD:
                continue
            done = done_on[answer.quality_check_id]
            assert done is not None
            recent = (today - done).days < 60
            actions.append(
                QualityAction(
                    answer_id=answer.pk,
                    service_id=service_of[answer.quality_check_id],
                    due_on=done + datetime.timedelta(days=ACTION_DAYS),
                    status=QualityAction.Status.OPEN if recent else QualityAction.Status.CLOSED,
                    outcome="" if recent else QualityAction.Outcome.BETTER,
                    response="" if recent else "We talked about it at the house meeting.",
                )
            )
        QualityAction.objects.bulk_create(actions, batch_size=2000)
        log(f"{len(actions)} actions")
    return len(checks)
