"""The pre-computation behind the solver's model: none of it may cut off a valid rota."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.rota import solver
from alongside.rota.checker import breaches_beyond_uncovered, check_rota
from alongside.rota.generator import generate
from alongside.rota.greedy import greedy_rota
from alongside.rota.problem import (
    HardRule,
    RotaProblem,
    RotaWorker,
    SessionKind,
    SupportSession,
    TeamChoices,
    conflict_cliques,
    one_worker_cannot_do_both,
    rest_kept,
)
from alongside.rota.solver import (
    _build,
    _improve_by_groups,
    objective_of,
    solve_rota,
    why_not_eligible,
)
from alongside.rota.start import starting_rota

from .test_solver import rota_problems

HOUR = 60

session_times = st.lists(
    st.tuples(st.integers(0, 4 * 48), st.integers(1, 20)).map(
        lambda t: (t[0] * 30, t[0] * 30 + t[1] * 30)
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(session_times)
def test_the_conflict_groups_hold_every_pair_one_worker_cannot_do_and_no_other_pair(
    times: list[tuple[int, int]],
) -> None:
    cliques = conflict_cliques(times)
    together = {(a, b) for c in cliques for a in c for b in c if a != b}
    for i in range(len(times)):
        for j in range(len(times)):
            if i != j and one_worker_cannot_do_both(times[i], times[j]):
                assert (i, j) in together
    for clique in cliques:
        for n, a in enumerate(clique):
            for b in clique[n + 1 :]:
                assert one_worker_cannot_do_both(times[a], times[b])
    assert {i for c in cliques for i in c} == set(range(len(times)))


@settings(max_examples=200, deadline=None)
@given(session_times)
def test_one_worker_cannot_do_both_agrees_with_the_checkers_rules(
    times: list[tuple[int, int]],
) -> None:
    sessions = [
        SupportSession(id=f"s{i}", people=("p",), start=a, end=b) for i, (a, b) in enumerate(times)
    ]
    for a in sessions:
        for b in sessions:
            if a is not b:
                clash = a.start < b.end and b.start < a.end
                assert one_worker_cannot_do_both((a.start, a.end), (b.start, b.end)) == (
                    clash or not rest_kept(a, b)
                )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rota_problems())
def test_the_model_leaves_out_only_workers_the_checker_would_refuse_on_that_session(
    problem: RotaProblem,
) -> None:
    built = _build(problem)
    refusing = {HardRule.SKILLS, HardRule.AVAILABLE, HardRule.NOT_WANTED, HardRule.PERSONAL_CARE}
    for session in problem.sessions:
        for worker in problem.workers:
            alone = {session.id: (worker.id,)}
            refused = any(b.rule in refusing for b in check_rota(problem, alone))
            assert ((session.id, worker.id) in built.x) == (not refused)
            assert (why_not_eligible(problem, session, worker) is None) == (not refused)


def test_improving_one_household_at_a_time_keeps_every_rule_and_never_costs_more() -> None:
    problem = generate(8, 16, seed=4)
    start = greedy_rota(problem)
    built = _build(problem)
    domains = [list(v.domain) for v in built.model.proto.variables]
    better, _work = _improve_by_groups(problem, built, start, deadline=float("inf"), seconds_each=1)
    # Every session's workers were fixed only while its neighbours were re-solved.
    assert [list(v.domain) for v in built.model.proto.variables] == domains
    short = {s.id for s in problem.sessions if len(better[s.id]) < s.workers_needed}
    assert breaches_beyond_uncovered(problem, better, short) == []
    assert objective_of(problem, better) <= objective_of(problem, start)


def test_a_service_with_many_households_is_solved_within_the_rules() -> None:
    problem = generate(16, 30, seed=2)  # four households: the start is improved first
    result = solve_rota(problem, time_limit_seconds=8)
    flagged = {u.session_id for u in result.uncovered}
    assert breaches_beyond_uncovered(problem, result.rota, flagged) == []
    assert objective_of(problem, result.rota) <= objective_of(problem, greedy_rota(problem))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rota_problems())
def test_the_quick_start_keeps_every_rule_and_is_never_worse_than_greedy(
    problem: RotaProblem,
) -> None:
    start = starting_rota(problem)
    short = {s.id for s in problem.sessions if len(start[s.id]) < s.workers_needed}
    assert breaches_beyond_uncovered(problem, start, short) == []
    assert objective_of(problem, start) <= objective_of(problem, greedy_rota(problem))


@st.composite
def houses_with_shared_nights(draw: st.DrawFn) -> RotaProblem:
    """A house whose sleep-ins one worker often cannot do alone: the cuts' own ground."""
    house = tuple(f"p{i}" for i in range(draw(st.integers(1, 3))))
    nights = draw(st.integers(2, 7))
    sessions = list(_sleep_ins(house=house, nights=nights))
    sessions += [
        SupportSession(
            id=f"day-{d}", people=(house[0],), start=(d * 24 + 9) * HOUR, end=(d * 24 + 14) * HOUR
        )
        for d in range(draw(st.integers(0, 3)))
    ]
    workers = tuple(
        RotaWorker(
            id=f"w{i}",
            max_minutes=draw(st.integers(9, 60)) * HOUR,
            opted_out_of_48_hours=draw(st.booleans()),
            contracted_minutes=draw(st.integers(0, 30)) * HOUR,
        )
        for i in range(draw(st.integers(1, 4)))
    )
    chosen = draw(st.lists(st.sampled_from([w.id for w in workers]), max_size=2, unique=True))
    return RotaProblem(
        sessions=tuple(sessions),
        workers=workers,
        choices={house[0]: TeamChoices(preferred=frozenset(chosen))},
    )


def _optimum(problem: RotaProblem) -> float:
    result = solve_rota(problem, time_limit_seconds=30)
    assert result.status == "optimal"
    return result.objective


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(houses_with_shared_nights(), rota_problems()))
def test_the_fewest_workers_cuts_never_change_the_best_rota_cost(
    problem: RotaProblem,
) -> None:
    # Every service gets the cuts here, one house or more, so that the property is tested.
    with patch.object(solver, "MIN_GROUPS_FOR_CUTS", 1):
        with_cuts = _optimum(problem)
    with patch.object(solver, "_add_fewest_workers_cuts", return_value=[]):
        without_cuts = _optimum(problem)
    assert with_cuts == without_cuts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(houses_with_shared_nights(), rota_problems()))
def test_fixing_every_place_as_covered_when_the_start_covers_them_never_changes_the_best_cost(
    problem: RotaProblem,
) -> None:
    with_start_known = _optimum(problem)
    with patch.object(solver, "_covers_every_place", return_value=False):
        without = _optimum(problem)
    assert with_start_known == without


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(houses_with_shared_nights(), rota_problems()))
def test_the_team_size_cuts_never_change_the_best_rota_cost(problem: RotaProblem) -> None:
    with_cuts = _optimum(problem)
    with patch.object(solver, "_add_team_size_cuts"):
        without_cuts = _optimum(problem)
    assert with_cuts == without_cuts


def test_a_person_needing_more_hours_than_one_worker_may_give_gets_a_team_of_at_least_two() -> None:
    days = tuple(
        SupportSession(
            id=f"d{d}", people=("ann",), start=(d * 24 + 8) * HOUR, end=(d * 24 + 18) * HOUR
        )
        for d in range(6)
    )
    problem = RotaProblem(
        sessions=days,
        workers=(
            RotaWorker(id="w1", max_minutes=40 * HOUR),
            RotaWorker(id="w2", max_minutes=40 * HOUR),
        ),
    )
    built = _build(problem)
    solver._add_team_size_cuts(problem, built)
    cut = built.model.proto.constraints[-1].linear
    used = {built.used["ann", "w1"].index, built.used["ann", "w2"].index}
    assert set(cut.vars) == used
    assert next(iter(cut.domain)) == 2  # 60 hours from workers of 40 at most: two of them


def test_a_week_whose_start_leaves_a_place_empty_is_still_solved_with_that_place_flagged() -> None:
    # Nobody may do the night: the start leaves it empty, so no place may be fixed as
    # covered (the model would have no rota at all, and the start would come back).
    problem = RotaProblem(
        sessions=(
            SupportSession(id="day", people=("ann",), start=9 * HOUR, end=14 * HOUR),
            SupportSession(
                id="night",
                people=("ann",),
                start=22 * HOUR,
                end=31 * HOUR,
                skills=frozenset({"epilepsy"}),
            ),
        ),
        workers=(RotaWorker(id="w1"), RotaWorker(id="w2")),
        choices={"ann": TeamChoices(preferred=frozenset({"w2"}))},
    )
    assert not solver._covers_every_place(problem, starting_rota(problem))
    result = solve_rota(problem, time_limit_seconds=10)
    assert result.status == "optimal"
    assert result.rota["day"] == ("w2",)
    assert [u.session_id for u in result.uncovered] == ["night"]


def _sleep_ins(*, house: tuple[str, ...], nights: int) -> tuple[SupportSession, ...]:
    return tuple(
        SupportSession(
            id=f"sleep-in-{day}",
            people=house,
            start=(day * 24 + 22) * HOUR,
            end=(day * 24 + 31) * HOUR,
            kind=SessionKind.SLEEP_IN,
        )
        for day in range(nights)
    )


def test_a_house_needing_two_sleep_in_workers_gets_a_cut_and_the_best_rota_keeps_it() -> None:
    sleep_ins = _sleep_ins(house=("ann", "bea"), nights=7)
    workers = (RotaWorker(id="sam"), RotaWorker(id="kim"), RotaWorker(id="lou"))
    problem = RotaProblem(sessions=sleep_ins, workers=workers)
    # One house alone is solved without the cuts (search proves it quickly).
    assert _build(problem).shared_by == []
    with patch.object(solver, "MIN_GROUPS_FOR_CUTS", 1):
        built = _build(problem)
        # 63 hours of sleep-ins, at most 48 each: one "does some" per worker who can do them.
        assert sorted(wid for _, wid, _ in built.shared_by) == ["kim", "lou", "sam"]
        result = solve_rota(problem, time_limit_seconds=10)
    assert result.uncovered == []
    assert len({w for ws in result.rota.values() for w in ws}) == 2


def test_when_only_one_worker_can_do_the_sleep_ins_the_rest_are_flagged_not_refused() -> None:
    sleep_ins = _sleep_ins(house=("ann", "bea"), nights=7)
    problem = RotaProblem(sessions=sleep_ins, workers=(RotaWorker(id="sam"),))
    with patch.object(solver, "MIN_GROUPS_FOR_CUTS", 1):
        result = solve_rota(problem, time_limit_seconds=10)
    # 48 hours is five nine-hour nights: the other two are flagged with a reason.
    assert sum(1 for ws in result.rota.values() if ws == ("sam",)) == 5
    assert len(result.uncovered) == 2
    assert all("used up their hours" in u.reason for u in result.uncovered)


def test_a_service_with_two_households_gets_the_cuts_for_each_houses_sleep_ins() -> None:
    sessions = _sleep_ins(house=("ann", "bea"), nights=7) + tuple(
        SupportSession(
            id=f"other-{s.id}", people=("cal", "dev"), start=s.start, end=s.end, kind=s.kind
        )
        for s in _sleep_ins(house=("cal", "dev"), nights=7)
    )
    workers = tuple(RotaWorker(id=f"w{i}") for i in range(4))
    built = _build(RotaProblem(sessions=sessions, workers=workers))
    assert len(built.shared_by) == 2 * len(workers)
