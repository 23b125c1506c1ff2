"""A deterministic generator of one service's week, for the benchmark, tests and demo data.

The same seed and size always give the same instance. The shape follows a supported-living
service: a day session every day for each person, some evenings, a sleep-in shared by each
house of four, a few waking nights, two-to-one sessions and shared afternoons.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .problem import (
    MINUTES_IN_DAY,
    Absence,
    RotaProblem,
    RotaWeights,
    RotaWorker,
    SessionKind,
    SupportSession,
    TeamChoices,
)

SKILLS = ("medication", "driver", "epilepsy", "moving and handling")
SKILL_SHARE = {"medication": 0.7, "driver": 0.5, "epilepsy": 0.35, "moving and handling": 0.45}


@dataclass(frozen=True)
class Size:
    name: str
    people: int
    workers: int


SIZES = {
    "small": Size("small", 6, 15),
    "typical": Size("typical", 12, 30),
    "large": Size("large", 40, 100),
}


def _h(day: int, hour: float) -> int:
    return day * MINUTES_IN_DAY + int(hour * 60)


def generate(
    people: int, workers: int, *, seed: int, weights: RotaWeights | None = None
) -> RotaProblem:
    """One week for one service with `people` people and `workers` support workers."""
    rng = random.Random(seed)  # noqa: S311 (a repeatable instance, not a secret)
    person_ids = [f"p{i + 1}" for i in range(people)]
    worker_ids = [f"w{i + 1}" for i in range(workers)]
    sessions: list[SupportSession] = []
    needs: dict[str, frozenset[str]] = {
        p: frozenset(s for s in ("medication", "driver") if rng.random() < 0.4) for p in person_ids
    }
    two_to_one = {p for p in person_ids if rng.random() < 0.15}
    waking = {p for p in person_ids if rng.random() < 0.12}
    for p in person_ids:
        start = rng.choice((8, 8.5, 9, 9.5, 10))
        length = rng.choice((4, 5, 5, 6))
        evenings = set(rng.sample(range(7), rng.choice((1, 2, 3))))
        for day in range(7):
            kind = SessionKind.TWO_TO_ONE if p in two_to_one and day in (1, 3, 5) else None
            sessions.append(
                SupportSession(
                    id=f"{p}-d{day}",
                    people=(p,),
                    start=_h(day, start),
                    end=_h(day, start + length),
                    kind=kind or SessionKind.ONE_TO_ONE,
                    workers_needed=2 if kind else 1,
                    skills=needs[p] | (frozenset({"moving and handling"}) if kind else frozenset()),
                )
            )
            if day in evenings:
                sessions.append(
                    SupportSession(
                        id=f"{p}-e{day}",
                        people=(p,),
                        start=_h(day, 17),
                        end=_h(day, 21),
                        skills=needs[p] & {"medication"},
                    )
                )
            if p in waking and day in (2, 6):
                sessions.append(
                    SupportSession(
                        id=f"{p}-n{day}",
                        people=(p,),
                        start=_h(day, 22),
                        end=_h(day, 31),
                        kind=SessionKind.WAKING_NIGHT,
                        skills=frozenset({"epilepsy"}),
                    )
                )
    # Each house of up to four shares a sleep-in every night and a shared Saturday afternoon.
    for h in range(0, people, 4):
        house = tuple(person_ids[h : h + 4])
        for day in range(7):
            sessions.append(
                SupportSession(
                    id=f"h{h // 4 + 1}-s{day}",
                    people=house,
                    start=_h(day, 22),
                    end=_h(day, 31),
                    kind=SessionKind.SLEEP_IN,
                )
            )
        if len(house) > 1:
            sessions.append(
                SupportSession(
                    id=f"h{h // 4 + 1}-shared",
                    people=house,
                    start=_h(5, 14),
                    end=_h(5, 17),
                    kind=SessionKind.SHARED,
                )
            )
    team: list[RotaWorker] = []
    for i, w in enumerate(worker_ids):
        contracted = rng.choice((24, 30, 37.5, 37.5, 40))
        opted_out = rng.random() < 0.15
        max_hours = 55 if opted_out else min(48, contracted + 10)
        pattern = rng.random()
        if pattern < 0.15:  # weekdays only
            available = tuple((_h(d, 6), _h(d, 23)) for d in range(5))
        elif pattern < 0.3:  # days, never nights
            available = tuple((_h(d, 6), _h(d, 22)) for d in range(7))
        else:
            available = ((0, _h(8, 0)),)
        absences: tuple[Absence, ...] = ()
        if rng.random() < 0.1:
            first = rng.randrange(6)
            absences = (Absence(_h(first, 0), _h(first + 2, 0), "leave"),)
        elif rng.random() < 0.05:
            day = rng.randrange(7)
            absences = (Absence(_h(day, 0), _h(day + 1, 0), "sickness"),)
        team.append(
            RotaWorker(
                id=w,
                name=f"Worker {i + 1}",
                # One in five is a senior support worker with every skill.
                skills=frozenset(SKILLS)
                if i % 5 == 0
                else frozenset(s for s in SKILLS if rng.random() < SKILL_SHARE[s]),
                available=available,
                absences=absences,
                contracted_minutes=int(contracted * 60),
                max_minutes=int(max_hours * 60),
                opted_out_of_48_hours=opted_out,
            )
        )
    choices = {}
    for p in person_ids:
        picked = rng.sample(worker_ids, min(len(worker_ids), rng.choice((2, 3, 3, 4)) + 2))
        n_pref = len(picked) - 2
        not_wanted = frozenset(picked[n_pref : n_pref + rng.choice((0, 1, 1, 2))])
        choices[p] = TeamChoices(preferred=frozenset(picked[:n_pref]), not_wanted=not_wanted)
    return RotaProblem(
        sessions=tuple(sessions),
        workers=tuple(team),
        choices=choices,
        weights=weights or RotaWeights(),
    )


def generate_size(name: str, *, seed: int) -> RotaProblem:
    size = SIZES[name]
    return generate(size.people, size.workers, seed=seed)
