"""Changes to the rota: make a week from the patterns, solve it, edit it by hand, publish."""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from alongside.audit.services import record_change
from alongside.concurrency import EditConflict, claim_next_version, save_first_or_unchanged
from alongside.organisations.models import Organisation, Service, Skill, StaffMember
from alongside.people.models import Person
from alongside.saving import save_and_record, set_history_user

from .checker import Breach, check_rota
from .models import (
    Absence,
    Availability,
    PersonalCare,
    RotaSettings,
    RotaShift,
    RotaWeek,
    SolveJob,
    SolveRun,
    SupportNeed,
    WorkerTerms,
)
from .problem import RotaResult
from .selectors import problem_for_week, rota_of, rota_settings_of, shifts_of
from .solver import RepairResult, repair_rota, solve_rota

if TYPE_CHECKING:
    from alongside.accounts.models import User

logger = logging.getLogger(__name__)
# A solve that fails for a reason other than the rota's own rules is tried once more.
SOLVE_ATTEMPTS = 2
# The solver's progress is written to the job row at most this often.
PROGRESS_EVERY_SECONDS = 1.0


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
    needs = list(
        SupportNeed.objects.filter(person__service=service)
        .select_related("person")
        .prefetch_related("skills", "shared_with")
    )
    shifts = [
        RotaShift(
            week=week,
            need=need,
            starts=_at(monday, need.day, need.starts),
            ends=_at(monday, need.day + (1 if need.ends <= need.starts else 0), need.ends),
            kind=need.kind,
            workers_needed=need.workers_needed,
            skills=sorted(s.name for s in need.skills.all()),
            personal_care=need.personal_care,
        )
        for need in needs
    ]
    # In bulk (with history rows): 1,500 services make about 60,000 sessions a week.
    shifts = bulk_create_with_history(shifts, RotaShift, batch_size=1000)
    if any(shift.pk is None for shift in shifts):  # a database that does not return ids
        shifts = list(week.shifts.order_by("pk"))
    through = RotaShift.people.through
    through.objects.bulk_create(
        [
            through(rotashift_id=shift.pk, person_id=person_id)
            for shift, need in zip(shifts, needs, strict=True)
            for person_id in dict.fromkeys(
                [need.person_id, *(p.pk for p in need.shared_with.all())]
            )
        ],
        batch_size=1000,
    )
    return week


def solve_week(
    *,
    service: Service,
    monday: datetime.date,
    solved_by: User | None,
    time_limit_seconds: float = 10.0,
    num_workers: int = 2,
    deterministic_time: float | None = None,
    warm_start: bool = True,
    on_progress: Callable[[float, float], None] | None = None,
) -> RotaWeek:
    """Make the draft week from the patterns and fill it with the solver's best rota.

    With `warm_start`, the published week before is the start: the same workers for the
    same sessions wherever that still keeps every rule, so the rota changes only where it
    must. This takes up to `time_limit_seconds`: pages call `request_solve`, which queues
    it.
    """
    week = make_week(service=service, monday=monday)
    shifts = list(shifts_of(week))
    problem = problem_for_week(week, shifts)
    result = solve_rota(
        problem,
        time_limit_seconds=time_limit_seconds,
        num_workers=num_workers,
        deterministic_time=deterministic_time,
        keep=last_weeks_rota(week=week, shifts=shifts) if warm_start else None,
        on_progress=on_progress,
    )
    return apply_result(week=week, shifts=shifts, result=result, solved_by=solved_by)


def last_weeks_rota(
    *, week: RotaWeek, shifts: list[RotaShift]
) -> dict[str, tuple[str, ...]] | None:
    """The published week before, as this week's rota: each session made from the same
    pattern session gets the workers it had then. None if that week was not published."""
    before = RotaWeek.objects.filter(
        service=week.service,
        monday=week.monday - datetime.timedelta(days=7),
        status=RotaWeek.Status.PUBLISHED,
    ).first()
    if before is None:
        return None
    then = {
        s.need_id: tuple(str(w.pk) for w in s.workers.all())
        for s in shifts_of(before)
        if s.need_id is not None
    }
    return {str(s.pk): then.get(s.need_id or 0, ()) for s in shifts}


@transaction.atomic
def apply_result(
    *, week: RotaWeek, shifts: list[RotaShift], result: RotaResult, solved_by: User | None
) -> RotaWeek:
    """Write the solver's rota and the reasons for uncovered sessions into the week."""
    reasons = {u.session_id: u.reason for u in result.uncovered}
    through = RotaShift.workers.through
    through.objects.filter(rotashift__week=week).delete()
    through.objects.bulk_create(
        [
            through(rotashift_id=shift.pk, staffmember_id=int(worker_id))
            for shift in shifts
            for worker_id in result.rota[str(shift.pk)]
        ],
        batch_size=1000,
    )
    for shift in shifts:
        shift.uncovered_reason = reasons.get(str(shift.pk), "")
    RotaShift.objects.bulk_update(shifts, ["uncovered_reason"], batch_size=1000)
    week.solver_status = result.status
    week.objective = result.objective
    week.best_bound = result.best_bound
    week.solve_seconds = result.wall_seconds
    week.solved_at = timezone.now()
    set_history_user(week, solved_by)
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
    set_history_user(shift, changed_by)
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
    set_history_user(week, published_by)
    week.save()
    return week


def add_support_need(
    *,
    person: Person,
    day: int,
    starts: datetime.time,
    ends: datetime.time,
    kind: str,
    workers_needed: int,
    skills: list[Skill],
    shared_with: list[Person],
    changed_by: User,
    personal_care: bool = False,
) -> SupportNeed:
    """Add one session to the person's weekly pattern of support."""
    need = SupportNeed(
        person=person,
        day=day,
        starts=starts,
        ends=ends,
        kind=kind,
        workers_needed=workers_needed,
        personal_care=personal_care,
    )
    save_and_record(
        obj=need,
        by=changed_by,
    )
    need.skills.set(skills)
    need.shared_with.set([p for p in shared_with if p.service_id == person.service_id])
    record_change(
        person=person,
        changed_by=changed_by,
        action="support_pattern_changed",
        summary=f"Added to your weekly support: {need}",
    )
    return need


def remove_support_need(*, need: SupportNeed, changed_by: User) -> None:
    person = need.person
    words = str(need)
    set_history_user(need, changed_by)
    need.delete()
    record_change(
        person=person,
        changed_by=changed_by,
        action="support_pattern_changed",
        summary=f"Took away from your weekly support: {words}",
    )


class TermsChanged(EditConflict):
    """Someone else changed this worker's hours since the page was shown."""


def set_worker_terms(
    *,
    worker: StaffMember,
    expected_version: int,
    min_hours: Decimal,
    max_hours: Decimal,
    opted_out_of_48_hours: bool,
    changed_by: User,
    gender: str | None = None,
) -> WorkerTerms:
    """Set a worker's contracted and most hours a week, and their 48-hour opt-out.

    Raises TermsChanged, saving nothing, if someone saved them since `expected_version`.
    """
    terms = WorkerTerms.objects.filter(worker=worker).first() or WorkerTerms(worker=worker)
    terms.min_hours = min_hours
    terms.max_hours = max_hours
    terms.opted_out_of_48_hours = opted_out_of_48_hours
    if gender is not None:  # only asked where a person limits personal care by it
        terms.gender = gender
    set_history_user(terms, changed_by)
    terms.full_clean(exclude=["version", "worker"])
    save_first_or_unchanged(
        obj=terms,
        expected_version=expected_version,
        unique={"worker": worker},
        conflict=TermsChanged,
    )
    return terms


def add_availability(
    *, worker: StaffMember, day: int, starts: datetime.time, ends: datetime.time, changed_by: User
) -> Availability:
    slot = Availability(worker=worker, day=day, starts=starts, ends=ends)
    save_and_record(
        obj=slot,
        by=changed_by,
    )
    return slot


def add_absence(
    *,
    worker: StaffMember,
    first_day: datetime.date,
    last_day: datetime.date,
    reason: str,
    changed_by: User,
) -> Absence:
    absence = Absence(worker=worker, first_day=first_day, last_day=last_day, reason=reason)
    save_and_record(
        obj=absence,
        by=changed_by,
    )
    return absence


class EntryChanged(EditConflict):
    """Someone else changed or deleted this availability or absence since it was opened.
    `current` is what is saved now, or None when it was deleted."""


def _claim_version(entry: Availability | Absence, expected_version: int) -> None:
    """Take the next version of `entry` (the shared concurrency helper), or raise
    `EntryChanged` with what is saved now, or with None if it was deleted meanwhile."""
    try:
        claim_next_version(obj=entry, expected_version=expected_version, conflict=EntryChanged)
    except ObjectDoesNotExist:
        raise EntryChanged(None) from None


def change_availability(
    *,
    slot: Availability,
    expected_version: int,
    day: int,
    starts: datetime.time,
    ends: datetime.time,
    changed_by: User,
) -> Availability:
    """Change a worker's usual availability. Raises EntryChanged if someone saved first."""
    slot.day, slot.starts, slot.ends = day, starts, ends
    set_history_user(slot, changed_by)
    slot.full_clean(exclude=["version"])
    with transaction.atomic():
        _claim_version(slot, expected_version)
        slot.save()
    return slot


def remove_availability(*, slot: Availability, expected_version: int, changed_by: User) -> None:
    """Delete one availability entry, unless someone changed it since it was shown."""
    with transaction.atomic():
        _claim_version(slot, expected_version)
        set_history_user(slot, changed_by)
        slot.delete()


def change_absence(
    *,
    absence: Absence,
    expected_version: int,
    first_day: datetime.date,
    last_day: datetime.date,
    reason: str,
    changed_by: User,
) -> Absence:
    """Change a worker's leave or sickness. Raises EntryChanged if someone saved first."""
    absence.first_day, absence.last_day, absence.reason = first_day, last_day, reason
    set_history_user(absence, changed_by)
    absence.full_clean(exclude=["version"])
    with transaction.atomic():
        _claim_version(absence, expected_version)
        absence.save()
    return absence


def remove_absence(*, absence: Absence, expected_version: int, changed_by: User) -> None:
    """Delete one leave or sickness entry, unless someone changed it since it was shown."""
    with transaction.atomic():
        _claim_version(absence, expected_version)
        set_history_user(absence, changed_by)
        absence.delete()


class SkillsChanged(EditConflict):
    """Someone else changed this worker's skills since the page was shown. `current` is the
    list of skills saved now."""


def set_worker_skills(
    *, worker: StaffMember, skills: list[Skill], original: set[int], changed_by: User
) -> None:
    """Set the skills a worker has (the rota gives them only sessions they have skills for).

    `original` is the skills the manager saw. If the saved skills differ from it now, raises
    SkillsChanged with the saved skills, and changes nothing.
    """
    with transaction.atomic():
        locked = StaffMember.objects.select_for_update().get(pk=worker.pk)
        saved = list(locked.skills.order_by("name"))
        if {s.pk for s in saved} != original:
            raise SkillsChanged(saved)
        set_history_user(locked, changed_by)
        locked.skills.set(skills)


class SettingsChanged(EditConflict):
    """Someone else changed the organisation's rota settings since the page was shown."""


def set_rota_weights(
    *,
    organisation: Organisation,
    expected_version: int,
    preferred_hours: int,
    continuity: int,
    contracted_hours: int,
    fair_weekends_nights: int,
    changed_by: User,
) -> RotaSettings:
    """Change how much each soft goal counts when this organisation's rotas are solved.

    The hard rules are not weights: every rota keeps them whatever these are. Weeks solved
    from now on use the new weights. Raises SettingsChanged, saving nothing, if someone else
    saved the settings since `expected_version`.
    """
    settings = rota_settings_of(organisation_id=organisation.pk)
    settings.preferred_hours = preferred_hours
    settings.continuity = continuity
    settings.contracted_hours = contracted_hours
    settings.fair_weekends_nights = fair_weekends_nights
    set_history_user(settings, changed_by)
    settings.full_clean(exclude=["version", "organisation"])
    save_first_or_unchanged(
        obj=settings,
        expected_version=expected_version,
        unique={"organisation": organisation},
        conflict=SettingsChanged,
    )
    return settings


def set_personal_care(
    *, person: Person, by: str, workers: list[StaffMember], changed_by: User
) -> PersonalCare:
    """Set who may give the person personal care (a hard rule of every rota from now on).

    `workers` counts only for "named" and must then name at least one worker at the
    person's service; raises RotaError, saving nothing, otherwise.
    """
    if by not in PersonalCare.By.values:
        raise RotaError("Choose who may give you personal care from the list.")
    at_service = [w for w in workers if w.services.filter(pk=person.service_id).exists()]
    if by == PersonalCare.By.NAMED and not at_service:
        raise RotaError("Name at least one worker who may give you personal care.")
    if len(at_service) != len(workers):
        raise RotaError("Choose workers from your team.")
    with transaction.atomic():
        rule = PersonalCare.objects.filter(person=person).first() or PersonalCare(person=person)
        rule.by = by
        set_history_user(rule, changed_by)
        rule.save()
        rule.workers.set(at_service if by == PersonalCare.By.NAMED else [])
        record_change(
            person=person,
            changed_by=changed_by,
            action="personal_care_changed",
            summary=f"Who may give you personal care: {rule.get_by_display().lower()}",
        )
    return rule


def propose_fix(*, week: RotaWeek) -> RepairResult:
    """What "Fix this" would change in a week whose rota breaks a rule now: the fewest
    places, chosen workers first (nothing is saved)."""
    shifts = list(shifts_of(week))
    return repair_rota(problem_for_week(week, shifts), rota_of(shifts))


@transaction.atomic
def apply_fix(*, week: RotaWeek, rota: dict[str, tuple[str, ...]], fixed_by: User) -> int:
    """Save the mended rota the manager saw and published. Refused (RotaRuleBroken), saving
    nothing, if it still breaks a rule (the week changed since the page was shown).
    Returns how many shifts changed; each person on one is told."""
    shifts = list(shifts_of(week))
    problem = problem_for_week(week, shifts)
    before = rota_of(shifts)
    if set(rota) - set(before):
        raise RotaError("That change is not for this week. Open “Fix this” again.")
    after = {**before, **rota}
    flagged = {str(s.pk) for s in shifts if s.uncovered_reason}
    from .checker import breaches_beyond_uncovered

    still = breaches_beyond_uncovered(problem, after, flagged)
    if still:
        raise RotaRuleBroken(still)
    staff = {str(w.pk): w for w in StaffMember.objects.filter(services=week.service)}
    changed = 0
    for shift in shifts:
        new = after[str(shift.pk)]
        if set(new) == set(before[str(shift.pk)]):
            continue
        changed += 1
        shift.workers.set([staff[w] for w in new])
        if len(new) < shift.workers_needed and not shift.uncovered_reason:
            shift.uncovered_reason = "No worker could be found who keeps every rule."
            shift.save(update_fields=["uncovered_reason"])
        for person in shift.people.all():
            record_change(
                person=person,
                changed_by=fixed_by,
                action="rota_changed",
                summary=f"Changed who supports you on {timezone.localtime(shift.starts):%A %-d %B}",
            )
    week.published_at = timezone.now()
    set_history_user(week, fixed_by)
    week.save()
    return changed


def _enqueue_solve(job: SolveJob) -> None:
    from .tasks import solve_job  # the task module imports these services

    solve_job.enqueue(job_id=job.pk)


def request_solve(
    *,
    service: Service,
    monday: datetime.date,
    requested_by: User | None,
    run: SolveRun | None = None,
    time_limit_seconds: float = 10.0,
) -> tuple[SolveJob, bool]:
    """Queue making this service's rota for the week; only queues, so it is quick.

    Returns the job and whether it is new. While a solve of the week is waiting or being
    made, asking again returns that one: two managers pressing at once make one solve.
    Raises RotaError, queuing nothing, if the week is published.
    """
    with transaction.atomic():
        week, _ = RotaWeek.objects.get_or_create(service=service, monday=monday)
        # The row lock makes a second request wait here until the first has queued its job.
        week = RotaWeek.objects.select_for_update().get(pk=week.pk)
        if week.status == RotaWeek.Status.PUBLISHED:
            raise RotaError("This week's rota is published. Change it shift by shift.")
        active = week.solve_jobs.filter(status__in=SolveJob.ACTIVE).first()
        if active is not None and active.is_abandoned(now=timezone.now()):
            _give_up_abandoned(active)
            active = None
        if active is not None:
            return active, False
        job = SolveJob.objects.create(
            week=week, run=run, requested_by=requested_by, time_limit_seconds=time_limit_seconds
        )
        # In the same transaction: the job and its task are queued together or not at all.
        _enqueue_solve(job)
    job.refresh_from_db()  # the immediate backend (tests) has already run it
    return job, True


def _give_up_abandoned(job: SolveJob) -> None:
    job.status = SolveJob.Status.FAILED
    job.reason = SolveJob.ABANDONED_REASON
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "reason", "finished_at"])
    logger.warning("Solve job %s lost its worker; a new solve replaces it", job.pk)


class _ProgressWriter:
    """The solver's solution callback: writes the best rota so far and the bound to the job
    row, at most every PROGRESS_EVERY_SECONDS. CP-SAT calls it from its own threads, so it
    shares this thread's database connection (as Django's live server thread does)."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.last = -PROGRESS_EVERY_SECONDS
        self.lock = threading.Lock()

    def __call__(self, objective: float, bound: float) -> None:
        with self.lock:
            now = time.monotonic()
            if now - self.last < PROGRESS_EVERY_SECONDS:
                return
            self.last = now
            connections[DEFAULT_DB_ALIAS] = self.connection
            try:
                SolveJob.objects.filter(pk=self.job_id).update(
                    best_objective=objective, best_bound=bound, progress_at=timezone.now()
                )
            except Exception:  # progress is a nicety: never stop the solve for it
                logger.exception("Could not write the progress of solve job %s", self.job_id)


def run_solve_job(*, job_id: int) -> SolveJob | None:
    """Make the rota of a queued job (the task's body). Safe to run twice: a job that is
    not waiting is left alone. A failure is retried once, then kept with its reason."""
    with transaction.atomic():
        job = (
            # Only the job's row: PostgreSQL cannot lock the nullable side of a join.
            SolveJob.objects.select_for_update(of=("self",))
            .select_related("week__service", "requested_by")
            .filter(pk=job_id)
            .first()
        )
        if job is None or job.status != SolveJob.Status.QUEUED:
            return job
        job.status = SolveJob.Status.RUNNING
        job.started_at = timezone.now()
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "attempts"])
    writer = _ProgressWriter(job.pk)
    writer.connection.inc_thread_sharing()
    try:
        week = solve_week(
            service=job.week.service,
            monday=job.week.monday,
            solved_by=job.requested_by,
            time_limit_seconds=job.time_limit_seconds,
            on_progress=writer,
        )
    except RotaError as error:
        reason, again = str(error), False
    except Exception as error:
        logger.exception("Solve job %s failed (attempt %s)", job.pk, job.attempts)
        reason = f"Something went wrong while making the rota: {error}"
        again = job.attempts < SOLVE_ATTEMPTS
    else:
        job.status = SolveJob.Status.DONE
        job.uncovered = week.shifts.exclude(uncovered_reason="").count()
        job.best_objective, job.best_bound = week.objective, week.best_bound
        job.finished_at = timezone.now()
        job.save()
        return job
    finally:
        writer.connection.dec_thread_sharing()
    if again:
        job.status = SolveJob.Status.QUEUED
        job.save(update_fields=["status"])
        _enqueue_solve(job)
        job.refresh_from_db()
        return job
    job.status = SolveJob.Status.FAILED
    job.reason = reason
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "reason", "finished_at"])
    return job


def start_solve_run(*, monday: datetime.date, time_limit_seconds: float = 5.0) -> SolveRun:
    """Queue one solve job for every service with a support pattern whose week is not
    published; the workers share them. Returns the run, for its progress."""
    run = SolveRun.objects.create(monday=monday)
    published = set(
        RotaWeek.objects.filter(monday=monday, status=RotaWeek.Status.PUBLISHED).values_list(
            "service_id", flat=True
        )
    )
    services = Service.objects.filter(people__support_needs__isnull=False).distinct()
    for service in services.order_by("pk"):
        if service.pk in published:
            continue
        request_solve(
            service=service,
            monday=monday,
            requested_by=None,
            run=run,
            time_limit_seconds=time_limit_seconds,
        )
    return run
