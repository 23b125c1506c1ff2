from __future__ import annotations

import datetime
import itertools
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.quality.models import PlanProposal
from alongside.quality.planner import CheckerSlot, ServiceToCheck, make_proposals, solve
from tests.factories import (
    PersonFactory,
    ProviderFactory,
    QualityCheckerFactory,
    QualityCheckFactory,
    RegionFactory,
    ServiceFactory,
)


def _slot(pk: int, capacity: int, home: int, region: int = 1, **kw) -> CheckerSlot:  # type: ignore[no-untyped-def]
    return CheckerSlot(
        checker_id=pk, capacity=capacity, home_service_id=home, region_id=region, **kw
    )


def test_the_planner_covers_the_most_services_on_an_example_whose_optimum_is_known() -> None:
    # Ann (1 check) may check 10 or 11; Bo (1 check) only 10. Giving Ann 10 first, as a
    # greedy plan would, covers one service. The best plan covers both.
    checkers = [
        _slot(1, 1, home=99, chosen_service_ids=frozenset({10, 11})),
        _slot(2, 1, home=10),
    ]
    services = [ServiceToCheck(10, 1), ServiceToCheck(11, 1)]
    plan = solve(checkers, services)
    assert {(p.checker_id, p.service_id) for p in plan} == {(1, 11), (2, 10)}


def test_a_checker_checks_their_own_home_first() -> None:
    checkers = [_slot(1, 1, home=10, checks_in_region=True)]
    services = [ServiceToCheck(11, 1), ServiceToCheck(10, 1), ServiceToCheck(12, 1)]
    assert [(p.checker_id, p.service_id) for p in solve(checkers, services)] == [(1, 10)]


def test_a_checker_who_needs_someone_with_them_does_one_check_away_from_home_a_month() -> None:
    checkers = [_slot(1, 3, home=10, checks_in_region=True, away_limit=1)]
    services = [ServiceToCheck(10, 1), ServiceToCheck(11, 1), ServiceToCheck(12, 1)]
    plan = solve(checkers, services)
    assert len(plan) == 2
    assert 10 in {p.service_id for p in plan}


def test_a_checker_is_not_sent_out_of_their_region_or_to_services_they_did_not_choose() -> None:
    checkers = [
        _slot(1, 3, home=10, region=1, checks_in_region=True),
        _slot(2, 3, home=20, region=2, checks_in_region=False),
    ]
    services = [ServiceToCheck(21, 2), ServiceToCheck(11, 1)]
    assert {(p.checker_id, p.service_id) for p in solve(checkers, services)} == {(1, 11)}


def _brute_force_best(checkers: list[CheckerSlot], services: list[ServiceToCheck]) -> int:
    options = []
    for s in services:
        can = [None] + [
            c.checker_id
            for c in checkers
            if c.home_service_id == s.service_id
            or s.service_id in c.chosen_service_ids
            or (c.checks_in_region and c.region_id == s.region_id)
        ]
        options.append(can)
    by_id = {c.checker_id: c for c in checkers}
    best = 0
    for choice in itertools.product(*options):
        used = Counter(c for c in choice if c is not None)
        away = Counter(
            c
            for c, s in zip(choice, services, strict=True)
            if c is not None and by_id[c].home_service_id != s.service_id
        )
        if all(n <= by_id[c].capacity for c, n in used.items()) and all(
            by_id[c].away_limit is None or n <= by_id[c].away_limit for c, n in away.items()
        ):
            best = max(best, sum(1 for c in choice if c is not None))
    return best


@st.composite
def instances(draw):  # type: ignore[no-untyped-def]
    n_services = draw(st.integers(1, 5))
    services = [ServiceToCheck(100 + i, draw(st.integers(1, 2))) for i in range(n_services)]
    ids = [s.service_id for s in services]
    checkers = [
        CheckerSlot(
            checker_id=i,
            capacity=draw(st.integers(0, 2)),
            home_service_id=draw(st.sampled_from([*ids, 999])),
            region_id=draw(st.integers(1, 2)),
            chosen_service_ids=frozenset(draw(st.lists(st.sampled_from(ids), max_size=2))),
            checks_in_region=draw(st.booleans()),
            away_limit=draw(st.sampled_from([None, 0, 1])),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    return checkers, services


@settings(max_examples=150, deadline=None)
@given(instances())
def test_the_planner_never_exceeds_a_limit_and_matches_the_best_possible_cover(instance) -> None:  # type: ignore[no-untyped-def]
    checkers, services = instance
    plan = solve(checkers, services)
    capacity = {c.checker_id: c.capacity for c in checkers}
    per_checker = Counter(p.checker_id for p in plan)
    assert all(n <= capacity[c] for c, n in per_checker.items())
    assert len({p.service_id for p in plan}) == len(plan)  # one checker per service
    by_id = {c.checker_id: c for c in checkers}
    away = Counter(
        p.checker_id for p in plan if by_id[p.checker_id].home_service_id != p.service_id
    )
    assert all(by_id[c].away_limit is None or n <= by_id[c].away_limit for c, n in away.items())
    assert len(plan) == _brute_force_best(checkers, services)


@pytest.mark.django_db
def test_proposals_leave_out_services_already_planned_and_count_checks_already_booked() -> None:
    provider = ProviderFactory()
    region = RegionFactory(organisation=provider)
    home, _near, planned = (
        ServiceFactory(organisation=provider, region=region, name=n)
        for n in ["Home", "Near", "Planned"]
    )
    checker = QualityCheckerFactory(
        person=PersonFactory(service=home), checks_per_month=2, checks_in_region=True
    )
    month = datetime.date(2026, 7, 1)
    # One of their two checks this month is booked already, at "Planned".
    QualityCheckFactory(checker=checker, service=planned, planned_for=datetime.date(2026, 7, 9))
    proposals = make_proposals(organisation=provider, month=month)
    assert [(p.checker, p.service.name, p.reason) for p in proposals] == [
        (checker, "Home", "Lives here")
    ]
    # Planning again replaces the undecided proposals instead of adding more.
    make_proposals(organisation=provider, month=month)
    assert PlanProposal.objects.count() == 1
