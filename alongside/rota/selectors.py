"""Reads for the rota: a week from the database as the solver's plain problem, and pages."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from alongside.organisations.models import Service, StaffMember
from alongside.people.downloads import DownloadSection
from alongside.people.models import Person
from alongside.team.models import TeamChoice, WorkerPhoto

from .models import (
    Absence,
    Availability,
    PersonalCare,
    RotaSettings,
    RotaShift,
    RotaWeek,
    SolveJob,
    SolveRun,
    WorkerTerms,
)
from .problem import (
    MINUTES_IN_DAY,
    SESSION_KIND_WORDS,
    Rota,
    RotaProblem,
    RotaWorker,
    SessionKind,
    SupportSession,
    TeamChoices,
)
from .problem import (
    Absence as RotaAbsence,
)

WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$", re.ASCII)
FIRST_ROTA_YEAR, LAST_ROTA_YEAR = 2000, 2100


def parse_week(text: str) -> datetime.date | None:
    """The Monday of an ISO week written as YYYY-Www, or None if it is not one."""
    match = WEEK_PATTERN.match(text)
    if not match:
        return None
    year = int(match[1])
    # Rotas are for weeks near now; pages link a week each side, so years far off (9999)
    # would run past the last date there is.
    if not FIRST_ROTA_YEAR <= year <= LAST_ROTA_YEAR:
        return None
    try:
        return datetime.date.fromisocalendar(year, int(match[2]), 1)
    except ValueError:
        return None


def week_label(monday: datetime.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def this_monday(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def minute_of_week(moment: datetime.datetime, monday: datetime.date) -> int:
    """Wall-clock minutes from Monday 00:00, in the service's local time."""
    local = timezone.localtime(moment).replace(tzinfo=None)
    return int((local - datetime.datetime.combine(monday, datetime.time())).total_seconds() // 60)


def _clock(day: int, starts: datetime.time, ends: datetime.time) -> tuple[int, int]:
    start = day * MINUTES_IN_DAY + starts.hour * 60 + starts.minute
    end = day * MINUTES_IN_DAY + ends.hour * 60 + ends.minute
    return start, end if end > start else end + MINUTES_IN_DAY


def workers_at(service: Service) -> QuerySet[StaffMember]:
    return (
        StaffMember.objects.filter(services=service, role=StaffMember.Role.SUPPORT_WORKER)
        .select_related("user")
        .prefetch_related("skills")
        .order_by("user__display_name")
    )


def problem_for_week(week: RotaWeek, shifts: list[RotaShift] | None = None) -> RotaProblem:
    """The week as the solver and checker see it. Ids are database ids as text."""
    monday = week.monday
    shifts = shifts if shifts is not None else list(shifts_of(week))
    sessions = tuple(
        SupportSession(
            id=str(s.pk),
            people=tuple(str(p.pk) for p in s.people.all()),
            start=minute_of_week(s.starts, monday),
            end=minute_of_week(s.ends, monday),
            kind=SessionKind(s.kind),
            workers_needed=s.workers_needed,
            skills=frozenset(s.skills),
            personal_care=s.personal_care,
        )
        for s in shifts
    )
    staff = list(workers_at(week.service))
    ids = [w.pk for w in staff]
    windows: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a in Availability.objects.filter(worker_id__in=ids):
        windows[a.worker_id].append(_clock(a.day, a.starts, a.ends))
        if a.day == 0:  # Monday's hours also reach into the next Monday morning
            windows[a.worker_id].append(_clock(7, a.starts, a.ends))
    away: dict[int, list[RotaAbsence]] = defaultdict(list)
    sunday = monday + datetime.timedelta(days=7)
    for ab in Absence.objects.filter(
        worker_id__in=ids, first_day__lte=sunday, last_day__gte=monday
    ):
        away[ab.worker_id].append(
            RotaAbsence(
                start=(ab.first_day - monday).days * MINUTES_IN_DAY,
                end=((ab.last_day - monday).days + 1) * MINUTES_IN_DAY,
                reason=ab.reason,
            )
        )
    terms = {t.worker_id: t for t in WorkerTerms.objects.filter(worker_id__in=ids)}
    workers = []
    for w in staff:
        t = terms.get(w.pk)
        workers.append(
            RotaWorker(
                id=str(w.pk),
                name=w.user.display_name,
                skills=frozenset(sk.name for sk in w.skills.all()),
                # No availability set means they can work at any time.
                available=tuple(windows[w.pk]) or ((0, 8 * MINUTES_IN_DAY),),
                absences=tuple(away[w.pk]),
                contracted_minutes=int((t.min_hours if t else w.contracted_hours) * 60),
                max_minutes=int((t.max_hours if t else 48) * 60),
                opted_out_of_48_hours=bool(t and t.opted_out_of_48_hours),
            )
        )
    preferred: dict[str, set[str]] = defaultdict(set)
    not_wanted: dict[str, set[str]] = defaultdict(set)
    for c in TeamChoice.objects.filter(person__service=week.service, worker_id__in=ids):
        target = preferred if c.choice == TeamChoice.Choice.RATHER else not_wanted
        target[str(c.person_id)].add(str(c.worker_id))
    care_by = personal_care_by(service=week.service, terms=terms, worker_ids=ids)
    people = set(preferred) | set(not_wanted) | set(care_by)
    return RotaProblem(
        sessions=sessions,
        workers=tuple(workers),
        choices={
            p: TeamChoices(frozenset(preferred[p]), frozenset(not_wanted[p]), care_by.get(p))
            for p in people
        },
        weights=rota_settings_of(organisation_id=week.service.organisation_id).weights(),
    )


def personal_care_by(
    *, service: Service, terms: dict[int, WorkerTerms], worker_ids: list[int]
) -> dict[str, frozenset[str]]:
    """For each person at the service who limits it, the workers who may give them personal
    care (ids as text). Women / men only: the workers whose hours page says so."""
    limited: dict[str, frozenset[str]] = {}
    rules = PersonalCare.objects.filter(person__service=service).exclude(by=PersonalCare.By.ANYONE)
    for rule in rules.prefetch_related("workers"):
        if rule.by == PersonalCare.By.NAMED:
            allowed = {w.pk for w in rule.workers.all()}
        else:
            gender = "woman" if rule.by == PersonalCare.By.WOMEN else "man"
            allowed = {pk for pk, t in terms.items() if t.gender == gender}
        limited[str(rule.person_id)] = frozenset(str(pk) for pk in allowed if pk in worker_ids)
    return limited


def personal_care_of(person: Person) -> PersonalCare:
    """The person's personal-care rule, or "anyone" (not saved) if they never set one."""
    return PersonalCare.objects.filter(person=person).first() or PersonalCare(person=person)


def shifts_of(week: RotaWeek) -> QuerySet[RotaShift]:
    return week.shifts.prefetch_related(
        "people", Prefetch("workers", queryset=StaffMember.objects.select_related("user"))
    )


def rota_of(shifts: list[RotaShift]) -> Rota:
    return {str(s.pk): tuple(str(w.pk) for w in s.workers.all()) for s in shifts}


@dataclass(frozen=True)
class GridRow:
    person: Person
    days: list[list[RotaShift]]


def week_grid(week: RotaWeek, shifts: list[RotaShift]) -> list[GridRow]:
    """People down the side, days across: each cell holds that person's shifts that day."""
    people = list(Person.objects.filter(service=week.service).order_by("preferred_name", "id"))
    cells: dict[int, list[list[RotaShift]]] = {p.pk: [[] for _ in range(7)] for p in people}
    for s in shifts:
        day = (timezone.localtime(s.starts).date() - week.monday).days
        for p in s.people.all():
            if p.pk in cells and 0 <= day < 7:
                cells[p.pk][day].append(s)
    return [GridRow(p, cells[p.pk]) for p in people]


def published_week_for(service_id: int, monday: datetime.date) -> RotaWeek | None:
    return RotaWeek.objects.filter(
        service_id=service_id, monday=monday, status=RotaWeek.Status.PUBLISHED
    ).first()


def my_shifts(*, worker: StaffMember, monday: datetime.date) -> QuerySet[RotaShift]:
    """A worker's shifts in published rotas that week, with the people on each."""
    return (
        RotaShift.objects.filter(
            workers=worker, week__monday=monday, week__status=RotaWeek.Status.PUBLISHED
        )
        .select_related("week__service")
        .prefetch_related("people")
        .order_by("starts")
    )


def person_shifts(*, person: Person, monday: datetime.date, published_only: bool) -> Any:
    shifts = RotaShift.objects.filter(
        people=person, week__monday=monday, week__service_id=person.service_id
    )
    if published_only:
        shifts = shifts.filter(week__status=RotaWeek.Status.PUBLISHED)
    workers = StaffMember.objects.select_related("user").annotate(
        has_photo=Exists(WorkerPhoto.objects.filter(worker=OuterRef("pk")))
    )
    return shifts.prefetch_related(Prefetch("workers", queryset=workers)).order_by("starts")


@dataclass(frozen=True)
class WorkerDay:
    """What the published rotas say about one worker's day: the shifts that touch it, and
    for each person on them, the worker's times with that person."""

    service_ids: frozenset[int]
    times_with: dict[int, list[tuple[datetime.datetime, datetime.datetime]]]


def worker_day(*, user: Any, day: datetime.date) -> WorkerDay:
    """The user's shifts in published rotas that overlap `day` (a night shift that began the
    evening before counts), and who is on them. Empty for users who are not staff."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    shifts = (
        RotaShift.objects.filter(
            workers__user=user,
            week__status=RotaWeek.Status.PUBLISHED,
            starts__lt=end,
            ends__gt=start,
        )
        .select_related("week")
        .prefetch_related(Prefetch("people", queryset=Person.objects.only("id")))
        .order_by("starts")
    )
    service_ids: set[int] = set()
    times_with: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
    for shift in shifts:
        service_ids.add(shift.week.service_id)
        for person in shift.people.all():
            times_with[person.pk].append((shift.starts, shift.ends))
    return WorkerDay(service_ids=frozenset(service_ids), times_with=dict(times_with))


def workers_on_shift(*, service_id: int, person_id: int, now: datetime.datetime) -> list[Any]:
    """Users on a published shift with this person that has not ended yet today; if the
    person has none left today, everyone on a published shift at the service today."""
    end_of_day = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(now), datetime.time.max)
    )
    shifts = RotaShift.objects.filter(
        week__service_id=service_id,
        week__status=RotaWeek.Status.PUBLISHED,
        starts__lt=end_of_day,
        ends__gt=now,
    )
    workers = StaffMember.objects.select_related("user").distinct()
    with_person = list(workers.filter(rota_shifts__in=shifts.filter(people__pk=person_id)))
    return [w.user for w in with_person or workers.filter(rota_shifts__in=shifts)]


def rota_settings_of(*, organisation_id: int) -> RotaSettings:
    """The organisation's rota settings, or the defaults (not saved) if never changed."""
    return RotaSettings.objects.filter(organisation_id=organisation_id).first() or RotaSettings(
        organisation_id=organisation_id
    )


# By the stored text, so that a kind this code no longer knows is still shown, as stored.
KIND_WORDS: dict[str, str] = {str(kind): words for kind, words in SESSION_KIND_WORDS.items()}


def download_sections(*, person: Person, viewer: Any) -> list[DownloadSection]:
    """Who supported the person, from every published rota, for their download."""
    if not viewer.has_perm("rota.see_person_week", person):
        return []
    shifts = (
        RotaShift.objects.filter(people=person, week__status=RotaWeek.Status.PUBLISHED)
        .prefetch_related(Prefetch("workers", queryset=StaffMember.objects.select_related("user")))
        .order_by("-starts", "-pk")
    )
    return [
        DownloadSection(
            key="support_sessions",
            title="Who supported me (from the published rotas)",
            columns=(
                ("starts", "From"),
                ("ends", "To"),
                ("kind", "Support"),
                ("workers", "Who"),
            ),
            rows=[
                {
                    "starts": s.starts,
                    "ends": s.ends,
                    "kind": KIND_WORDS.get(s.kind, s.kind),
                    "workers": sorted(w.user.display_name for w in s.workers.all()),
                }
                for s in shifts
            ],
            empty="No published rotas yet.",
            # Years of rotas would make a PDF of hundreds of pages: the PDF has the latest
            # weeks, the JSON has every one.
            most_in_pdf=12 * 7 * 4,
        )
    ]


def breaches_now(week: RotaWeek, shifts: list[RotaShift] | None = None) -> list[Any]:
    """The hard rules the week's rota breaks today, by the independent checker: a "rather
    not", an absence or a skill changed after it was made. Places already flagged as not
    covered are not counted again."""
    from .checker import breaches_beyond_uncovered

    shifts = shifts if shifts is not None else list(shifts_of(week))
    problem = problem_for_week(week, shifts)
    flagged = {str(s.pk) for s in shifts if s.uncovered_reason}
    return breaches_beyond_uncovered(problem, rota_of(shifts), flagged)


def broken_published_weeks(
    *, services: QuerySet[Service], today: datetime.date | None = None
) -> list[tuple[RotaWeek, int]]:
    """Published weeks (this one and the next) of these services whose rota breaks a rule
    now, with how many breaches: the manager's home page warns of them at once."""
    monday = this_monday(today)
    weeks = RotaWeek.objects.filter(
        service__in=services,
        status=RotaWeek.Status.PUBLISHED,
        monday__in=[monday, monday + datetime.timedelta(days=7)],
    ).select_related("service")
    found = []
    for week in weeks.order_by("monday", "service__name"):
        breaches = breaches_now(week)
        if breaches:
            found.append((week, len(breaches)))
    return found


def latest_solve_job(week: RotaWeek | None) -> SolveJob | None:
    """The newest solve of this week, to show whether it is waiting, being made or done."""
    if week is None:
        return None
    return week.solve_jobs.order_by("-requested_at", "-pk").first()


def solve_run_counts(run: SolveRun, *, organisation_id: int | None) -> dict[str, int]:
    """How many services of the run are done, left and failed (only `organisation_id`'s
    services when given)."""
    jobs = run.jobs.all()
    if organisation_id is not None:
        jobs = jobs.filter(week__service__organisation_id=organisation_id)
    counts = dict.fromkeys(SolveJob.Status.values, 0)
    for row in jobs.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return {
        "done": counts["done"],
        "failed": counts["failed"],
        "left": counts["queued"] + counts["running"],
        "total": sum(counts.values()),
    }


# --- Fetching for the pages ------------------------------------------------------------------


def week_of(*, service: Service, monday: datetime.date) -> RotaWeek | None:
    """The service's rota for the week starting `monday`, made or not yet, or None."""
    return RotaWeek.objects.filter(service=service, monday=monday).first()


def uncovered_shifts(*, shifts: list[RotaShift]) -> list[RotaShift]:
    """The shifts with fewer workers than they need (from the prefetched workers)."""
    return [s for s in shifts if s.workers.count() < s.workers_needed]


def people_at(*, service: Service) -> QuerySet[Person]:
    """The people the service supports, by preferred name."""
    return Person.objects.filter(service=service).order_by("preferred_name")


def solve_run_by_id(*, run_id: Any) -> SolveRun | None:
    """The run of `solve_rotas --week` with this id, or None."""
    return SolveRun.objects.filter(pk=run_id).first()


def failed_jobs(*, run: SolveRun, organisation: Any) -> QuerySet[SolveJob]:
    """The run's solves that failed for the organisation's services, with their service."""
    return run.jobs.filter(
        status=SolveJob.Status.FAILED, week__service__organisation=organisation
    ).select_related("week__service")


def worker_names_on(*, shift: RotaShift) -> list[str]:
    """The names of the workers on the shift."""
    return [w.user.display_name for w in shift.workers.all()]


def worker_ids_on(*, shift: RotaShift) -> list[str]:
    """The ids (as text) of the workers on the shift."""
    return [str(w.pk) for w in shift.workers.all()]


def people_on(*, shift: RotaShift) -> QuerySet[Person]:
    """The people the shift supports."""
    return shift.people.all()


def shift_by_id(*, shift_id: Any) -> RotaShift | None:
    """The shift with this id, with its week and service, or None."""
    return RotaShift.objects.select_related("week__service").filter(pk=shift_id).first()


def workers_at_with_ids(*, service: Service, worker_ids: list[int]) -> list[StaffMember]:
    """The staff members with these ids who work at the service."""
    return list(StaffMember.objects.filter(pk__in=worker_ids, services=service))


def others_at_service(*, person: Person) -> QuerySet[Person]:
    """The other people at the person's service (to share a session with)."""
    return Person.objects.filter(service_id=person.service_id).exclude(pk=person.pk)


def support_needs_of(*, person: Person) -> QuerySet[Any]:
    """The person's weekly pattern of support sessions, with skills and who shares them."""
    return person.support_needs.prefetch_related("skills", "shared_with")


def support_need_of(*, person: Person, need_id: Any) -> Any:
    """One session of the person's pattern, or None."""
    return person.support_needs.filter(pk=need_id).first()


def people_with_ids(*, person_ids: list[int]) -> list[Person]:
    """The people with these ids."""
    return list(Person.objects.filter(pk__in=person_ids))


def personal_care_worker_ids(*, rule: PersonalCare) -> list[str]:
    """The ids (as text) of the workers a saved personal-care rule names; none if unsaved."""
    return [str(w.pk) for w in rule.workers.all()] if rule.pk else []


def skills_of(*, worker: StaffMember) -> list[Any]:
    """The worker's skills."""
    return list(worker.skills.all())


def terms_of(*, worker: StaffMember) -> WorkerTerms | None:
    """The worker's hours and terms, or None if never set."""
    return WorkerTerms.objects.filter(worker=worker).first()


def availability_of(*, worker: StaffMember) -> QuerySet[Availability]:
    """The worker's usual availability."""
    return worker.availability.all()


def absences_of(*, worker: StaffMember) -> QuerySet[Absence]:
    """The worker's leave and sickness."""
    return worker.absences.all()


def entry_by_id(
    *, model: type[Availability] | type[Absence], entry_id: Any
) -> Availability | Absence | None:
    """One availability or absence entry, with its worker, or None if there is none."""
    found: Availability | Absence | None = (
        model._default_manager.select_related("worker__user").filter(pk=entry_id).first()
    )
    return found


def worker_of_deleted_entry(
    *, model: type[Availability] | type[Absence], entry_id: Any
) -> StaffMember | None:
    """The worker a deleted entry belonged to, from its history, or None."""
    past = model.history.filter(id=entry_id).order_by("-history_date").first()
    return StaffMember.objects.filter(pk=past.worker_id).first() if past else None
