from __future__ import annotations

import datetime
import itertools
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.quality.models import PlanProposal
from alongside.quality.planner import CheckerSlot, ServiceToCheck, make_proposals, solve
from tests.conftest import SignedInClient
from tests.factories import (
    PersonFactory,
    ProviderFactory,
    QualityCheckerFactory,
    QualityCheckFactory,
    RegionFactory,
    ServiceFactory,
)


def _slot(pk: int, capacity: int, home: int, region: int = 1, **kw: Any) -> CheckerSlot:
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


# Checkers and the services they may check, for the planner.
Instance = tuple[list[CheckerSlot], list[ServiceToCheck]]


@st.composite
def instances(draw: st.DrawFn) -> Instance:
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
def test_the_planner_never_exceeds_a_limit_and_matches_the_best_possible_cover(
    instance: Instance,
) -> None:
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


@settings(max_examples=150, deadline=None)
@given(instances())
def test_the_reason_nobody_was_proposed_is_true_of_the_planners_inputs(instance: Instance) -> None:
    from alongside.quality.planner import why_nobody

    checkers, services = instance
    plan = solve(checkers, services)
    given_to = {p.service_id for p in plan}
    used = Counter(p.checker_id for p in plan)
    by_id = {c.checker_id: c for c in checkers}
    away = Counter(
        p.checker_id for p in plan if by_id[p.checker_id].home_service_id != p.service_id
    )
    for s in services:
        if s.service_id in given_to:
            continue
        why = why_nobody(service=s, region_name="South", checkers=checkers, pairings=plan)
        could = {
            c.checker_id
            for c in checkers
            if c.home_service_id == s.service_id
            or s.service_id in c.chosen_service_ids
            or (c.checks_in_region and c.region_id == s.region_id)
        }
        # Every checker who could check here is named once, with what stopped them.
        named = why.no_checks_left | why.away_limit_reached | why.checking_elsewhere
        assert named == could
        assert all(by_id[c].capacity == 0 for c in why.no_checks_left)
        assert all(
            by_id[c].home_service_id != s.service_id and away[c] >= (by_id[c].away_limit or 0)
            for c in why.away_limit_reached
        )
        # "Checking other services": all of their checks (or away checks) are given.
        assert all(
            used[c] >= by_id[c].capacity
            or (by_id[c].away_limit is not None and away[c] >= by_id[c].away_limit)
            for c in why.checking_elsewhere
        )
        in_region = [c for c in checkers if c.region_id == s.region_id]
        if not could and not in_region:
            assert why.sentence == "No trained checker in South region."
        elif not could:
            assert why.sentence == "No trained checker in South region who is willing to travel."
            assert not any(c.checks_in_region for c in in_region)


def test_the_reasons_nobody_was_proposed_read_right_for_one_and_many() -> None:
    from alongside.quality.planner import WhyNobody

    one = WhyNobody(
        service_id=1, region_name="South", checkers_in_region=1, no_checks_left=frozenset({7})
    )
    many = WhyNobody(
        service_id=1,
        region_name="South",
        checkers_in_region=3,
        no_checks_left=frozenset({7, 8}),
        checking_elsewhere=frozenset({9}),
    )
    assert one.sentence == "1 checker who could check here has no checks left this month."
    assert many.sentence == (
        "2 checkers who could check here have no checks left this month; "
        "1 checker who could check here is checking other services this month."
    )


@pytest.mark.django_db
def test_the_planner_page_says_why_it_proposed_nobody_for_a_service(
    signed_in_client: SignedInClient,
) -> None:
    from django.urls import reverse

    from alongside.organisations.models import StaffMember
    from tests.factories import StaffMemberFactory

    provider = ProviderFactory()
    south = RegionFactory(organisation=provider, name="South")
    north = RegionFactory(organisation=provider, name="North")
    home = ServiceFactory(organisation=provider, region=south, name="Oak House")
    ServiceFactory(organisation=provider, region=south, name="Ash Court")
    ServiceFactory(organisation=provider, region=north, name="Fir Lodge")
    # One checker in South, at Oak House, who does not travel.
    QualityCheckerFactory(person=PersonFactory(service=home), checks_in_region=False)
    lead = StaffMemberFactory(organisation=provider, role=StaffMember.Role.QUALITY_LEAD).user
    client = signed_in_client(lead)
    client.post(reverse("quality:planner"))
    body = client.get(reverse("quality:planner")).content.decode()
    assert "Services needing a check with nobody proposed" in body
    import re

    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(
            r'<td class="govuk-table__cell">([^<]+)</td>\s*<td class="govuk-table__cell">[^<]*'
            r'</td>\s*<td class="govuk-table__cell">([^<]+)</td>\s*</tr>',
            body[body.index("with nobody proposed") :],
        )
    }
    assert rows == {
        "Ash Court": "No trained checker in South region who is willing to travel.",
        "Fir Lodge": "No trained checker in North region.",
    }
