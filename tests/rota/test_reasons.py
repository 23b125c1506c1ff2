"""Every reason given for "your chosen worker is not with you" is true: giving that session
to the chosen worker breaks the rule named, or costs what is named."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.rota.checker import check_rota
from alongside.rota.explain import RULE_OF_REASON, explain_for_person, reason_not_given
from alongside.rota.problem import (
    HardRule,
    Rota,
    RotaProblem,
    RotaWeights,
    RotaWorker,
    SupportSession,
    TeamChoices,
)
from alongside.rota.solver import WhyNot, objective_of, solve_rota

from .test_solver import rota_problems

HOUR = 60


def _trials(problem: RotaProblem, rota: Rota, session: SupportSession, worker: str, person: str):
    """Every way to give the session to the worker: in place of one the person did not
    choose, or in an empty place."""
    on_it = rota.get(session.id, ())
    preferred = problem.choices_of(person).preferred
    places: list[str | None] = [w for w in on_it if w not in preferred]
    if len(on_it) < session.workers_needed:
        places.append(None)
    for instead in places:
        kept = [w for w in on_it if w != instead][: session.workers_needed - 1]
        yield {**rota, session.id: (*kept, worker)}


def _teams(problem: RotaProblem, rota: Rota) -> dict[str, int]:
    team: dict[str, set[str]] = defaultdict(set)
    for s in problem.sessions:
        for p in s.people:
            team[p].update(rota.get(s.id, ()))
    return {p: len(t) for p, t in team.items()}


def _short(problem: RotaProblem, rota: Rota) -> int:
    worked: dict[str, int] = defaultdict(int)
    for s in problem.sessions:
        for w in rota.get(s.id, ()):
            worked[w] += s.minutes
    return sum(max(0, w.contracted_minutes - worked[w.id]) for w in problem.workers)


def _unchosen_minutes(problem: RotaProblem, rota: Rota, person: str) -> int:
    chosen = problem.choices_of(person).preferred
    return sum(
        s.minutes
        for s in problem.sessions
        if person in s.people
        for w in rota.get(s.id, ())
        if chosen and w not in chosen
    )


def _is_true(
    problem: RotaProblem, rota: Rota, session: SupportSession, worker: str, person: str, why: str
) -> bool:
    on_it = set(rota.get(session.id, ()))
    if why == WhyNot.CHOSEN_OTHER:
        return bool(problem.choices_of(person).preferred & on_it)
    trials = list(_trials(problem, rota, session, worker, person))
    if why == WhyNot.OTHER_NEED and trials:
        # Someone else's "rather not" or personal-care rule, or their chosen hours.
        rules = {HardRule.NOT_WANTED, HardRule.PERSONAL_CARE}
        if all(
            any(b.rule in rules and b.worker_id == worker for b in check_rota(problem, t))
            for t in trials
        ):
            return True
    if why in RULE_OF_REASON:
        rule = RULE_OF_REASON[why]
        return all(
            any(b.rule == rule and b.worker_id == worker for b in check_rota(problem, t))
            for t in trials
        )
    keeping = [
        t for t in trials if not [b for b in check_rota(problem, t) if b.worker_id == worker]
    ]
    if why == WhyNot.NOT_FOUND:
        return any(objective_of(problem, t) <= objective_of(problem, rota) for t in keeping)
    # A trade-off: every way of giving it costs more in all, and the part named rises.
    if not keeping or any(objective_of(problem, t) <= objective_of(problem, rota) for t in keeping):
        return False
    w = problem.weights
    before_teams, before_short = _teams(problem, rota), _short(problem, rota)
    others = [p for p in {p for s in problem.sessions for p in s.people} if p != person]
    for t in keeping:
        after_teams = _teams(problem, t)
        rises = {
            WhyNot.NEW_WORKER_FOR_OTHERS: w.continuity
            and sum(after_teams.get(p, 0) - before_teams.get(p, 0) for p in others) > 0,
            WhyNot.MORE_WORKERS_FOR_YOU: w.continuity
            and after_teams.get(person, 0) > before_teams.get(person, 0),
            WhyNot.CONTRACT: w.contracted_hours and _short(problem, t) > before_short,
            WhyNot.OTHER_NEED: w.preferred_hours
            and sum(
                _unchosen_minutes(problem, t, p) - _unchosen_minutes(problem, rota, p)
                for p in others
            )
            > 0,
            WhyNot.FAIR: w.fair_weekends_nights > 0,
        }
        if rises.get(why):
            return True
    return False


weights = st.builds(
    RotaWeights,
    preferred_hours=st.integers(0, 10),
    continuity=st.integers(0, 30),
    contracted_hours=st.integers(0, 3),
    fair_weekends_nights=st.sampled_from([0, 0, 20]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rota_problems(), weights)
def test_every_reason_a_chosen_worker_is_not_with_the_person_is_true(
    problem: RotaProblem, w: RotaWeights
) -> None:
    problem = replace(problem, weights=w)
    rota = solve_rota(problem, deterministic_time=0.05, num_workers=1).rota
    sessions = {s.id: s for s in problem.sessions}
    for person in problem.choices:
        why = explain_for_person(problem, rota, person)
        for note in why.chosen:
            for s in problem.sessions:
                if person not in s.people or note.worker_id in rota.get(s.id, ()):
                    continue
                reason = reason_not_given(problem, rota, sessions[s.id], note.worker_id, person)
                assert _is_true(problem, rota, s, note.worker_id, person, reason), reason
            if w.fair_weekends_nights == 0:
                assert WhyNot.FAIR not in dict(note.reasons)


def test_with_the_fairness_weight_at_zero_a_housemates_new_worker_is_the_reason_given() -> None:
    # Ann and Bea share an evening; Bea chose Cal and has him; Ann chose Dee, who is with
    # her on Tuesday. Giving the shared evening to Dee would mean a new worker for Bea.
    shared = SupportSession("eve", ("ann", "bea"), 18 * HOUR, 21 * HOUR)
    ann_meds = SupportSession("ann1", ("ann",), 9 * HOUR, 12 * HOUR, skills=frozenset({"med"}))
    ann_tuesday = SupportSession("ann2", ("ann",), 33 * HOUR, 36 * HOUR)
    bea_tuesday = SupportSession("bea1", ("bea",), 33 * HOUR, 36 * HOUR)
    problem = RotaProblem(
        sessions=(shared, ann_meds, ann_tuesday, bea_tuesday),
        workers=(RotaWorker("cal", skills=frozenset({"med"})), RotaWorker("dee")),
        choices={
            "ann": TeamChoices(preferred=frozenset({"dee"})),
            "bea": TeamChoices(preferred=frozenset({"cal"})),
        },
        weights=RotaWeights(preferred_hours=1, continuity=30, fair_weekends_nights=0),
    )
    rota = {"eve": ("cal",), "ann1": ("cal",), "ann2": ("dee",), "bea1": ("cal",)}
    assert check_rota(problem, rota) == []

    why = explain_for_person(problem, rota, "ann")

    assert dict(why.chosen[0].reasons) == {WhyNot.NEW_WORKER_FOR_OTHERS: 1, WhyNot.SKILL: 1}
    assert WhyNot.FAIR not in dict(why.chosen[0].reasons)
