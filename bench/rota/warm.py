"""Warm start against cold: next week's solve from last week's published rota.

    .venv/bin/python bench/rota/warm.py [--size typical] [--work 1.0]

"Last week" is the cold solve of the generated week (deterministic limit --work). This
week is the same week with one new "rather not" (the first session's person, about its
worker). Reported: places changed from last week, and the deterministic and wall time the
warm solve needs to reach the cold solve's objective (it tries growing limits).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from alongside.rota.checker import check_rota
from alongside.rota.generator import generate_size
from alongside.rota.problem import Rota
from alongside.rota.solver import solve_rota


def _changed(a: Rota, b: Rota) -> int:
    return sum(len(set(ws) - set(b.get(sid, ()))) for sid, ws in a.items())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="typical")
    parser.add_argument("--work", type=float, default=1.0)
    args = parser.parse_args()
    problem = generate_size(args.size, seed=1)
    last = solve_rota(problem, time_limit_seconds=600, deterministic_time=args.work).rota
    first = problem.sessions[0]
    person, worker = first.people[0], last[first.id][0]
    old = problem.choices_of(person)
    choice = replace(old, not_wanted=old.not_wanted | {worker}, preferred=old.preferred - {worker})
    now = replace(problem, choices={**problem.choices, person: choice})
    print(f"{args.size}: {sum(len(w) for w in last.values())} places; one new rather-not")
    cold = solve_rota(now, time_limit_seconds=600, deterministic_time=args.work)
    print(
        f"cold: objective {cold.objective:.1f}, {cold.deterministic_seconds:.2f} det s, "
        f"{cold.wall_seconds:.1f} wall s, {_changed(last, cold.rota)} places changed"
    )
    for work in (0.05, 0.1, 0.25, 0.5, args.work):
        started = time.perf_counter()
        warm = solve_rota(now, time_limit_seconds=600, deterministic_time=work, keep=last)
        assert not [b for b in check_rota(now, warm.rota) if b.worker_id]
        print(
            f"warm at {work} det s: objective {warm.objective:.1f}, "
            f"{warm.deterministic_seconds:.2f} det s, {time.perf_counter() - started:.1f} wall s, "
            f"{_changed(last, warm.rota)} places changed"
        )
        if warm.objective <= cold.objective + 1e-6:
            break


if __name__ == "__main__":
    main()
