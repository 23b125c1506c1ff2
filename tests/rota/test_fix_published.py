"""A choice made after publishing: "Fix this" mends the week with the fewest changes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.rota import solver
from alongside.rota.checker import breaches_beyond_uncovered, check_rota
from alongside.rota.problem import (
    Rota,
    RotaProblem,
    RotaWorker,
    SupportSession,
    TeamChoices,
    overlaps,
    rest_kept,
)
from alongside.rota.solver import repair_rota, solve_rota, why_not_eligible

from .test_solver import rota_problems

HOUR = 60


def _one_by_one(problem: RotaProblem, rota: Rota) -> Rota | None:
    """Another way to mend it: take off each breaking worker and put on, place by place,
    any worker who keeps every rule with the rest as it is. None if that leaves a gap."""
    breaking = {(b.session_id, b.worker_id) for b in check_rota(problem, rota) if b.worker_id}
    mended = {sid: [w for w in ws if (sid, w) not in breaking] for sid, ws in rota.items()}
    sessions = {s.id: s for s in problem.sessions}
    for sid, ws in mended.items():
        s = sessions[sid]
        while len(ws) < s.workers_needed and len(rota[sid]) >= s.workers_needed:
            for wk in problem.workers:
                if wk.id in ws or why_not_eligible(problem, s, wk):
                    continue
                theirs = [sessions[o] for o, on in mended.items() if wk.id in on]
                if any(
                    overlaps(o.start, o.end, s.start, s.end) or not rest_kept(o, s) for o in theirs
                ):
                    continue
                if sum(o.minutes for o in theirs) + s.minutes > wk.limit_minutes:
                    continue
                ws.append(wk.id)
                break
            else:
                return None
    return {sid: tuple(ws) for sid, ws in mended.items()}


def _changed_places(before: Rota, after: Rota) -> int:
    return sum(len(set(ws) - set(after.get(sid, ()))) for sid, ws in before.items())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rota_problems(), st.data())
def test_fix_this_removes_the_breach_of_a_rather_not_after_publishing_with_the_fewest_changes(
    problem: RotaProblem, data: st.DataObject
) -> None:
    published = solve_rota(problem, deterministic_time=0.05, num_workers=1).rota
    worked = [(sid, w) for sid, ws in published.items() for w in ws]
    if not worked:
        return
    sid, worker = data.draw(st.sampled_from(worked))
    session = next(s for s in problem.sessions if s.id == sid)
    person = session.people[0]
    # After publishing, the person says "rather not" to a worker on one of their sessions.
    old = problem.choices_of(person)
    now = replace(
        problem,
        choices={
            **problem.choices,
            person: replace(
                old, not_wanted=old.not_wanted | {worker}, preferred=old.preferred - {worker}
            ),
        },
    )
    before_breaches = check_rota(now, published)
    assert any(b.worker_id == worker and b.session_id == sid for b in before_breaches)

    fixed = repair_rota(now, published, time_limit_seconds=20, deterministic_time=None)

    flagged = {u.session_id for u in fixed.uncovered}
    assert breaches_beyond_uncovered(now, fixed.rota, flagged) == []
    must = {(b.session_id, b.worker_id) for b in before_breaches if b.worker_id}
    assert must <= {(s, off) for s, off, _ in fixed.changes}
    # Never more changes than mending place by place, and no gap that way avoids.
    if fixed.status == "mended":  # the quick answer: only the broken places changed
        assert {(s, off) for s, off, _ in fixed.changes} == must
        assert not fixed.uncovered
    other = _one_by_one(now, published)
    if other is not None and fixed.status == "optimal":

        def gaps(rota: Rota) -> int:
            return sum(max(0, s.workers_needed - len(rota.get(s.id, ()))) for s in now.sessions)

        # Covering a place comes first (a gap left open is worse than a change), so "fewest
        # changes" is among rotas with as few gaps: a fix that also fills an old gap may
        # change more places than mending the broken one alone.
        assert gaps(fixed.rota) <= gaps(other)
        if gaps(fixed.rota) == gaps(other):
            assert _changed_places(published, fixed.rota) <= _changed_places(published, other)


def test_fix_this_changes_only_the_broken_shift_and_gives_it_to_a_chosen_worker() -> None:
    days = [
        SupportSession(f"d{i}", ("josie",), (24 * i + 9) * HOUR, (24 * i + 12) * HOUR)
        for i in range(5)
    ]
    problem = RotaProblem(
        sessions=tuple(days),
        workers=(RotaWorker("tony"), RotaWorker("sue"), RotaWorker("ali")),
        choices={"josie": TeamChoices(preferred=frozenset({"tony", "sue"}))},
    )
    published = {"d0": ("tony",), "d1": ("tony",), "d2": ("sue",), "d3": ("tony",), "d4": ("sue",)}
    now = replace(
        problem,
        choices={
            "josie": TeamChoices(preferred=frozenset({"sue"}), not_wanted=frozenset({"tony"}))
        },
    )

    fixed = repair_rota(now, published)

    assert sorted(fixed.changes) == [
        ("d0", "tony", "sue"),
        ("d1", "tony", "sue"),
        ("d3", "tony", "sue"),
    ]
    assert fixed.rota == {sid: ("sue",) for sid in published}
    assert check_rota(now, fixed.rota) == []


def _first_person_says_rather_not(
    size: str,
) -> tuple[RotaProblem, Rota, set[tuple[str, str | None]]]:
    """A generated week published as its starting rota; then the first session's person
    says "rather not" about its worker. Returns the week now, the published rota and the
    places that broke a rule."""
    from alongside.rota.generator import generate_size
    from alongside.rota.start import starting_rota

    problem = generate_size(size, seed=1)
    published = starting_rota(problem)
    first = problem.sessions[0]
    person, worker = first.people[0], published[first.id][0]
    old = problem.choices_of(person)
    choice = replace(old, not_wanted=old.not_wanted | {worker}, preferred=old.preferred - {worker})
    now = replace(problem, choices={**problem.choices, person: choice})
    broken = {(b.session_id, b.worker_id) for b in check_rota(now, published) if b.worker_id}
    return now, published, broken


def test_when_fix_this_runs_out_of_time_each_broken_place_is_still_filled_by_a_free_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now, published, broken = _first_person_says_rather_not("typical")

    # Force the solver's path (the quick mend would answer this one) and give it no time.
    monkeypatch.setattr(solver, "_mend_if_fewest", lambda problem, rota: None)
    fixed = repair_rota(now, published, deterministic_time=1e-6)

    assert fixed.status == "start"
    assert fixed.uncovered == []
    assert check_rota(now, fixed.rota) == []
    assert len(fixed.changes) == len(broken)


def test_fix_this_on_a_large_week_mends_only_the_broken_places_without_the_whole_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now, published, broken = _first_person_says_rather_not("large")

    def no_model(problem: RotaProblem) -> None:
        raise AssertionError("the whole week's model was built")

    monkeypatch.setattr(solver, "_build", no_model)
    fixed = repair_rota(now, published)

    assert fixed.status == "mended"
    assert {(s, off) for s, off, _ in fixed.changes} == broken
    assert fixed.uncovered == []
    assert check_rota(now, fixed.rota) == []
