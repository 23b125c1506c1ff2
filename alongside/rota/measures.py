"""Figures about a rota: the ones the benchmark reports and the pages show."""

from __future__ import annotations

from dataclasses import dataclass

from .problem import Rota, RotaProblem


@dataclass(frozen=True)
class RotaMeasures:
    preferred_share: float  # of the hours of people who chose workers, the share with them
    mean_distinct_workers: float  # per person
    uncovered_places: int  # worker places not filled


def measure(problem: RotaProblem, rota: Rota) -> RotaMeasures:
    chosen_minutes = 0
    with_chosen = 0
    team: dict[str, set[str]] = {}
    missing = 0
    for s in problem.sessions:
        on_it = rota.get(s.id, ())
        missing += max(0, s.workers_needed - len(on_it))
        for p in s.people:
            team.setdefault(p, set()).update(on_it)
            preferred = problem.choices_of(p).preferred
            if preferred and on_it:
                chosen_minutes += s.minutes
                if preferred & set(on_it):
                    with_chosen += s.minutes
    people = [p for p in team if team[p]]
    return RotaMeasures(
        preferred_share=with_chosen / chosen_minutes if chosen_minutes else 0.0,
        mean_distinct_workers=sum(len(team[p]) for p in people) / len(people) if people else 0.0,
        uncovered_places=missing,
    )
