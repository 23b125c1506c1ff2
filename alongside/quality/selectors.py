"""Reads for quality checks: coverage, results by I statement, trends, and lists for roles."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncQuarter
from django.http import Http404
from django.utils import timezone

from alongside.organisations.models import Organisation, Region, Service
from alongside.people.models import Person
from alongside.policy import standing_of, visible_quality_services

from .models import (
    Answer,
    AnswerPhoto,
    CheckerTraining,
    Checklist,
    Edition,
    Face,
    IStatement,
    PlanProposal,
    QualityAction,
    QualityCheck,
    QualityChecker,
)

OVERDUE_AFTER_DAYS = 365


# --- Coverage -----------------------------------------------------------------------------


def _trained_checkers() -> QuerySet[QualityChecker]:
    return QualityChecker.objects.filter(is_active=True, trained_on__isnull=False)


def covered_since(*, services: QuerySet[Service]) -> dict[int, datetime.date]:
    """For each covered service, the day it first had a trained checker (living there or
    assigned to it)."""
    since: dict[int, datetime.date] = {}
    service_ids = services.values("pk")
    for service_id, trained_on in (
        _trained_checkers()
        .filter(person__service__in=service_ids)
        .values_list("person__service_id", "trained_on")
    ):
        if trained_on is None:
            continue
        if service_id not in since or trained_on < since[service_id]:
            since[service_id] = trained_on
    for service_id, trained_on in QualityChecker.other_services.through.objects.filter(
        service__in=service_ids,
        qualitychecker__is_active=True,
        qualitychecker__trained_on__isnull=False,
    ).values_list("service_id", "qualitychecker__trained_on"):
        if trained_on is None:
            continue
        if service_id not in since or trained_on < since[service_id]:
            since[service_id] = trained_on
    return since


def services_with_coverage(*, services: QuerySet[Service]) -> QuerySet[Service]:
    """Each service with: has a trained checker, the day of its last check, open actions."""
    lives_there = _trained_checkers().filter(person__service=OuterRef("pk"))
    assigned = _trained_checkers().filter(other_services=OuterRef("pk"))
    last_check = (
        QualityCheck.objects.filter(service=OuterRef("pk"), status=QualityCheck.Status.DONE)
        .order_by()
        .values("service")
        .annotate(last=Max("done_on"))
        .values("last")
    )
    open_actions = (
        QualityAction.objects.filter(service=OuterRef("pk"))
        .exclude(status=QualityAction.Status.CLOSED)
        .order_by()
        .values("service")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        services.select_related("region")
        .annotate(
            has_checker=Exists(lives_there) | Exists(assigned),
            last_checked=Subquery(last_check),
            open_action_count=Coalesce(
                Subquery(open_actions, output_field=IntegerField()), Value(0)
            ),
        )
        .order_by("region__name", "name")
    )


@dataclass(frozen=True)
class RegionCoverage:
    name: str
    services: int
    covered: int

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.services) if self.services else 0


@dataclass(frozen=True)
class MonthCoverage:
    month: datetime.date
    covered: int
    services: int

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.services) if self.services else 0


@dataclass(frozen=True)
class CoverageSummary:
    services: int
    covered: int
    regions: list[RegionCoverage]
    roll_out: list[MonthCoverage]
    open_actions: int

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.services) if self.services else 0


def _month_ends(today: datetime.date, months: int) -> list[datetime.date]:
    """The last day of each of the last `months` months, oldest first (this month: today)."""
    ends = [today]
    first = today.replace(day=1)
    for _ in range(months - 1):
        last_of_previous = first - datetime.timedelta(days=1)
        ends.append(last_of_previous)
        first = last_of_previous.replace(day=1)
    return list(reversed(ends))


def coverage_summary(
    *, services: QuerySet[Service], today: datetime.date, months: int = 24
) -> CoverageSummary:
    """The organisation's share of services covered, by region, and month by month."""
    since = covered_since(services=services)
    rows = list(services.values_list("pk", "region_id"))
    region_names = dict(
        Region.objects.filter(pk__in={r for _, r in rows}).values_list("pk", "name")
    )
    per_region: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for service_id, region_id in rows:
        per_region[region_id][0] += 1
        per_region[region_id][1] += service_id in since
    regions = sorted(
        (
            RegionCoverage(name=region_names[r], services=n, covered=c)
            for r, (n, c) in per_region.items()
        ),
        key=lambda r: r.name,
    )
    dates = sorted(since.values())
    roll_out = []
    for end in _month_ends(today, months):
        covered = sum(1 for d in dates if d <= end)
        roll_out.append(
            MonthCoverage(month=end.replace(day=1), covered=covered, services=len(rows))
        )
    open_actions = (
        QualityAction.objects.filter(service__in=services.values("pk"))
        .exclude(status=QualityAction.Status.CLOSED)
        .count()
    )
    return CoverageSummary(
        services=len(rows),
        covered=len(since),
        regions=regions,
        roll_out=roll_out,
        open_actions=open_actions,
    )


def services_needing_a_check(*, organisation: Organisation, on: datetime.date) -> dict[int, int]:
    """Services with no trained checker, or not checked for a year, and no check planned.
    Returns {service id: region id}."""
    services = Service.objects.filter(organisation=organisation)
    since = covered_since(services=services)
    recently_checked = set(
        QualityCheck.objects.filter(
            service__organisation=organisation,
            status=QualityCheck.Status.DONE,
            done_on__gt=on - datetime.timedelta(days=OVERDUE_AFTER_DAYS),
        ).values_list("service_id", flat=True)
    )
    already_planned = set(
        QualityCheck.objects.filter(
            service__organisation=organisation, status=QualityCheck.Status.PLANNED
        ).values_list("service_id", flat=True)
    )
    return {
        pk: region_id
        for pk, region_id in services.values_list("pk", "region_id")
        if pk not in already_planned and (pk not in since or pk not in recently_checked)
    }


# --- Results by I statement and trends ------------------------------------------------------


@dataclass
class StatementResult:
    statement: IStatement
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def percent_good(self) -> int:
        seen = self.total - self.counts.get(Face.NOT_SEEN, 0)
        if not seen:
            return 0
        return round(100 * (self.counts.get(Face.GOOD, 0) + self.counts.get(Face.OK, 0)) / seen)

    def cells(self) -> list[tuple[str, str, int]]:
        """(face, its words, how many) for each face of the scale."""
        return [(face, str(label), self.counts.get(face, 0)) for face, label in Face.choices]


def _answers_in(services: QuerySet[Service]) -> QuerySet[Answer]:
    return Answer.objects.filter(
        quality_check__service__in=services.values("pk"),
        quality_check__status=QualityCheck.Status.DONE,
    )


def results_by_statement(*, services: QuerySet[Service]) -> list[StatementResult]:
    """For every I statement asked at these services, how many answers of each face."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for statement_id, face, n in (
        _answers_in(services)
        .order_by()
        .values("statement_id", "face")
        .annotate(n=Count("pk"))
        .values_list("statement_id", "face", "n")
    ):
        counts[statement_id][face] = n
    statements = IStatement.objects.filter(pk__in=list(counts)).select_related(
        "theme", "theme__edition"
    )
    return [StatementResult(statement=s, counts=counts[s.pk]) for s in statements]


@dataclass(frozen=True)
class QuarterResult:
    quarter: datetime.date
    counts: dict[str, int]

    @property
    def label(self) -> str:
        return f"{self.quarter.year} Q{(self.quarter.month - 1) // 3 + 1}"

    @property
    def percent_good(self) -> int:
        seen = sum(self.counts.values()) - self.counts.get(Face.NOT_SEEN, 0)
        if not seen:
            return 0
        return round(100 * (self.counts.get(Face.GOOD, 0) + self.counts.get(Face.OK, 0)) / seen)

    def cells(self) -> list[int]:
        return [self.counts.get(face, 0) for face in Face.values]


def trends_by_quarter(*, services: QuerySet[Service]) -> list[QuarterResult]:
    """Answers of each face, quarter by quarter of when the checks were done."""
    by_quarter: dict[datetime.date, dict[str, int]] = defaultdict(dict)
    for quarter, face, n in (
        _answers_in(services)
        .order_by()
        .annotate(quarter=TruncQuarter("quality_check__done_on"))
        .values("quarter", "face")
        .annotate(n=Count("pk"))
        .values_list("quarter", "face", "n")
    ):
        by_quarter[quarter][face] = n
    return [QuarterResult(quarter=q, counts=by_quarter[q]) for q in sorted(by_quarter)]


@dataclass(frozen=True)
class StatementTrend:
    statement: IStatement
    # Good or OK, of the answers that saw it, each quarter; None when nobody saw it.
    percents: list[int | None]


def statement_trends(
    *, services: QuerySet[Service], quarters: int = 4
) -> tuple[list[str], list[StatementTrend]]:
    """For each I statement, the share answered good or OK in each of the last quarters."""
    counts: dict[tuple[int, datetime.date], dict[str, int]] = defaultdict(dict)
    for statement_id, quarter, face, n in (
        _answers_in(services)
        .order_by()
        .annotate(quarter=TruncQuarter("quality_check__done_on"))
        .values("statement_id", "quarter", "face")
        .annotate(n=Count("pk"))
        .values_list("statement_id", "quarter", "face", "n")
    ):
        counts[(statement_id, quarter)][face] = n
    recent = sorted({q for _, q in counts})[-quarters:]
    labels = [QuarterResult(quarter=q, counts={}).label for q in recent]
    statements = IStatement.objects.filter(pk__in={s for s, _ in counts}).select_related("theme")
    trends = []
    for statement in statements:
        percents: list[int | None] = []
        for q in recent:
            c = counts.get((statement.pk, q), {})
            seen = sum(c.values()) - c.get(Face.NOT_SEEN, 0)
            percents.append(QuarterResult(quarter=q, counts=c).percent_good if seen else None)
        trends.append(StatementTrend(statement=statement, percents=percents))
    return labels, trends


def checks_behind_a_result(
    *, checks: QuerySet[QualityCheck], statement_id: int, face: str
) -> QuerySet[QualityCheck]:
    return (
        checks.filter(
            status=QualityCheck.Status.DONE,
            answers__statement_id=statement_id,
            answers__face=face,
        )
        .select_related("service", "service__region")
        .order_by("-done_on", "-id")
    )


# --- Lists --------------------------------------------------------------------------------


def checks_for_list(checks: QuerySet[QualityCheck]) -> QuerySet[QualityCheck]:
    return (
        checks.select_related("service", "checker__person", "checklist")
        .annotate(not_good=Count("answers", filter=Q(answers__face=Face.NOT_GOOD)))
        .order_by("-planned_for", "-id")
    )


def overdue_quality_actions(
    actions: QuerySet[QualityAction], *, today: datetime.date | None = None
) -> QuerySet[QualityAction]:
    """Actions still waiting for the manager after their date: asked of the database."""
    return actions.filter(
        status=QualityAction.Status.OPEN, due_on__lt=today or timezone.localdate()
    )


def actions_for_list(actions: QuerySet[QualityAction]) -> QuerySet[QualityAction]:
    """Actions for a list, each marked `is_overdue` by the database."""
    today = timezone.localdate()
    return (
        actions.select_related("service", "answer__statement", "answer__quality_check")
        .annotate(
            is_overdue=Case(
                When(status=QualityAction.Status.OPEN, due_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("status", "due_on", "id")
    )


def checkers_for_list(checkers: QuerySet[QualityChecker]) -> QuerySet[QualityChecker]:
    return checkers.select_related("person__service__region").annotate(
        checks_done=Count("checks", filter=Q(checks__status=QualityCheck.Status.DONE))
    )


def check_report(*, check: QualityCheck) -> dict[str, Any]:
    """A finished (or planned) check with everything its report shows."""
    answers = list(
        check.answers.select_related("statement__theme")
        .prefetch_related("photos")
        .select_related("action")
    )
    return {
        "answers": answers,
        "statements": list(check.checklist.statements.select_related("theme")),
        "not_good": [a for a in answers if a.face == Face.NOT_GOOD],
        "closed_actions": list(check.closed_actions.select_related("answer__statement")),
    }


# --- Fetching for the pages (each one record, or 404) --------------------------------------


def _first_or_404(queryset: QuerySet[Any]) -> Any:
    found = queryset.first()
    if found is None:
        raise Http404
    return found


def quality_services(*, user: Any) -> QuerySet[Service]:
    """The services whose quality data the user sees."""
    return visible_quality_services(Service.objects.all(), user)


def quality_service(*, user: Any, service_id: int) -> Service:
    """One service whose quality data the user sees, or 404."""
    found: Service = _first_or_404(quality_services(user=user).filter(pk=service_id))
    return found


def signed_in_person(*, user: Any) -> Person:
    """The person we support who is signed in (the policy let them in), with their service."""
    return Person.objects.select_related("service").get(pk=standing_of(user).person_id or 0)


def is_quality_checker(*, person: Person) -> bool:
    return QualityChecker.objects.filter(person=person).exists()


def people_who_may_be_invited(*, service: Service) -> int:
    """How many people at the service have an account and are neither checkers nor invited."""
    return (
        Person.objects.filter(service=service, user__isnull=False)
        .exclude(quality_checker__isnull=False)
        .exclude(volunteer_invitation__isnull=False)
        .count()
    )


def checker_signed_in(*, user: Any) -> QualityChecker | None:
    """The quality checker record of the signed-in person, if they are one."""
    return (
        QualityChecker.objects.select_related("person__service")
        .prefetch_related("training")
        .filter(person_id=standing_of(user).person_id or 0)
        .first()
    )


def checks_of(*, checker: QualityChecker | None) -> QuerySet[QualityCheck]:
    """A checker's checks for a list (none when there is no checker)."""
    if checker is None:
        return QualityCheck.objects.none()
    return checks_for_list(checker.checks.all())


def people_to_sign_up(*, user: Any) -> QuerySet[Person]:
    """People the user sees who are not quality checkers yet, by service and name."""
    return (
        Person.objects.visible_to(user)
        .filter(quality_checker__isnull=True)
        .select_related("service")
        .order_by("service__name", "preferred_name", "pk")
    )


def check_for(*, user: Any, check_id: int) -> QualityCheck:
    """One check the user may open, or 404."""
    found: QualityCheck = _first_or_404(
        QualityCheck.objects.visible_to(user)
        .select_related("service__region", "checker__person", "checklist", "re_check_of")
        .filter(pk=check_id)
    )
    return found


def statements_of(*, check: QualityCheck) -> list[IStatement]:
    """The I statements of the check's checklist, with their themes."""
    return list(check.checklist.statements.select_related("theme"))


def checks_to_list(*, user: Any) -> QuerySet[QualityCheck]:
    """Checks the user sees: planned first, then the newest done."""
    return checks_for_list(QualityCheck.objects.visible_to(user)).order_by(
        "-status", "-planned_for", "-id"
    )


def photo_for(*, user: Any, photo_id: int) -> tuple[AnswerPhoto, QualityCheck]:
    """A photo and the check it belongs to, if the user may open that check; else 404."""
    photo: AnswerPhoto = _first_or_404(
        AnswerPhoto.objects.select_related("answer").filter(pk=photo_id)
    )
    check: QualityCheck = _first_or_404(
        QualityCheck.objects.visible_to(user)
        .select_related("service", "checker")
        .filter(pk=photo.answer.quality_check_id)
    )
    return photo, check


def actions_to_list(*, user: Any, show: str | None) -> QuerySet[QualityAction]:
    """Actions the user sees: the overdue ones, all of them, or (otherwise) those not closed."""
    actions = actions_for_list(QualityAction.objects.visible_to(user))
    if show == "overdue":
        return overdue_quality_actions(actions)
    if show != "all":
        return actions.exclude(status=QualityAction.Status.CLOSED)
    return actions


def action_for(*, user: Any, action_id: int) -> QualityAction:
    """One action the user sees, or 404."""
    found: QualityAction = _first_or_404(
        QualityAction.objects.visible_to(user)
        .select_related("service", "answer__statement", "answer__quality_check")
        .filter(pk=action_id)
    )
    return found


def checkers_to_list(*, user: Any) -> QuerySet[QualityChecker]:
    """Checkers the user sees, by region and name."""
    return checkers_for_list(QualityChecker.objects.visible_to(user)).order_by(
        "person__service__region__name", "person__preferred_name", "pk"
    )


def checker_for(*, user: Any, checker_id: int) -> QualityChecker:
    """One checker the user sees, or 404."""
    found: QualityChecker = _first_or_404(
        QualityChecker.objects.visible_to(user)
        .select_related("person__service__region")
        .filter(pk=checker_id)
    )
    return found


def region_services_for(*, checker: QualityChecker) -> list[Service]:
    """The other services of the checker's organisation in their region, by name."""
    return list(
        Service.objects.filter(
            organisation_id=checker.person.service.organisation_id,
            region_id=checker.person.service.region_id,
        )
        .exclude(pk=checker.person.service_id)
        .order_by("name")
    )


def other_service_ids(*, checker: QualityChecker) -> list[str]:
    """The ids (as form values) of the other services the checker checks."""
    return [str(pk) for pk in checker.other_services.values_list("pk", flat=True)]


def training_of(*, checker: QualityChecker) -> QuerySet[CheckerTraining]:
    return checker.training.all()


def recent_checks_of(*, checker: QualityChecker, limit: int = 10) -> QuerySet[QualityCheck]:
    return checks_for_list(checker.checks.all())[:limit]


def latest_edition_statements() -> list[IStatement]:
    """The I statements of the newest Making It Real edition loaded (none before one is)."""
    edition = Edition.objects.order_by("-loaded_at", "-id").first()
    if edition is None:
        return []
    return list(IStatement.objects.filter(theme__edition=edition).select_related("theme"))


def checklists_with_statements() -> QuerySet[Checklist]:
    return Checklist.objects.select_related("edition").prefetch_related("statements")


def recent_checklists(*, limit: int = 20) -> list[Checklist]:
    """The newest checklists first."""
    return list(Checklist.objects.order_by("-created_at", "-id")[:limit])


def staff_organisation(*, user: Any) -> Organisation:
    """The organisation the signed-in staff member works for (the policy let them in)."""
    return Organisation.objects.get(pk=standing_of(user).staff_organisation_id or 0)


def proposals_for(*, user: Any, month: datetime.date) -> QuerySet[PlanProposal]:
    """The planner's proposals for the month at the user's organisation."""
    return (
        PlanProposal.objects.filter(
            month=month,
            service__organisation_id=standing_of(user).staff_organisation_id or 0,
        )
        .select_related("service__region", "checker__person__service", "planned_check")
        .order_by("status", "service__region__name", "service__name", "pk")
    )


def proposal_for(*, proposal_id: int) -> PlanProposal:
    """One proposal, or 404 (the policy rule decides who may decide it)."""
    found: PlanProposal = _first_or_404(
        PlanProposal.objects.select_related("service__region", "checker__person__service").filter(
            pk=proposal_id
        )
    )
    return found


def chosen_checker(*, checker_id: Any) -> QualityChecker:
    """The checker chosen on a proposal's form (the form offered only eligible ones)."""
    return QualityChecker.objects.get(pk=checker_id)


def chosen_checklist(*, checklist_id: Any) -> Checklist:
    """The checklist chosen on a proposal's form (the form offered only recent ones)."""
    return Checklist.objects.get(pk=checklist_id)


def regions_of(*, services: QuerySet[Service]) -> list[Region]:
    """The regions of these services, by name."""
    return list(Region.objects.filter(pk__in=services.values("region_id")).order_by("name"))


def services_in(*, services: QuerySet[Service], region: Region | None) -> QuerySet[Service]:
    """These services, narrowed to one region when there is one."""
    return services if region is None else services.filter(region=region)


def statement_for(*, statement_id: int) -> IStatement:
    """One I statement, or 404."""
    found: IStatement = _first_or_404(IStatement.objects.filter(pk=statement_id))
    return found


def checks_in_region(*, user: Any, region_id: int | None) -> QuerySet[QualityCheck]:
    """Checks the user sees, narrowed to one region when there is one."""
    checks = QualityCheck.objects.visible_to(user)
    if region_id is not None:
        checks = checks.filter(service__region_id=region_id)
    return checks
