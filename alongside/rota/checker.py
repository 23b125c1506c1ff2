"""The independent checker: does a rota keep every hard rule?

It is written separately from the solver on purpose (it shares only the plain data and the
rule for rest) so that a mistake in the solver's model is caught here. The tests, the
benchmark and a manager's hand edits all go through `check_rota`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .problem import (
    HARD_RULE_WORDS,
    HardRule,
    Rota,
    RotaProblem,
    RotaWorker,
    SupportSession,
    describe_session,
    overlaps,
    rest_kept,
)


@dataclass(frozen=True)
class Breach:
    rule: HardRule
    session_id: str
    worker_id: str | None
    message: str

    @property
    def rule_words(self) -> str:
        return HARD_RULE_WORDS[self.rule]


def _is_available(worker: RotaWorker, session: SupportSession) -> bool:
    inside = any(start <= session.start and session.end <= end for start, end in worker.available)
    on_absence = any(overlaps(a.start, a.end, session.start, session.end) for a in worker.absences)
    return inside and not on_absence


def check_rota(problem: RotaProblem, rota: Rota) -> list[Breach]:
    """Every breach of a hard rule in `rota`, each with a message in plain words."""
    sessions = {s.id: s for s in problem.sessions}
    workers = {w.id: w for w in problem.workers}
    breaches: list[Breach] = []
    worked: dict[str, list[SupportSession]] = defaultdict(list)

    for session in problem.sessions:
        on_it = rota.get(session.id, ())
        what = describe_session(session)
        if len(set(on_it)) != session.workers_needed or len(on_it) != len(set(on_it)):
            breaches.append(
                Breach(
                    HardRule.COVERED,
                    session.id,
                    None,
                    f"{what} needs {session.workers_needed} worker(s) and has {len(set(on_it))}.",
                )
            )
        for worker_id in dict.fromkeys(on_it):
            worker = workers.get(worker_id)
            if worker is None:
                breaches.append(
                    Breach(
                        HardRule.AVAILABLE,
                        session.id,
                        worker_id,
                        f"{worker_id} is not on the team.",
                    )
                )
                continue
            name = worker.name or worker.id
            worked[worker_id].append(session)
            missing = session.skills - worker.skills
            if missing:
                breaches.append(
                    Breach(
                        HardRule.SKILLS,
                        session.id,
                        worker_id,
                        f"{name} does not have {', '.join(sorted(missing))} for {what}.",
                    )
                )
            if not _is_available(worker, session):
                breaches.append(
                    Breach(
                        HardRule.AVAILABLE,
                        session.id,
                        worker_id,
                        f"{name} is not available for {what}.",
                    )
                )
            for person in session.people:
                if worker_id in problem.choices_of(person).not_wanted:
                    breaches.append(
                        Breach(
                            HardRule.NOT_WANTED,
                            session.id,
                            worker_id,
                            f"The person would rather not work with {name} ({what}).",
                        )
                    )
            # Written from the choices themselves, not the problem's helper the solver uses.
            for person in session.people:
                allowed = problem.choices_of(person).personal_care_by
                if session.personal_care and allowed is not None and worker_id not in allowed:
                    breaches.append(
                        Breach(
                            HardRule.PERSONAL_CARE,
                            session.id,
                            worker_id,
                            f"The person has not said {name} may give them personal care ({what}).",
                        )
                    )
    for session_id in rota:
        if session_id not in sessions:
            breaches.append(
                Breach(HardRule.COVERED, session_id, None, "This session is not in the week.")
            )

    for worker_id, theirs in worked.items():
        worker = workers[worker_id]
        name = worker.name or worker.id
        theirs.sort(key=lambda s: (s.start, s.end, s.id))
        for i, a in enumerate(theirs):
            for b in theirs[i + 1 :]:
                if overlaps(a.start, a.end, b.start, b.end):
                    breaches.append(
                        Breach(
                            HardRule.ONE_PLACE,
                            b.id,
                            worker_id,
                            f"{name} would be in two places at once: {describe_session(a)} "
                            f"and {describe_session(b)}.",
                        )
                    )
                elif not rest_kept(a, b):
                    breaches.append(
                        Breach(
                            HardRule.REST,
                            b.id,
                            worker_id,
                            f"{name} would not get 11 hours rest between "
                            f"{describe_session(a)} and {describe_session(b)}.",
                        )
                    )
        total = sum(s.minutes for s in theirs)
        if total > worker.limit_minutes:
            breaches.append(
                Breach(
                    HardRule.WEEKLY_HOURS,
                    theirs[-1].id,
                    worker_id,
                    f"{name} would work {total / 60:g} hours, more than their "
                    f"{worker.limit_minutes / 60:g}-hour maximum.",
                )
            )
    return breaches


def breaches_beyond_uncovered(problem: RotaProblem, rota: Rota, flagged: set[str]) -> list[Breach]:
    """Breaches other than the sessions the solver already flagged as not covered."""
    return [
        b
        for b in check_rota(problem, rota)
        if not (b.rule == HardRule.COVERED and b.session_id in flagged)
    ]
