"""The outcome figures for a service, a provider or a council. Counts only, never names.

Every figure is worked out for a `Scope` (the services, and for a council only its own
people) over the last four quarters, by quarter (or month) and by service, with a fixed
number of queries whatever the number of services or people.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.safestring import SafeString

from alongside.everyday.models import Suggestion
from alongside.organisations.models import Organisation, Service
from alongside.policy import standing_of, visible_outcome_services
from alongside.quality.models import Answer, Face, IStatement, QualityCheck, QualityChecker

from . import charts
from .models import CheckInMonth, ChosenHoursMonth, SelfAssessment, WeStatement

ANSWER_WITHIN_DAYS = 28
NO_DATA = "No data yet"
# A group of fewer people than this is not shown: a count of one or two people's answers can
# say something about each of them (ADR 0051).
SMALL_GROUP = 5
FEWER = f"Fewer than {SMALL_GROUP} people"
# The figures counted from people's own answers and support (not ideas or quality checks).
ABOUT_PEOPLE = frozenset({"doing-what-matters", "goals", "check-ins", "chosen-workers"})
WHOLE_PERIOD = "Last 12 months"


@dataclass(frozen=True)
class Scope:
    """Whose outcomes: these services, and (for a council) only the council's own people."""

    name: str
    services: QuerySet[Service]
    council_id: int | None = None

    def people(self, prefix: str = "person__") -> Q:
        condition = Q(**{f"{prefix}service__in": self.services.values("pk")})
        if self.council_id is not None:
            condition &= Q(**{f"{prefix}council_id": self.council_id})
        return condition


@dataclass
class Figure:
    """One figure: a table (first column, then numbers), a chart of its share column (the
    last), and the share for each service."""

    key: str
    title: str
    what: str
    first_column: str
    columns: list[str]
    rows: list[tuple[str, list[Any]]] = field(default_factory=list)
    # Drawn by charts.figure_chart from the rows, once small groups are left out.
    chart: SafeString = field(default_factory=lambda: SafeString(""))
    chart_title: str = ""
    by_service: dict[int, str] = field(default_factory=dict)
    csv_url: str = ""
    # Set when the whole figure is about too few people to show.
    hidden: str = ""

    @property
    def caption(self) -> str:
        """ "Goals that moved on, by quarter the goal was set" ("I statement" keeps its I)."""
        first = self.first_column
        by = first if first.startswith("I ") else first[:1].lower() + first[1:]
        return f"{self.title}, by {by}"

    def csv_rows(self) -> list[list[Any]]:
        return [
            [self.first_column, *self.columns],
            *([label, *cells] for label, cells in self.rows),
        ]


# --- Periods -------------------------------------------------------------------------------


def quarter_of(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_quarters(today: datetime.date, how_many: int = 4) -> list[datetime.date]:
    """The first days of the last `how_many` quarters, oldest first, this one last."""
    current = quarter_of(today)
    return [_add_months(current, -3 * n) for n in range(how_many - 1, -1, -1)]


def quarter_label(quarter: datetime.date) -> str:
    return f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class Period:
    quarters: list[datetime.date]

    @property
    def start(self) -> datetime.date:
        return self.quarters[0]

    @property
    def end(self) -> datetime.date:
        """The day after the period."""
        return _add_months(self.quarters[-1], 3)

    @property
    def months(self) -> list[datetime.date]:
        return [_add_months(self.start, n) for n in range(12)]

    def aware(self, day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def period_for(today: datetime.date | None = None) -> Period:
    return Period(quarters=last_quarters(today or timezone.localdate()))


# --- Helpers -------------------------------------------------------------------------------


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def shown(value: int | None) -> str:
    return NO_DATA if value is None else f"{value}%"


def _localdate(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def _by_quarter_and_service(
    items: Iterable[tuple[int, datetime.date, Any]], period: Period
) -> tuple[dict[datetime.date, list[Any]], dict[int, list[Any]], list[Any]]:
    """Sort (service, day, value) into quarters, services and the whole period."""
    quarters: dict[datetime.date, list[Any]] = defaultdict(list)
    services: dict[int, list[Any]] = defaultdict(list)
    everything: list[Any] = []
    for service_id, day, value in items:
        quarters[quarter_of(day)].append(value)
        services[service_id].append(value)
        everything.append(value)
    return quarters, services, everything


def _quarter_rows(
    period: Period,
    quarters: dict[datetime.date, list[Any]],
    everything: list[Any],
    cells: Callable[[list[Any]], list[Any]],
) -> list[tuple[str, list[Any]]]:
    rows = [(quarter_label(q), cells(quarters.get(q, []))) for q in period.quarters]
    rows.append((WHOLE_PERIOD, cells(everything)))
    return rows


# --- Doing the things that matter (from reviews) --------------------------------------------


def doing_what_matters(scope: Scope, period: Period) -> Figure:
    from alongside.reviews.models import DoingWhatMatters, Review, ReviewStatus

    reviews = (
        Review.objects.filter(
            scope.people(),
            status=ReviewStatus.COMPLETED,
            completed_on__gte=period.start,
            completed_on__lt=period.end,
        )
        .order_by("completed_on", "pk")
        .values_list("person_id", "person__service_id", "completed_on", "doing_what_matters")
    )
    # The latest completed review of each person: in each quarter, and in the whole year.
    latest_in_quarter: dict[tuple[datetime.date, int], tuple[int, datetime.date, str]] = {}
    latest: dict[int, tuple[int, datetime.date, str]] = {}
    for person_id, service_id, completed_on, answer in reviews:
        assert completed_on is not None  # filtered on it
        latest_in_quarter[(quarter_of(completed_on), person_id)] = (
            service_id,
            completed_on,
            answer,
        )
        latest[person_id] = (service_id, completed_on, answer)
    quarters: dict[datetime.date, list[str]] = defaultdict(list)
    for (quarter, _), (_, _, answer) in latest_in_quarter.items():
        quarters[quarter].append(answer)
    services: dict[int, list[str]] = defaultdict(list)
    for service_id, _, answer in latest.values():
        services[service_id].append(answer)

    def cells(answers: list[str]) -> list[Any]:
        yes = answers.count(DoingWhatMatters.YES)
        partly = answers.count(DoingWhatMatters.PARTLY)
        not_yet = answers.count(DoingWhatMatters.NOT_YET)
        return [
            len(answers),
            yes,
            partly,
            not_yet,
            len(answers) - yes - partly - not_yet,
            shown(percent(yes, len(answers))),
        ]

    rows = _quarter_rows(period, quarters, [a for _, _, a in latest.values()], cells)
    return Figure(
        key="doing-what-matters",
        title="Doing the things that matter to them",
        what=(
            "Of the people with a review finished in each quarter, how many said “yes” when "
            "asked “Are you doing the things that matter to you?” (their latest review)."
        ),
        first_column="Quarter",
        columns=[
            "People with a finished review",
            "Yes",
            "Partly",
            "Not yet",
            "Did not say",
            "Share who said yes",
        ],
        rows=rows,
        chart_title="Share of people who say they are doing the things that matter",
        by_service={
            s: shown(percent(a.count(DoingWhatMatters.YES), len(a))) for s, a in services.items()
        },
    )


# --- Goals progressed ------------------------------------------------------------------------


def goals_progressed(scope: Scope, period: Period) -> Figure:
    from alongside.reviews.models import Goal, GoalProgress

    goals = Goal.objects.filter(
        scope.people(),
        created_at__gte=period.aware(period.start),
        created_at__lt=period.aware(period.end),
    ).order_by()
    # Two small grouped queries: by quarter and by service (never one row per goal).
    quarters: dict[datetime.date, Counter[str]] = defaultdict(Counter)
    everything: Counter[str] = Counter()
    for quarter, progress, n in (
        goals.annotate(quarter=TruncQuarter("created_at"))
        .values("quarter", "progress")
        .annotate(n=Count("pk"))
        .values_list("quarter", "progress", "n")
    ):
        quarters[quarter_of(_localdate(quarter))][progress] += n
        everything[progress] += n
    services: dict[int, Counter[str]] = defaultdict(Counter)
    for service_id, progress, n in (
        goals.values("person__service_id", "progress")
        .annotate(n=Count("pk"))
        .values_list("person__service_id", "progress", "n")
    ):
        services[service_id][progress] += n
    progressed = (GoalProgress.GETTING_THERE, GoalProgress.DONE)

    def share(found: Counter[str]) -> str:
        return shown(percent(sum(found[p] for p in progressed), sum(found.values())))

    def cells(found: Counter[str]) -> list[Any]:
        return [
            sum(found.values()),
            found[GoalProgress.NOT_STARTED],
            found[GoalProgress.GETTING_THERE],
            found[GoalProgress.DONE],
            found[GoalProgress.CHANGED_MY_MIND],
            share(found),
        ]

    rows = [(quarter_label(q), cells(quarters.get(q, Counter()))) for q in period.quarters]
    rows.append((WHOLE_PERIOD, cells(everything)))
    return Figure(
        key="goals",
        title="Goals that moved on",
        what=(
            "Goals people set in each quarter, in their own words, and how they are going now. "
            "“Moved on” means getting there or done."
        ),
        first_column="Quarter the goal was set",
        columns=[
            "Goals set",
            "Not started",
            "Getting there",
            "Done",
            "Changed my mind",
            "Share that moved on",
        ],
        rows=rows,
        chart_title="Share of goals getting there or done",
        by_service={s: share(found) for s, found in services.items()},
    )


# --- Check-in trends (from the monthly roll-up) -----------------------------------------------

FEELINGS = ["great", "good", "ok", "low", "bad"]


def _check_in_months(scope: Scope, period: Period) -> QuerySet[CheckInMonth]:
    months = CheckInMonth.objects.filter(
        service__in=scope.services.values("pk"), month__gte=period.start, month__lt=period.end
    )
    if scope.council_id is not None:
        months = months.filter(council_id=scope.council_id)
    return months


def check_in_trends(scope: Scope, period: Period) -> Figure:
    sums = {name: Sum(name) for name in FEELINGS}
    by_month = {
        row["month"]: row
        for row in _check_in_months(scope, period).order_by().values("month").annotate(**sums)
    }

    def cells(row: dict[str, Any] | None) -> list[Any]:
        counts = [int((row or {}).get(name) or 0) for name in FEELINGS]
        total = sum(counts)
        return [*counts, total, shown(percent(counts[0] + counts[1], total))]

    rows = [(f"{m:%B %Y}", cells(by_month.get(m))) for m in period.months]
    total_row: dict[str, Any] = {
        name: sum(int(r.get(name) or 0) for r in by_month.values()) for name in FEELINGS
    }
    rows.append((WHOLE_PERIOD, cells(total_row)))
    by_service = {
        row["service_id"]: cells(row)[-1]
        for row in _check_in_months(scope, period).order_by().values("service_id").annotate(**sums)
    }
    return Figure(
        key="check-ins",
        title="How people said they feel (check-ins)",
        what=(
            "How many check-ins of each feeling people made each month, and the share of "
            "good or great days."
        ),
        first_column="Month",
        columns=["Great", "Good", "OK", "Low", "Bad day", "All check-ins", "Good or great days"],
        rows=rows,
        chart_title="Share of check-ins that were good or great days, month by month",
        by_service=by_service,
    )


# --- Suggestions answered within 28 days ------------------------------------------------------


def suggestions_answered(scope: Scope, period: Period) -> Figure:
    now = timezone.now()
    limit = datetime.timedelta(days=ANSWER_WITHIN_DAYS)
    found = Suggestion.objects.filter(
        service__in=scope.services.values("pk"),
        received_at__gte=period.aware(period.start),
        received_at__lt=period.aware(period.end),
    ).values_list("service_id", "received_at", "first_response_at")

    def state(received: datetime.datetime, answered: datetime.datetime | None) -> str:
        if answered is not None:
            return "in time" if answered - received <= limit else "late"
        return "waiting" if now - received <= limit else "late"

    quarters, services, everything = _by_quarter_and_service(
        ((s, _localdate(r), state(r, a)) for s, r, a in found), period
    )

    def share(states: list[str]) -> str:
        due = len(states) - states.count("waiting")
        return shown(percent(states.count("in time"), due))

    def cells(states: list[str]) -> list[Any]:
        return [
            len(states),
            states.count("in time"),
            states.count("late"),
            states.count("waiting"),
            share(states),
        ]

    rows = _quarter_rows(period, quarters, everything, cells)
    return Figure(
        key="suggestions",
        title="Ideas answered within 28 days",
        what=(
            "Ideas for making services better, and how many had a first answer within 28 days. "
            "Ideas less than 28 days old and not answered yet are not counted in the share."
        ),
        first_column="Quarter the idea came in",
        columns=[
            "Ideas",
            "Answered within 28 days",
            "Answered later or not yet",
            "Less than 28 days old, waiting",
            "Share answered within 28 days",
        ],
        rows=rows,
        chart_title="Share of ideas answered within 28 days",
        by_service={s: share(states) for s, states in services.items()},
    )


# --- Support hours with chosen workers (published rotas) ------------------------------------


def chosen_worker_hours(scope: Scope, period: Period) -> Figure:
    """Of the hours of people who chose workers they would like, the share with one of them.
    The same measure as the rota's (alongside/rota/measures.py), from published rotas, read
    from the weekly roll-up (a week counts in the quarter of its Monday)."""
    weeks = ChosenHoursMonth.objects.filter(
        service__in=scope.services.values("pk"), month__gte=period.start, month__lt=period.end
    )
    if scope.council_id is not None:
        weeks = weeks.filter(council_id=scope.council_id)
    quarters: dict[datetime.date, list[tuple[int, int]]] = defaultdict(list)
    for quarter, minutes, with_chosen in (
        weeks.order_by()
        .annotate(quarter=TruncQuarter("month"))
        .values("quarter")
        .annotate(m=Sum("minutes"), c=Sum("minutes_with_chosen"))
        .values_list("quarter", "m", "c")
    ):
        quarters[quarter_of(quarter)].append((minutes or 0, with_chosen or 0))
    everything = [item for items in quarters.values() for item in items]
    services = {
        service_id: [(minutes or 0, with_chosen or 0)]
        for service_id, minutes, with_chosen in weeks.order_by()
        .values("service_id")
        .annotate(m=Sum("minutes"), c=Sum("minutes_with_chosen"))
        .values_list("service_id", "m", "c")
    }

    def share(items: list[tuple[int, int]]) -> str:
        return shown(percent(sum(c for _, c in items), sum(m for m, _ in items)))

    def cells(items: list[tuple[int, int]]) -> list[Any]:
        return [
            round(sum(m for m, _ in items) / 60),
            round(sum(c for _, c in items) / 60),
            share(items),
        ]

    rows = _quarter_rows(period, quarters, everything, cells)
    return Figure(
        key="chosen-workers",
        title="Support hours with workers people chose",
        what=(
            "From published rotas: the hours of support of people who said who they would "
            "rather have, and how many of those hours were with someone they chose."
        ),
        first_column="Quarter",
        columns=[
            "Hours of people who chose workers",
            "Hours with a chosen worker",
            "Share with a chosen worker",
        ],
        rows=rows,
        chart_title="Share of support hours with a worker the person chose",
        by_service={s: share(items) for s, items in services.items()},
    )


# --- Quality-check results by I statement ----------------------------------------------------


def _answers(scope: Scope, period: Period) -> QuerySet[Answer]:
    return Answer.objects.filter(
        quality_check__service__in=scope.services.values("pk"),
        quality_check__status=QualityCheck.Status.DONE,
        quality_check__done_on__gte=period.start,
        quality_check__done_on__lt=period.end,
    )


def _good_share(counts: dict[str, int]) -> str:
    seen = sum(counts.values()) - counts.get(Face.NOT_SEEN, 0)
    return shown(percent(counts.get(Face.GOOD, 0) + counts.get(Face.OK, 0), seen))


def quality_results(scope: Scope, period: Period) -> tuple[Figure, Figure]:
    """Two figures: by quarter (with a chart) and by I statement (a table)."""
    answers = _answers(scope, period).order_by()
    # Two small grouped queries: by quarter and I statement, and by service.
    by_quarter: dict[datetime.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_statement: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    everything: dict[str, int] = defaultdict(int)
    for quarter, statement_id, face, n in (
        answers.annotate(quarter=TruncQuarter("quality_check__done_on"))
        .values("quarter", "statement_id", "face")
        .annotate(n=Count("pk"))
        .values_list("quarter", "statement_id", "face", "n")
    ):
        by_quarter[quarter_of(_localdate(quarter or period.start))][face] += n
        by_statement[statement_id][face] += n
        everything[face] += n
    by_service: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for service_id, face, n in (
        answers.values("quality_check__service_id", "face")
        .annotate(n=Count("pk"))
        .values_list("quality_check__service_id", "face", "n")
    ):
        by_service[service_id][face] += n
    faces = [str(label) for _, label in Face.choices]

    def cells(counts: dict[str, int]) -> list[Any]:
        return [*(counts.get(face, 0) for face in Face.values), _good_share(counts)]

    rows = [(quarter_label(q), cells(by_quarter.get(q, {}))) for q in period.quarters]
    rows.append((WHOLE_PERIOD, cells(everything)))
    quarters = Figure(
        key="quality",
        title="What quality checkers found",
        what=(
            "Answers quality checkers (people we support) gave in their checks, quarter by "
            "quarter, and the share that were good or OK (of the things they saw)."
        ),
        first_column="Quarter",
        columns=[*faces, "Good or OK"],
        rows=rows,
        chart_title="Share of quality-check answers that were good or OK",
        by_service={s: _good_share(c) for s, c in by_service.items()},
    )
    statements = IStatement.objects.filter(pk__in=list(by_statement)).select_related("theme")
    statement_rows = [
        (f"{s.text} ({s.theme.name})", cells(by_statement[s.pk]))
        for s in sorted(statements, key=lambda s: (s.theme.position, s.position, s.pk))
    ]
    by_i_statement = Figure(
        key="quality-statements",
        title="What quality checkers found, for each I statement",
        what="The answers for each Making It Real I statement in the last 12 months.",
        first_column="I statement",
        columns=[*faces, "Good or OK"],
        rows=statement_rows,
        chart_title="Share of quality-check answers that were good or OK, for each I statement",
    )
    return quarters, by_i_statement


# --- All figures, and the table by service ----------------------------------------------------


def outcome_figures(scope: Scope, period: Period) -> list[Figure]:
    """Every figure for the scope, with groups of too few people left out."""
    quality, quality_statements = quality_results(scope, period)
    figures = [
        doing_what_matters(scope, period),
        goals_progressed(scope, period),
        check_in_trends(scope, period),
        suggestions_answered(scope, period),
        chosen_worker_hours(scope, period),
        quality,
        quality_statements,
    ]
    figures = protect_small_groups(figures, per_service=people_by_service(scope))
    for figure in figures:
        figure.chart = charts.figure_chart(figure, whole_label=WHOLE_PERIOD)
    return figures


def people_by_service(scope: Scope) -> dict[int, int]:
    """How many of the scope's people live at each of its services."""
    from alongside.people.models import Person

    rows = (
        Person.objects.filter(scope.people(prefix=""))
        .order_by()
        .values("service_id")
        .annotate(n=Count("pk"))
        .values_list("service_id", "n")
    )
    return dict(rows)


def protect_small_groups(figures: list[Figure], *, per_service: dict[int, int]) -> list[Figure]:
    """Leave out figures about people where the group is smaller than SMALL_GROUP.

    A service with fewer such people shows "Fewer than 5 people" in the by-service table; a
    whole page (scope) with fewer shows none of those figures, in the table, chart or CSV.
    """
    total = sum(per_service.values())
    for figure in figures:
        if figure.key not in ABOUT_PEOPLE:
            continue
        figure.by_service = {
            service: share if per_service.get(service, 0) >= SMALL_GROUP else FEWER
            for service, share in figure.by_service.items()
        }
        if total < SMALL_GROUP:
            figure.hidden = (
                f"Not shown: this is about {FEWER.lower()}, so it could say something about "
                "one person."
            )
            figure.rows = [(f"Not shown: {FEWER.lower()}", ["–"] * len(figure.columns))]
            figure.chart = SafeString("")
    return figures


def _by_service_shares(figures: list[Figure]) -> list[Figure]:
    """The figures with a column in the by service table (each has a share per service)."""
    return [f for f in figures if f.key != "quality-statements"]


def by_service_figure(figures: list[Figure], services: Iterable[Service]) -> Figure:
    """One row for each service: each figure's share over the last 12 months."""
    shares = _by_service_shares(figures)
    return Figure(
        key="by-service",
        title="By service",
        what="Each figure over the last 12 months, for each service.",
        first_column="Service",
        columns=[f.title for f in shares],
        rows=[(s.name, [f.by_service.get(s.pk, NO_DATA) for f in shares]) for s in services],
    )


@dataclass(frozen=True)
class Comparison:
    """The by service chart: the figure it compares the services on (`key`), the figures it
    could compare them on (key, title), and the chart (empty when there is nothing to
    compare)."""

    key: str
    title: str
    choices: list[tuple[str, str]]
    chart: SafeString


def compare_services(
    figures: list[Figure], services: Iterable[Service], *, compare: str = ""
) -> Comparison:
    """The chart of the by service table's column for the figure `compare` (the first when
    it names none), over every one of `services`: the same cells as the table's rows."""
    shares = _by_service_shares(figures)
    chosen = next((f for f in shares if f.key == compare), shares[0])
    measure = chosen.columns[-1].lower() if chosen.columns else "share"
    chart = charts.services_chart(
        chart_id="chart-by-service",
        title=f"{chosen.chart_title or chosen.title}, service by service",
        measure=measure,
        shares=[(s.name, chosen.by_service.get(s.pk, NO_DATA)) for s in services],
    )
    return Comparison(
        key=chosen.key,
        title=chosen.title,
        choices=[(f.key, f.title) for f in shares],
        chart=chart,
    )


# --- Making It Real self-assessment: progress year on year -----------------------------------


@dataclass
class Progress:
    years: list[int]
    rows: list[tuple[str, list[str]]]  # theme name, share for each year
    overall: list[tuple[str, list[str]]]  # one row: "All We statements"
    chart: SafeString


def self_assessment_progress(assessments: QuerySet[Any]) -> Progress:
    """For each theme and year, the share of We statements rated "getting there" or better."""
    from .models import Rating, WeStatementRating

    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    themes: dict[str, tuple[int, str]] = {}
    years: set[int] = set(assessments.values_list("year", flat=True))
    for year, key, name, position, rating in WeStatementRating.objects.filter(
        assessment__in=assessments.values("pk")
    ).values_list(
        "assessment__year",
        "statement__theme__key",
        "statement__theme__name",
        "statement__theme__position",
        "rating",
    ):
        themes.setdefault(key, (position, name))
        for k in (key, "*"):
            counts[(k, year)][1] += 1
            if rating >= Rating.GETTING_THERE:
                counts[(k, year)][0] += 1
    ordered = sorted(years)

    def cells(key: str) -> list[str]:
        return [
            shown(percent(*counts[(key, y)])) if (key, y) in counts else NO_DATA for y in ordered
        ]

    rows = [(name, cells(key)) for key, (_, name) in sorted(themes.items(), key=lambda t: t[1])]
    overall = [("All We statements", cells("*"))]
    bars = [
        charts.Bar(label=str(year), shown=cell, value=charts.share_of(cell))
        for year, cell in zip(ordered, overall[0][1], strict=True)
    ]
    chart = SafeString("")
    if any(b.value is not None for b in bars):
        measure = "share of We statements rated getting there or doing it well"
        chart = charts.bar_chart(
            chart_id="chart-making-it-real",
            title=f"The {measure}, year by year",
            bars=bars,
            description=charts.describe(
                bars, measure=measure, each="year", source="year (the table's last row)"
            ),
        )
    return Progress(years=ordered, rows=rows, overall=overall, chart=chart)


# --- Fetching for the pages ------------------------------------------------------------------


def services_by_name(*, services: QuerySet[Service]) -> QuerySet[Service]:
    """The services by name, with only what the by-service table shows."""
    return services.order_by("name", "pk").only("pk", "name")


def service_scope(*, service: Service) -> Scope:
    """One service's outcomes."""
    return Scope(name=service.name, services=Service.objects.filter(pk=service.pk))


def provider_scope(*, user: Any) -> Scope:
    """The outcomes of the services of the staff member's organisation that they may see."""
    organisation = Organisation.objects.get(pk=standing_of(user).staff_organisation_id or 0)
    return Scope(
        name=organisation.name,
        services=visible_outcome_services(Service.objects.all(), user),
    )


def council_scope(*, user: Any) -> Scope:
    """The outcomes of the people the council worker's council funds, where they live."""
    council_id = standing_of(user).council_id or 0
    council = Organisation.objects.get(pk=council_id)
    return Scope(
        name=council.name,
        services=Service.objects.filter(
            pk__in=council.people_funded.order_by().values("service_id")
        ),
        council_id=council_id,
    )


def active_checkers_of(*, organisation_id: int) -> QuerySet[QualityChecker]:
    """The organisation's active quality checkers, by name, to choose who took part."""
    return (
        QualityChecker.objects.filter(
            person__service__organisation_id=organisation_id, is_active=True
        )
        .select_related("person", "person__service")
        .order_by("person__preferred_name", "pk")
    )


def self_assessments_for(*, user: Any) -> QuerySet[SelfAssessment]:
    """The self-assessments the user may see."""
    return SelfAssessment.objects.visible_to(user)


def newest_first(*, assessments: QuerySet[SelfAssessment]) -> QuerySet[SelfAssessment]:
    """The self-assessments, newest year first."""
    return assessments.order_by("-year")


def self_assessment_for(*, user: Any, assessment_id: Any) -> SelfAssessment | None:
    """One self-assessment the user may see, with its organisation and edition, or None."""
    return (
        SelfAssessment.objects.visible_to(user)
        .select_related("organisation", "edition")
        .filter(pk=assessment_id)
        .first()
    )


def statements_of_edition(*, edition_id: int) -> list[WeStatement]:
    """The edition's We statements, theme by theme, in order."""
    return list(
        WeStatement.objects.filter(theme__edition_id=edition_id)
        .select_related("theme")
        .order_by("theme__position", "position")
    )


def checker_ids_taking_part(*, assessment: SelfAssessment) -> list[int]:
    """The ids of the quality checkers who took part in the self-assessment."""
    return list(assessment.checkers_taking_part.values_list("pk", flat=True))


def checkers_taking_part(*, assessment: SelfAssessment) -> list[QualityChecker]:
    """The quality checkers who took part in the self-assessment, with their person."""
    return list(assessment.checkers_taking_part.select_related("person"))


def actions_of(*, assessment: SelfAssessment) -> list[Any]:
    """The self-assessment's actions, each with its We statement."""
    return list(assessment.actions.select_related("statement"))
