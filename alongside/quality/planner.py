"""The planner: which trained checker checks which uncovered or overdue service this month.

It is a min-cost maximum flow (OR-Tools): source → checker (capacity: the checks they
still want this month) → service they may check → sink (capacity 1). The maximum flow is
the most services that can be checked; among those plans, the cheapest prefers a checker's
own home (cost 0), then services they chose (1), then others in their region (3). A checker
who needs someone to go with them does at most one check away from home a month.
See docs/adr/0031-quality-planner.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from ortools.graph.python import min_cost_flow

from alongside.organisations.models import Organisation, Service
from alongside.words import counted

from .models import Need, PlanProposal, QualityCheck, QualityChecker
from .selectors import services_needing_a_check

COST_HOME, COST_CHOSEN, COST_REGION = 0, 1, 3
# A checker who needs someone to go with them is proposed for at most this many checks away
# from their home a month, so the team at their home can plan who goes with them.
AWAY_WITH_COMPANION = 1


@dataclass(frozen=True)
class CheckerSlot:
    """What the planner knows about one checker."""

    checker_id: int
    capacity: int
    home_service_id: int
    region_id: int
    chosen_service_ids: frozenset[int] = field(default_factory=frozenset)
    checks_in_region: bool = False
    # At most this many checks away from home (someone must go with them); None: no limit.
    away_limit: int | None = None


@dataclass(frozen=True)
class ServiceToCheck:
    service_id: int
    region_id: int


@dataclass(frozen=True)
class Pairing:
    checker_id: int
    service_id: int
    cost: int


def solve(checkers: Sequence[CheckerSlot], services: Sequence[ServiceToCheck]) -> list[Pairing]:
    """The most services covered without any checker going over their limit; among the
    plans that cover the most, the one that keeps checkers closest to home."""
    by_region: dict[int, list[ServiceToCheck]] = {}
    for s in services:
        by_region.setdefault(s.region_id, []).append(s)
    wanted = {s.service_id for s in services}
    # Nodes: 0 source, 1 sink, then checkers, then services.
    source, sink = 0, 1
    checker_node = {c.checker_id: 2 + i for i, c in enumerate(checkers)}
    service_node = {s.service_id: 2 + len(checkers) + i for i, s in enumerate(services)}
    next_node = 2 + len(checkers) + len(services)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs: list[tuple[int, int, int, int]] = []  # arc index, checker, service, cost
    for c in checkers:
        if c.capacity <= 0:
            continue
        flow.add_arc_with_capacity_and_unit_cost(source, checker_node[c.checker_id], c.capacity, 0)
        away_node = checker_node[c.checker_id]
        if c.away_limit is not None and c.away_limit < c.capacity:
            # Checks away from home pass through one more node that holds the limit.
            away_node, next_node = next_node, next_node + 1
            flow.add_arc_with_capacity_and_unit_cost(
                checker_node[c.checker_id], away_node, c.away_limit, 0
            )
        costs: dict[int, int] = {}
        if c.checks_in_region:
            for s in by_region.get(c.region_id, []):
                costs[s.service_id] = COST_REGION
        for service_id in c.chosen_service_ids & wanted:
            costs[service_id] = COST_CHOSEN
        if c.home_service_id in wanted:
            costs[c.home_service_id] = COST_HOME
        for service_id, cost in costs.items():
            start = checker_node[c.checker_id] if service_id == c.home_service_id else away_node
            arc = flow.add_arc_with_capacity_and_unit_cost(start, service_node[service_id], 1, cost)
            arcs.append((arc, c.checker_id, service_id, cost))
    for s in services:
        flow.add_arc_with_capacity_and_unit_cost(service_node[s.service_id], sink, 1, 0)
    if not arcs:
        return []
    # The source offers every check the checkers want; the sink takes one per service.
    offered = sum(max(0, c.capacity) for c in checkers)
    flow.set_node_supply(source, offered)
    flow.set_node_supply(sink, -offered)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"The planner could not find a plan (status {status}).")
    return [
        Pairing(checker_id=c, service_id=s, cost=cost)
        for arc, c, s, cost in arcs
        if flow.flow(arc) > 0
    ]


@dataclass(frozen=True)
class WhyNobody:
    """Why the planner proposed nobody for one service, from its own inputs and plan: the
    checkers who could check it (they live there, chose it, or check in its region) sorted
    by what stopped each one."""

    service_id: int
    region_name: str
    checkers_in_region: int  # trained checkers living in the region, willing to travel or not
    no_checks_left: frozenset[int] = frozenset()
    away_limit_reached: frozenset[int] = frozenset()
    checking_elsewhere: frozenset[int] = frozenset()

    @property
    def sentence(self) -> str:
        region = f"{self.region_name} region"
        if not (self.no_checks_left or self.away_limit_reached or self.checking_elsewhere):
            if not self.checkers_in_region:
                return f"No trained checker in {region}."
            return f"No trained checker in {region} who is willing to travel."
        parts = [
            counted(len(ids), one, many)
            for ids, one, many in (
                (
                    self.no_checks_left,
                    "checker who could check here has no checks left this month",
                    "checkers who could check here have no checks left this month",
                ),
                (
                    self.away_limit_reached,
                    "checker who could check here already has their checks away from home",
                    "checkers who could check here already have their checks away from home",
                ),
                (
                    self.checking_elsewhere,
                    "checker who could check here is checking other services this month",
                    "checkers who could check here are checking other services this month",
                ),
            )
            if ids
        ]
        return "; ".join(parts) + "."


def why_nobody(
    *,
    service: ServiceToCheck,
    region_name: str,
    checkers: Sequence[CheckerSlot],
    pairings: Sequence[Pairing],
) -> WhyNobody:
    """The true reason nobody was proposed for `service` in `pairings` (from `solve`)."""
    could = [
        c
        for c in checkers
        if c.home_service_id == service.service_id
        or service.service_id in c.chosen_service_ids
        or (c.checks_in_region and c.region_id == service.region_id)
    ]
    by_checker = {c.checker_id: c for c in checkers}
    used: dict[int, int] = {}
    away: dict[int, int] = {}
    for p in pairings:
        used[p.checker_id] = used.get(p.checker_id, 0) + 1
        if by_checker[p.checker_id].home_service_id != p.service_id:
            away[p.checker_id] = away.get(p.checker_id, 0) + 1
    full, away_done, busy = set(), set(), set()
    for c in could:
        if c.capacity <= 0:
            full.add(c.checker_id)
        elif (
            c.home_service_id != service.service_id
            and c.away_limit is not None
            and away.get(c.checker_id, 0) >= c.away_limit
        ):
            away_done.add(c.checker_id)
        else:
            # A best plan leaves nobody free who could take this service (else it would
            # have been given), so this checker's checks are all given elsewhere.
            busy.add(c.checker_id)
    return WhyNobody(
        service_id=service.service_id,
        region_name=region_name,
        checkers_in_region=sum(1 for c in checkers if c.region_id == service.region_id),
        no_checks_left=frozenset(full),
        away_limit_reached=frozenset(away_done),
        checking_elsewhere=frozenset(busy),
    )


def unplanned_services(*, organisation: Organisation, month: datetime.date) -> list[Any]:
    """The services needing a check this month that the planner proposed nobody for, each
    with the true reason (`service.why_nobody`), worked out from the planner's inputs."""
    month = first_of_month(month)
    targets = services_needing_a_check(organisation=organisation, on=month)
    proposed = set(
        PlanProposal.objects.filter(month=month, service__organisation=organisation).values_list(
            "service_id", flat=True
        )
    )
    missing = {pk: region for pk, region in targets.items() if pk not in proposed}
    if not missing:
        return []
    slots = checker_slots(organisation=organisation, month=month)
    services = [ServiceToCheck(service_id=s, region_id=r) for s, r in targets.items()]
    pairings = solve(slots, services)
    rows = list(
        Service.objects.filter(pk__in=list(missing))
        .select_related("region")
        .order_by("region__name", "name")
    )
    given = {p.service_id for p in pairings}
    for row in rows:
        if row.pk in given:  # things changed since the proposals were made
            row.why_nobody = "A checker can be proposed now. Make proposals again."  # type: ignore[attr-defined]
            continue
        row.why_nobody = why_nobody(  # type: ignore[attr-defined]
            service=ServiceToCheck(service_id=row.pk, region_id=row.region_id),
            region_name=row.region.name,
            checkers=slots,
            pairings=pairings,
        ).sentence
    return rows


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def checker_slots(*, organisation: Organisation, month: datetime.date) -> list[CheckerSlot]:
    """Trained, active checkers at the organisation's services, with checks left this month."""
    end = _next_month(month)
    checkers = (
        QualityChecker.objects.filter(
            is_active=True,
            trained_on__isnull=False,
            person__service__organisation=organisation,
        )
        .annotate(
            booked=Count(
                "checks",
                filter=Q(checks__planned_for__gte=month, checks__planned_for__lt=end),
            )
        )
        .values_list(
            "pk",
            "checks_per_month",
            "booked",
            "person__service_id",
            "person__service__region_id",
            "needs",
        )
        .order_by("pk")
    )
    chosen: dict[int, set[int]] = {}
    for checker_id, service_id in QualityChecker.other_services.through.objects.filter(
        qualitychecker__person__service__organisation=organisation
    ).values_list("qualitychecker_id", "service_id"):
        chosen.setdefault(checker_id, set()).add(service_id)
    in_region = set(
        QualityChecker.objects.filter(
            person__service__organisation=organisation, checks_in_region=True
        ).values_list("pk", flat=True)
    )
    return [
        CheckerSlot(
            checker_id=pk,
            capacity=max(0, limit - booked),
            home_service_id=home,
            region_id=region,
            chosen_service_ids=frozenset(chosen.get(pk, ())),
            checks_in_region=pk in in_region,
            away_limit=AWAY_WITH_COMPANION if Need.COMPANION in (needs or []) else None,
        )
        for pk, limit, booked, home, region, needs in checkers
    ]


REASONS = {
    COST_HOME: "Lives here",
    COST_CHOSEN: "Chose to check here",
    COST_REGION: "In their region",
}


def make_proposals(*, organisation: Organisation, month: datetime.date) -> list[PlanProposal]:
    """Replace this month's undecided proposals with a new plan from the solver."""
    month = first_of_month(month)
    targets = services_needing_a_check(organisation=organisation, on=month)
    slots = checker_slots(organisation=organisation, month=month)
    pairings = solve(slots, [ServiceToCheck(service_id=s, region_id=r) for s, r in targets.items()])
    needs = dict(
        QualityChecker.objects.filter(pk__in=[p.checker_id for p in pairings]).values_list(
            "pk", "needs"
        )
    )
    labels = dict(Need.choices)
    with transaction.atomic():
        PlanProposal.objects.filter(
            month=month, status=PlanProposal.Status.PROPOSED, service__organisation=organisation
        ).delete()
        proposals = PlanProposal.objects.bulk_create(
            PlanProposal(
                month=month,
                service_id=p.service_id,
                checker_id=p.checker_id,
                reason=REASONS[p.cost]
                + "".join(f"; needs {str(labels[n]).lower()}" for n in needs.get(p.checker_id, [])),
            )
            for p in pairings
        )
    return proposals


def eligible_checkers(*, service: Service) -> list[QualityChecker]:
    """Trained checkers who may check this service: who live there, chose it, or check in
    its region. The quality lead chooses among them to change a proposal."""
    return list(
        QualityChecker.objects.filter(is_active=True, trained_on__isnull=False)
        .filter(
            Q(person__service=service)
            | Q(other_services=service)
            | Q(checks_in_region=True, person__service__region_id=service.region_id)
        )
        .select_related("person")
        .distinct()
        .order_by("person__preferred_name")[:50]
    )


def planned_this_month(*, checker: QualityChecker, month: datetime.date) -> int:
    return QualityCheck.objects.filter(
        checker=checker, planned_for__gte=month, planned_for__lt=_next_month(month)
    ).count()
