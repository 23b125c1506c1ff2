"""Rota benchmark: CP-SAT against a greedy baseline on generated weeks, in one process.

    .venv/bin/python bench/rota/run.py                 # the three sizes
    .venv/bin/python bench/rota/run.py --organisation  # plus every service of the large demo
    .venv/bin/python bench/rota/run.py --deterministic # stop on CP-SAT's work done, not the clock

With --deterministic each solve stops on CP-SAT's deterministic time
(`max_deterministic_time`, DETERMINISTIC_LIMITS) with the wall limit only as a safety net,
so two runs on a busy and a quiet machine give the same rotas; both times are reported.

Each size is a deterministic instance (bench seed 1). Every rota, the solver's and greedy's,
goes through the independent checker; a breach other than a flagged uncovered session fails
the run. Results go in BENCHMARKS.md ("Rota solver").
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from alongside.rota.checker import breaches_beyond_uncovered
from alongside.rota.generator import SIZES, generate, generate_size
from alongside.rota.greedy import greedy_rota
from alongside.rota.measures import measure
from alongside.rota.solver import objective_of, solve_rota

TIME_LIMITS = {"small": 5.0, "typical": 5.0, "large": 30.0}
# Deterministic limits (CP-SAT's own unit of work): about the wall limits above on a quiet
# 2-core machine. Under --deterministic the wall limit is WALL_SAFETY times longer.
DETERMINISTIC_LIMITS = {"small": 2.0, "typical": 2.0, "large": 10.0}
WALL_SAFETY = 20.0


def one_size(
    name: str, seed: int, deterministic: bool, solver_seed: int = 0, limit: float | None = None
) -> None:
    """One size, CP-SAT beside greedy; `limit` replaces the size's wall (or deterministic) limit."""
    problem = generate_size(name, seed=seed)
    wall_limit = limit if limit and not deterministic else TIME_LIMITS[name]
    work_limit = limit if limit and deterministic else DETERMINISTIC_LIMITS[name]
    started = time.perf_counter()
    greedy = greedy_rota(problem)
    greedy_seconds = time.perf_counter() - started
    if deterministic:
        result = solve_rota(
            problem,
            time_limit_seconds=WALL_SAFETY * max(wall_limit, work_limit),
            num_workers=2,
            deterministic_time=work_limit,
            seed=solver_seed,
        )
    else:
        result = solve_rota(problem, time_limit_seconds=wall_limit, num_workers=2, seed=solver_seed)
    flagged = {u.session_id for u in result.uncovered}
    greedy_flagged = {s.id for s in problem.sessions if len(greedy[s.id]) < s.workers_needed}
    breaches = breaches_beyond_uncovered(problem, result.rota, flagged)
    greedy_breaches = breaches_beyond_uncovered(problem, greedy, greedy_flagged)
    ours, theirs = measure(problem, result.rota), measure(problem, greedy)
    hours = sum(s.minutes * s.workers_needed for s in problem.sessions) / 60
    print(
        f"| {name} ({len(problem.sessions)} sessions, {hours:g} h) | CP-SAT"
        f"{f' (solver seed {solver_seed})' if solver_seed else ''} | "
        f"{result.wall_seconds:.2f} | {result.deterministic_seconds:.2f} ({result.stopped_by}) | "
        f"{result.objective:.1f} | {result.best_bound:.1f} | "
        f"{result.gap:.2%} ({result.status}) | {ours.preferred_share:.1%} | "
        f"{ours.mean_distinct_workers:.2f} | {ours.uncovered_places} | {len(breaches)} |"
    )
    print(
        f"| {name} | greedy | {greedy_seconds:.2f} | – | "
        f"{objective_of(problem, greedy):.1f} | – | – | "
        f"{theirs.preferred_share:.1%} | {theirs.mean_distinct_workers:.2f} | "
        f"{theirs.uncovered_places} | {len(greedy_breaches)} |"
    )
    print(f"|  | load average after {name}: {os.getloadavg()[0]:.1f} | | | | | | | | | |")
    if breaches or greedy_breaches:
        raise SystemExit("The checker found a hard-rule breach")


def _solve_service(
    args: tuple[int, int, int, float, float | None],
) -> tuple[int, int, int, float, int, float]:
    index, people, workers, limit, work = args
    problem = generate(people, workers, seed=10_000 + index)
    if work is None:
        result = solve_rota(problem, time_limit_seconds=limit, num_workers=1)
    else:
        result = solve_rota(
            problem, time_limit_seconds=WALL_SAFETY * limit, num_workers=1, deterministic_time=work
        )
    flagged = {u.session_id for u in result.uncovered}
    breaches = len(breaches_beyond_uncovered(problem, result.rota, flagged))
    return (
        len(problem.sessions),
        len(result.uncovered),
        breaches,
        result.wall_seconds,
        int(result.status == "optimal"),
        result.deterministic_seconds,
    )


def organisation(services: int, processes: int, limit: float, work: float | None) -> None:
    # The large demo: 1,500 services, 5,000 people, 12,000 staff -> about 3-4 people and
    # 8 workers a service. Sizes cycle 3, 3, 4 people with 8 workers.
    jobs = [(i, (3, 3, 4)[i % 3], 8, limit, work) for i in range(services)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=processes) as pool:
        results = list(pool.map(_solve_service, jobs, chunksize=8))
    wall = time.perf_counter() - started
    sessions = sum(r[0] for r in results)
    uncovered = sum(r[1] for r in results)
    breaches = sum(r[2] for r in results)
    optimal = sum(r[4] for r in results)
    work_done = sum(r[5] for r in results)
    limits = f"deterministic limit {work} a service" if work else f"wall limit {limit} s a service"
    print(
        f"Organisation: {services} services, {sessions} sessions, {processes} processes, "
        f"{limits}: {wall:.1f} s wall, {work_done:.1f} deterministic s in all, "
        f"{optimal} proven optimal, {uncovered} uncovered sessions, "
        f"{breaches} breaches"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sizes", default="small,typical,large")
    parser.add_argument("--organisation", action="store_true")
    parser.add_argument("--services", type=int, default=1500)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--service-limit", type=float, default=2.0)
    parser.add_argument("--deterministic", action="store_true")
    parser.add_argument(
        "--solver-seeds",
        default="0",
        help="CP-SAT random seeds, e.g. 0,1,2,3,4: how much the rota varies with the seed alone",
    )
    parser.add_argument("--service-work", type=float, default=0.5, help="deterministic s")
    parser.add_argument(
        "--limit",
        type=float,
        default=None,
        help="seconds for each size instead of its own limit (deterministic s with "
        "--deterministic), e.g. --sizes typical --limit 15 for the time to a proof",
    )
    args = parser.parse_args()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}, "
        f"load average before: {os.getloadavg()[0]:.1f} (other work on the machine slows it)"
    )
    print(
        "| size | method | wall s | deterministic s (stopped by) | objective | best bound | gap "
        "| with chosen workers "
        "| distinct workers / person | uncovered places | checker breaches |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name in args.sizes.split(","):
        if name:
            assert name in SIZES
            for solver_seed in (int(x) for x in args.solver_seeds.split(",")):
                one_size(name, args.seed, args.deterministic, solver_seed, args.limit)
    if args.organisation:
        work = args.service_work if args.deterministic else None
        organisation(args.services, args.processes, args.service_limit, work)


if __name__ == "__main__":
    main()
