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

from django.db import transaction
from django.db.models import Count, Q
from ortools.graph.python import min_cost_flow

from alongside.organisations.models import Organisation, Service

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
