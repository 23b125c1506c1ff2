"""Solve every service's rota for one week, in parallel across the machine's cores.

    manage.py solve_rotas --week 2026-W48 [--processes N] [--time-limit SECONDS]
                          [--deterministic-limit WORK]

With --deterministic-limit each service stops on CP-SAT's deterministic time (the same
rotas on a busy and a quiet machine); the wall limit stays as a safety net.

The database is read and written here, in one process; the solving (pure Python data in
and out) runs in a pool of processes, one CP-SAT worker each.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alongside.organisations.models import Service
from alongside.rota.models import RotaWeek
from alongside.rota.problem import RotaProblem, RotaResult
from alongside.rota.selectors import parse_week, problem_for_week, shifts_of
from alongside.rota.services import apply_result, make_week
from alongside.rota.solver import solve_rota


def _solve(job: tuple[RotaProblem, float, float | None]) -> RotaResult:
    problem, limit, work = job
    return solve_rota(problem, time_limit_seconds=limit, num_workers=1, deterministic_time=work)


class Command(BaseCommand):
    help = "Solve the rota of every service for one week (YYYY-Www) and report totals."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--week", required=True, help="The ISO week, such as 2026-W48.")
        parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
        parser.add_argument("--time-limit", type=float, default=5.0, help="Seconds a service.")
        parser.add_argument(
            "--deterministic-limit",
            type=float,
            default=None,
            help="CP-SAT deterministic seconds a service (stops on work done, not the clock).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        monday = parse_week(options["week"])
        if monday is None:
            raise CommandError("Give the week as YYYY-Www, for example 2026-W48.")
        started = time.perf_counter()
        published = set(
            RotaWeek.objects.filter(monday=monday, status=RotaWeek.Status.PUBLISHED).values_list(
                "service_id", flat=True
            )
        )
        weeks, shifts_by_week, jobs = [], [], []
        for service in Service.objects.filter(people__support_needs__isnull=False).distinct():
            if service.pk in published:
                continue
            week = make_week(service=service, monday=monday)
            shifts = list(shifts_of(week))
            weeks.append(week)
            shifts_by_week.append(shifts)
            jobs.append(
                (
                    problem_for_week(week, shifts),
                    options["time_limit"],
                    options["deterministic_limit"],
                )
            )
        prepared = time.perf_counter()
        with ProcessPoolExecutor(max_workers=max(1, options["processes"])) as pool:
            results = list(pool.map(_solve, jobs, chunksize=4))
        solved = time.perf_counter()
        for week, shifts, result in zip(weeks, shifts_by_week, results, strict=True):
            apply_result(week=week, shifts=shifts, result=result, solved_by=None)
        finished = time.perf_counter()
        sessions = sum(len(job[0].sessions) for job in jobs)
        uncovered = sum(len(r.uncovered) for r in results)
        optimal = sum(r.status == "optimal" for r in results)
        work = sum(r.deterministic_seconds for r in results)
        self.stdout.write(
            f"Week {options['week']}: {len(jobs)} service(s) solved "
            f"({len(published)} already published, left alone), {sessions} sessions, "
            f"{uncovered} uncovered, {optimal} proven best. "
            f"Reading {prepared - started:.1f}s, solving {solved - prepared:.1f}s on "
            f"{options['processes']} process(es) ({work:.1f} deterministic s in all), "
            f"writing {finished - solved:.1f}s."
        )
