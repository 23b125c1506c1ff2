"""Changes to the rota: make a week from the patterns, solve it, edit it by hand, publish."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from alongside.audit.services import record_change
from alongside.organisations.models import Service, StaffMember

from .checker import Breach, check_rota
from .models import RotaShift, RotaWeek, SupportNeed
from .problem import RotaResult
from .selectors import problem_for_week, rota_of, shifts_of
from .solver import solve_rota

if TYPE_CHECKING:
    from alongside.accounts.models import User


class RotaError(Exception):
    """Something about the rota that the manager needs to be told, in plain words."""


class RotaRuleBroken(RotaError):
    """A hand edit that would break a hard rule. The message names the rule."""

    def __init__(self, breaches: list[Breach]) -> None:
        self.breaches = breaches
        first = breaches[0]
        super().__init__(f"This change breaks the rule “{first.rule_words}”: {first.message}")


def _at(monday: datetime.date, day: int, clock: datetime.time) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(monday + datetime.timedelta(days=day), clock)
    )


@transaction.atomic
def make_week(*, service: Service, monday: datetime.date) -> RotaWeek:
    """The draft week for `service`, its sessions made fresh from the people's patterns."""
    week, _ = RotaWeek.objects.get_or_create(service=service, monday=monday)
    if week.status == RotaWeek.Status.PUBLISHED:
        raise RotaError("This week's rota is published. Change it shift by shift.")
    week.full_clean()
    week.shifts.all().delete()
    needs = (
        SupportNeed.objects.filter(person__service=service)
        .select_related("person")
        .prefetch_related("skills", "shared_with")
    )
    for need in needs:
        starts = _at(monday, need.day, need.starts)
        ends = _at(monday, need.day + (1 if need.ends <= need.starts else 0), need.ends)
        shift = RotaShift.objects.create(
            week=week,
            need=need,
            starts=starts,
            ends=ends,
            kind=need.kind,
            workers_needed=need.workers_needed,
            skills=sorted(s.name for s in need.skills.all()),
        )
        shift.people.set([need.person, *need.shared_with.all()])
    return week


def solve_week(
    *,
    service: Service,
    monday: datetime.date,
    solved_by: User | None,
    time_limit_seconds: float = 10.0,
    num_workers: int = 2,
    deterministic_time: float | None = None,
) -> RotaWeek:
    """Make the draft week from the patterns and fill it with the solver's best rota."""
    week = make_week(service=service, monday=monday)
    shifts = list(shifts_of(week))
    problem = problem_for_week(week, shifts)
    result = solve_rota(
        problem,
        time_limit_seconds=time_limit_seconds,
        num_workers=num_workers,
        deterministic_time=deterministic_time,
    )
    return apply_result(week=week, shifts=shifts, result=result, solved_by=solved_by)


@transaction.atomic
def apply_result(
    *, week: RotaWeek, shifts: list[RotaShift], result: RotaResult, solved_by: User | None
) -> RotaWeek:
    """Write the solver's rota and the reasons for uncovered sessions into the week."""
    reasons = {u.session_id: u.reason for u in result.uncovered}
    for shift in shifts:
        shift.workers.set([int(w) for w in result.rota[str(shift.pk)]])
        shift.uncovered_reason = reasons.get(str(shift.pk), "")
        shift.save(update_fields=["uncovered_reason"])
    week.solver_status = result.status
    week.objective = result.objective
    week.best_bound = result.best_bound
    week.solve_seconds = result.wall_seconds
    week.solved_at = timezone.now()
    week._history_user = solved_by  # type: ignore[attr-defined]
    week.save()
    return week


def change_shift_workers(
    *, shift: RotaShift, workers: list[StaffMember], changed_by: User
) -> RotaShift:
    """A manager's hand edit. Refused (RotaRuleBroken) if it breaks a hard rule the rota
    kept before; a session that was already uncovered may stay so."""
    week = shift.week
    shifts = list(shifts_of(week))
    problem = problem_for_week(week, shifts)
    before = rota_of(shifts)
    after = dict(before)
    after[str(shift.pk)] = tuple(str(w.pk) for w in workers)
    old = {(b.rule, b.session_id, b.worker_id) for b in check_rota(problem, before)}
    new = [b for b in check_rota(problem, after) if (b.rule, b.session_id, b.worker_id) not in old]
    if new:
        raise RotaRuleBroken(new)
    shift.workers.set(workers)
    shift.uncovered_reason = "" if len(workers) >= shift.workers_needed else shift.uncovered_reason
    shift._history_user = changed_by  # type: ignore[attr-defined]
    shift.save()
    for person in shift.people.all():
        record_change(
            person=person,
            changed_by=changed_by,
            action="rota_changed",
            summary=f"Changed who supports you on {timezone.localtime(shift.starts):%A %-d %B}",
        )
    return shift


def publish_week(*, week: RotaWeek, published_by: User) -> RotaWeek:
    """Let workers and the people supported see this week's rota."""
    if not week.shifts.exists():
        raise RotaError("There is nothing to publish yet. Solve the week first.")
    week.status = RotaWeek.Status.PUBLISHED
    week.published_at = timezone.now()
    week._history_user = published_by  # type: ignore[attr-defined]
    week.save()
    return week
