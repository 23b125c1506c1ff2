"""Pre-computed monthly check-in counts and monthly hours with chosen workers, and how they
stay correct.

Every change to a check-in through the everyday app's services writes a row to the check-in
history table (django-simple-history), whose ids only grow. `refresh_check_in_months` reads
the history rows after its watermark, works out which (service, council, month) buckets they
touch, and recounts exactly those buckets from the check-ins themselves: recounting is
idempotent, so a bucket recounted twice is still right. Changes to a person's service or
council (the person history table) recount every bucket of the old and new service.

A row written by a transaction that had not committed when the watermark moved would be
missed, so the watermark only moves past history rows older than LAG; newer ones are read
(and their buckets recounted) again next time. Bulk writes that bypass the history (demo and
benchmark generators) must call `rebuild_check_in_months` (`manage.py rebuild_outcome_rollups`).
The hours with chosen workers are kept the same way, per service: a change to a rota week
(published), a shift (its workers), a person's team choices or a person's service recounts
every published week of the services it touches (`refresh_chosen_hours`).
See docs/adr/0050-outcomes-roll-ups.md.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncMonth
from django.utils import timezone

from alongside.everyday.models import CheckIn, Feeling
from alongside.people.models import Person

from .models import CheckInMonth, RollupWatermark

CHECK_INS = "check_in_months"
PEOPLE = "check_in_months_people"
LAG = datetime.timedelta(seconds=60)
FEELING_FIELDS = {
    Feeling.GREAT: "great",
    Feeling.GOOD: "good",
    Feeling.OK: "ok",
    Feeling.LOW: "low",
    Feeling.BAD: "bad",
}

Bucket = tuple[int, int, datetime.date]  # service, council, first day of the month


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def _recount(*, services: set[int], months: set[datetime.date] | None) -> None:
    """Recount the buckets of these services (all months, or only `months`) from the
    check-ins, replacing what was stored."""
    if not services:
        return
    check_ins = CheckIn.objects.filter(person__service_id__in=services)
    stored = CheckInMonth.objects.filter(service_id__in=services)
    if months is not None:
        if not months:
            return
        check_ins = check_ins.filter(on__gte=min(months), on__lt=_next_month(max(months)))
        stored = stored.filter(month__in=months)
    counts: dict[Bucket, dict[str, int]] = defaultdict(dict)
    for service_id, council_id, month, feeling, n in (
        check_ins.order_by()
        .annotate(m=TruncMonth("on"))
        .values("person__service_id", "person__council_id", "m", "feeling")
        .annotate(n=Count("pk"))
        .values_list("person__service_id", "person__council_id", "m", "feeling", "n")
    ):
        if months is not None and _month(month) not in months:
            continue
        counts[(service_id, council_id, _month(month))][FEELING_FIELDS[Feeling(feeling)]] = n
    stored.delete()
    CheckInMonth.objects.bulk_create(
        [
            CheckInMonth(service_id=s, council_id=c, month=m, **fields)
            for (s, c, m), fields in counts.items()
        ],
        batch_size=1000,
    )


def rebuild_check_in_months() -> int:
    """Recount every bucket from scratch. Returns how many buckets there are."""
    history = CheckIn.history.model
    people_history = Person.history.model
    with transaction.atomic():
        for name in (CHECK_INS, PEOPLE):
            RollupWatermark.objects.get_or_create(name=name)
        marks = {w.name: w for w in RollupWatermark.objects.select_for_update().order_by("name")}
        last_check_in = (
            history.objects.order_by("-history_id").values_list("history_id", flat=True).first()
        )
        last_person = (
            people_history.objects.order_by("-history_id")
            .values_list("history_id", flat=True)
            .first()
        )
        CheckInMonth.objects.all().delete()
        services = set(Person.objects.order_by().values_list("service_id", flat=True).distinct())
        for chunk in _chunks(sorted(services), 200):
            _recount(services=set(chunk), months=None)
        now = timezone.now()
        for name, last in ((CHECK_INS, last_check_in), (PEOPLE, last_person)):
            marks[name].last_id = last or 0
            marks[name].rebuilt_at = now
            marks[name].save()
    return CheckInMonth.objects.count()


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def refresh_check_in_months() -> None:
    """Bring the monthly counts up to date with every check-in change since last time.

    Cheap when nothing changed (two small indexed queries); otherwise recounts only the
    buckets the changes touch.
    """
    history = CheckIn.history.model
    people_history = Person.history.model
    marks = dict(RollupWatermark.objects.values_list("name", "last_id"))
    if CHECK_INS not in marks:
        rebuild_check_in_months()
        return
    newer_check_ins = history.objects.filter(history_id__gt=marks[CHECK_INS]).exists()
    newer_people = people_history.objects.filter(history_id__gt=marks.get(PEOPLE, 0)).exists()
    if not newer_check_ins and not newer_people:
        return
    settled = timezone.now() - LAG
    with transaction.atomic():
        locked = {
            w.name: w
            for w in RollupWatermark.objects.select_for_update().filter(
                name__in=[CHECK_INS, PEOPLE]
            )
        }
        if PEOPLE not in locked:
            locked[PEOPLE] = RollupWatermark.objects.create(name=PEOPLE)
        # People who moved service or council: recount all of their old and new services.
        moved = people_history.objects.filter(history_id__gt=locked[PEOPLE].last_id)
        moved_rows = list(moved.values_list("history_id", "id", "history_date"))
        services: set[int] = set()
        if moved_rows:
            person_ids = {pk for _, pk, _ in moved_rows}
            services |= set(
                people_history.objects.filter(id__in=person_ids)
                .values_list("service_id", flat=True)
                .distinct()
            )
            _recount(services=services, months=None)
            locked[PEOPLE].last_id = _settled_mark(locked[PEOPLE].last_id, moved_rows, settled)
            locked[PEOPLE].save(update_fields=["last_id"])
        rows = list(
            history.objects.filter(history_id__gt=locked[CHECK_INS].last_id).values_list(
                "history_id", "person_id", "on", "history_date"
            )
        )
        if rows:
            service_of = dict(
                Person.objects.filter(pk__in={r[1] for r in rows}).values_list("pk", "service_id")
            )
            months_by_service: dict[int, set[datetime.date]] = defaultdict(set)
            for _, person_id, on, _ in rows:
                service_id = service_of.get(person_id)
                if service_id is not None and service_id not in services:
                    months_by_service[service_id].add(_month(on))
            by_months: dict[frozenset[datetime.date], set[int]] = defaultdict(set)
            for service_id, months in months_by_service.items():
                by_months[frozenset(months)].add(service_id)
            for month_set, service_ids in by_months.items():
                _recount(services=service_ids, months=set(month_set))
            marks_rows = [(r[0], r[1], r[3]) for r in rows]
            locked[CHECK_INS].last_id = _settled_mark(
                locked[CHECK_INS].last_id, marks_rows, settled
            )
            locked[CHECK_INS].save(update_fields=["last_id"])


def _settled_mark(
    current: int, rows: list[tuple[int, int, datetime.datetime]], settled: datetime.datetime
) -> int:
    """The highest history id below which every row is older than LAG (so no transaction
    still open could add a row with a smaller id)."""
    mark = current
    for history_id, _, when in sorted(rows):
        if when >= settled:
            break
        mark = history_id
    return mark


# --- Hours with chosen workers, month by month (of the rota weeks' Mondays) ---------------

CHOSEN_SOURCES = (
    "chosen_hours_weeks",
    "chosen_hours_shifts",
    "chosen_hours_choices",
    "chosen_hours_people",
)


def _recount_chosen(*, services: set[int] | None) -> None:
    """Recount every published week of these services (None: of every service)."""
    from alongside.rota.models import RotaShift, RotaWeek
    from alongside.team.models import TeamChoice

    from .models import ChosenHoursMonth

    through = RotaShift.people.through
    on_shift = RotaShift.workers.through
    chose = TeamChoice.objects.filter(
        person_id=OuterRef("person_id"), choice=TeamChoice.Choice.RATHER
    )
    with_chosen = on_shift.objects.filter(
        rotashift_id=OuterRef("rotashift_id"),
        staffmember_id__in=TeamChoice.objects.filter(
            person_id=OuterRef(OuterRef("person_id")), choice=TeamChoice.Choice.RATHER
        ).values("worker_id"),
    )
    rows = through.objects.filter(rotashift__week__status=RotaWeek.Status.PUBLISHED).filter(
        Exists(chose), Exists(on_shift.objects.filter(rotashift_id=OuterRef("rotashift_id")))
    )
    stored = ChosenHoursMonth.objects.all()
    if services is not None:
        if not services:
            return
        rows = rows.filter(rotashift__week__service_id__in=services)
        stored = stored.filter(service_id__in=services)
    buckets: dict[Bucket, list[int]] = defaultdict(lambda: [0, 0])
    annotated: Any = rows.annotate(with_chosen=Exists(with_chosen))
    for service_id, council_id, monday, starts, ends, chosen in annotated.values_list(
        "rotashift__week__service_id",
        "person__council_id",
        "rotashift__week__monday",
        "rotashift__starts",
        "rotashift__ends",
        "with_chosen",
    ).iterator(chunk_size=5000):
        minutes = int((ends - starts).total_seconds() // 60)
        bucket = buckets[(service_id, council_id, _month(monday))]
        bucket[0] += minutes
        if chosen:
            bucket[1] += minutes
    stored.delete()
    ChosenHoursMonth.objects.bulk_create(
        [
            ChosenHoursMonth(service_id=s, council_id=c, month=m, minutes=n, minutes_with_chosen=k)
            for (s, c, m), (n, k) in buckets.items()
        ],
        batch_size=1000,
    )


def _chosen_history_models() -> dict[str, Any]:
    from alongside.rota.models import RotaShift, RotaWeek
    from alongside.team.models import TeamChoice

    return {
        "chosen_hours_weeks": RotaWeek.history.model,
        "chosen_hours_shifts": RotaShift.history.model,
        "chosen_hours_choices": TeamChoice.history.model,
        "chosen_hours_people": Person.history.model,
    }


def rebuild_chosen_hours() -> int:
    """Recount every published week from scratch. Returns how many buckets there are."""
    from .models import ChosenHoursMonth

    models = _chosen_history_models()
    with transaction.atomic():
        for name in CHOSEN_SOURCES:
            RollupWatermark.objects.get_or_create(name=name)
        marks = {
            w.name: w
            for w in RollupWatermark.objects.select_for_update().filter(name__in=CHOSEN_SOURCES)
        }
        lasts = {
            name: models[name]
            .objects.order_by("-history_id")
            .values_list("history_id", flat=True)
            .first()
            for name in CHOSEN_SOURCES
        }
        _recount_chosen(services=None)
        now = timezone.now()
        for name in CHOSEN_SOURCES:
            marks[name].last_id = lasts[name] or 0
            marks[name].rebuilt_at = now
            marks[name].save()
    return ChosenHoursMonth.objects.count()


def _services_touched(name: str, model: Any, rows: list[tuple[int, int, Any]]) -> set[int]:
    """The services a batch of history rows (history_id, object id, date) touches."""
    from alongside.rota.models import RotaWeek

    ids = {pk for _, pk, _ in rows}
    if name == "chosen_hours_weeks":
        return set(model.objects.filter(id__in=ids).values_list("service_id", flat=True))
    if name == "chosen_hours_shifts":
        week_ids = model.objects.filter(id__in=ids).values_list("week_id", flat=True)
        return set(RotaWeek.objects.filter(pk__in=week_ids).values_list("service_id", flat=True))
    if name == "chosen_hours_choices":
        people = model.objects.filter(id__in=ids).values_list("person_id", flat=True)
        return set(Person.objects.filter(pk__in=people).values_list("service_id", flat=True))
    # People: every service they have been at.
    return set(model.objects.filter(id__in=ids).values_list("service_id", flat=True))


def refresh_chosen_hours() -> None:
    """Bring the weekly hours with chosen workers up to date with every change since last
    time: cheap when nothing changed, otherwise recounts only the services touched."""
    models = _chosen_history_models()
    marks = dict(
        RollupWatermark.objects.filter(name__in=CHOSEN_SOURCES).values_list("name", "last_id")
    )
    if set(marks) != set(CHOSEN_SOURCES):
        rebuild_chosen_hours()
        return
    # Has any source a row after its watermark? (one small indexed query each)
    changed = [
        name
        for name in CHOSEN_SOURCES
        if models[name].objects.filter(history_id__gt=marks[name]).exists()
    ]
    if not changed:
        return
    settled = timezone.now() - LAG
    with transaction.atomic():
        locked = {
            w.name: w for w in RollupWatermark.objects.select_for_update().filter(name__in=changed)
        }
        services: set[int] = set()
        for name in changed:
            rows = list(
                models[name]
                .objects.filter(history_id__gt=locked[name].last_id)
                .values_list("history_id", "id", "history_date")
            )
            services |= _services_touched(name, models[name], rows)
            locked[name].last_id = _settled_mark(locked[name].last_id, rows, settled)
            locked[name].save(update_fields=["last_id"])
        _recount_chosen(services=services)


def refresh_all() -> None:
    """Everything the outcome pages read, brought up to date."""
    refresh_check_in_months()
    refresh_chosen_hours()


def rebuild_all() -> tuple[int, int]:
    return rebuild_check_in_months(), rebuild_chosen_hours()
