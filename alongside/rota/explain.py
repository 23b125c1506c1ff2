"""Why the rota is as it is, in plain words, for each person."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .problem import Rota, RotaProblem
from .solver import WhyNot, why_not_given


@dataclass(frozen=True)
class ChosenWorkerNote:
    worker_id: str
    sessions_given: int
    sessions_not_given: int
    reasons: tuple[tuple[str, int], ...]  # (reason, how many sessions), most common first


@dataclass(frozen=True)
class PersonExplanation:
    person: str
    minutes: int
    minutes_with_chosen: int
    chosen: tuple[ChosenWorkerNote, ...]

    @property
    def share_with_chosen(self) -> float:
        return self.minutes_with_chosen / self.minutes if self.minutes else 0.0


def explain_for_person(problem: RotaProblem, rota: Rota, person: str) -> PersonExplanation:
    """The share of the person's hours with workers they chose, and for each chosen worker
    the reasons they were not on the person's other sessions."""
    preferred = problem.choices_of(person).preferred
    workers = {w.id: w for w in problem.workers}
    theirs = [s for s in problem.sessions if person in s.people]
    minutes = sum(s.minutes for s in theirs if rota.get(s.id))
    with_chosen = sum(s.minutes for s in theirs if preferred & set(rota.get(s.id, ())))
    notes = []
    for worker_id in sorted(preferred):
        worker = workers.get(worker_id)
        if worker is None:
            continue
        given = 0
        reasons: Counter[str] = Counter()
        for session in theirs:
            on_it = rota.get(session.id, ())
            if worker_id in on_it:
                given += 1
                continue
            reason = why_not_given(problem, rota, session, worker)
            if reason == WhyNot.NOT_WANTED:
                # Someone else on a shared session chose not to: never say who or why.
                reason = WhyNot.OTHER_NEED
            if reason is None:
                chosen_there = preferred & set(on_it)
                reason = WhyNot.CHOSEN_OTHER if chosen_there else WhyNot.BALANCE
            reasons[reason] += 1
        notes.append(
            ChosenWorkerNote(
                worker_id=worker_id,
                sessions_given=given,
                sessions_not_given=sum(reasons.values()),
                reasons=tuple(reasons.most_common()),
            )
        )
    return PersonExplanation(
        person=person, minutes=minutes, minutes_with_chosen=with_chosen, chosen=tuple(notes)
    )
