"""The greedy baseline the benchmark compares the solver with.

In time order, each place on a session goes to the first free preferred worker, else to the
eligible free worker with the fewest hours so far. Free means: the skills, available, not
someone the person would rather not work with, not busy, rested, hours not used up.
"""

from __future__ import annotations

from collections import defaultdict

from .problem import Rota, RotaProblem, RotaWorker, SupportSession, overlaps, rest_kept
from .solver import why_not_eligible


def greedy_rota(problem: RotaProblem) -> Rota:
    rota: Rota = {s.id: () for s in problem.sessions}
    worked: dict[str, list[SupportSession]] = defaultdict(list)

    def free(worker: RotaWorker, session: SupportSession) -> bool:
        if worker.id in rota[session.id] or why_not_eligible(problem, session, worker):
            return False
        theirs = worked[worker.id]
        if any(
            overlaps(s.start, s.end, session.start, session.end) or not rest_kept(s, session)
            for s in theirs
        ):
            return False
        return sum(s.minutes for s in theirs) + session.minutes <= worker.limit_minutes

    for session in sorted(problem.sessions, key=lambda s: (s.start, s.end, s.id)):
        preferred = set().union(*(problem.choices_of(p).preferred for p in session.people))
        for _ in range(session.workers_needed):
            pick = next(
                (w for w in problem.workers if w.id in preferred and free(w, session)), None
            )
            if pick is None:
                others = [w for w in problem.workers if free(w, session)]
                pick = min(others, key=lambda w: sum(s.minutes for s in worked[w.id]), default=None)
            if pick is None:
                break
            rota[session.id] = (*rota[session.id], pick.id)
            worked[pick.id].append(session)
    return rota
