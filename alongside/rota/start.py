"""A good first rota for the solver to start from (its hint), found in a fraction of a second.

Unlike the greedy baseline (`greedy.py`, which goes through the week in time order), this
fills the hardest places first and keeps each person's team small: for each place it takes,
among the workers free for it, one the people on the session chose, then one already on
their team, then one furthest from their contracted hours. It tries a few orders of the
sessions and keeps the rota the solver's objective scores best, the greedy one included.
Only a start: the solver keeps every hard rule whatever the hint, and can only improve on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from .greedy import greedy_rota
from .problem import Rota, RotaProblem, RotaWorker, SupportSession, overlaps, rest_kept
from .solver import objective_of, why_not_eligible


def _team_first(
    problem: RotaProblem,
    eligible: dict[str, list[RotaWorker]],
    order: Callable[[SupportSession], tuple[float, ...]],
) -> Rota:
    rota: Rota = {s.id: () for s in problem.sessions}
    theirs: dict[str, list[SupportSession]] = defaultdict(list)
    minutes: dict[str, int] = defaultdict(int)
    team: dict[str, set[str]] = defaultdict(set)
    chosen = {p: problem.choices_of(p).preferred for s in problem.sessions for p in s.people}

    def free(worker: RotaWorker, session: SupportSession) -> bool:
        if worker.id in rota[session.id]:
            return False
        if minutes[worker.id] + session.minutes > worker.limit_minutes:
            return False
        return not any(
            overlaps(o.start, o.end, session.start, session.end) or not rest_kept(o, session)
            for o in theirs[worker.id]
        )

    for session in sorted(problem.sessions, key=order):
        for _ in range(session.workers_needed):
            candidates = [w for w in eligible[session.id] if free(w, session)]
            if not candidates:
                break
            pick = min(
                candidates,
                key=lambda w: (
                    -sum(w.id in chosen[p] for p in session.people),
                    -sum(w.id in team[p] for p in session.people),
                    -max(0, w.contracted_minutes - minutes[w.id]),
                    minutes[w.id],
                ),
            )
            rota[session.id] = (*rota[session.id], pick.id)
            theirs[pick.id].append(session)
            minutes[pick.id] += session.minutes
            for p in session.people:
                team[p].add(pick.id)
    return rota


def starting_rota(problem: RotaProblem) -> Rota:
    """The best of a few quick rotas by the solver's objective (greedy's among them)."""
    eligible = {
        s.id: [w for w in problem.workers if why_not_eligible(problem, s, w) is None]
        for s in problem.sessions
    }
    choices = {s.id: len(eligible[s.id]) for s in problem.sessions}
    orders: list[Callable[[SupportSession], tuple[float, ...]]] = [
        lambda s: (choices[s.id], s.start),  # fewest workers who could do it first
        lambda s: (-len(s.people) * s.minutes, choices[s.id], s.start),  # shared, long first
        lambda s: (not s.is_night, -s.workers_needed, choices[s.id], s.start),
    ]
    rotas = [greedy_rota(problem), *(_team_first(problem, eligible, o) for o in orders)]
    return min(rotas, key=lambda r: objective_of(problem, r))
