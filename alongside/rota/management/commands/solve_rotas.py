"""Solve every service's rota for one week.

    manage.py solve_rotas --week 2026-W48 [--time-limit SECONDS]
        queues one task per service; the workers (`manage.py db_worker`, as many as you run)
        share them. Shows done / left / failed until all are finished (--no-wait to leave).
    manage.py solve_rotas --week 2026-W48 --here [--processes N] [--deterministic-limit WORK]
        the old way: solves them in this process and a pool of processes, no workers.

With --deterministic-limit (with --here) each service stops on CP-SAT's deterministic time
(the same rotas on a busy and a quiet machine); the wall limit stays as a safety net.

A service whose solve fails is tried once more, then reported with its reason; the others
carry on. Organisation admins see the same progress at /rota/solve-runs/<id>/.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alongside.organisations.models import Service
from alongside.rota.models import RotaWeek, SolveJob
from alongside.rota.problem import RotaProblem, RotaResult
from alongside.rota.selectors import parse_week, problem_for_week, shifts_of, solve_run_counts
from alongside.rota.services import apply_result, make_week, start_solve_run
from alongside.rota.solver import solve_rota


def _solve(job: tuple[RotaProblem, float, float | None]) -> RotaResult:
    problem, limit, work = job
    return solve_rota(problem, time_limit_seconds=limit, num_workers=1, deterministic_time=work)


def _bar(done: int, failed: int, total: int, width: int = 30) -> str:
    filled = int(width * (done + failed) / total) if total else width
    return "[" + "#" * filled + "." * (width - filled) + "]"


class Command(BaseCommand):
    help = "Solve the rota of every service for one week (YYYY-Www) through the task queue."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--week", required=True, help="The ISO week, such as 2026-W48.")
        parser.add_argument("--time-limit", type=float, default=5.0, help="Seconds a service.")
        parser.add_argument(
            "--deterministic-limit",
            type=float,
            default=None,
            help="CP-SAT deterministic seconds a service (stops on work done, not the clock).",
        )
        parser.add_argument(
            "--no-wait", action="store_true", help="Queue the services and stop at once."
        )
        parser.add_argument(
            "--here",
            action="store_true",
            help="Solve in this process with a pool of processes instead of the workers.",
        )
        parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)

    def handle(self, *args: Any, **options: Any) -> None:
        monday = parse_week(options["week"])
        if monday is None:
            raise CommandError("Give the week as YYYY-Www, for example 2026-W48.")
        if options["here"]:
            self._solve_here(monday=monday, options=options)
            return
        started = time.perf_counter()
        run = start_solve_run(monday=monday, time_limit_seconds=options["time_limit"])
        counts = solve_run_counts(run, organisation_id=None)
        self.stdout.write(
            f"Week {options['week']}: queued {counts['total']} service(s) (run {run.pk}). "
            "Workers (manage.py db_worker) solve them."
        )
        if options["no_wait"]:
            return
        while True:
            counts = solve_run_counts(run, organisation_id=None)
            line = (
                f"\r{_bar(counts['done'], counts['failed'], counts['total'])} "
                f"{counts['done']} done, {counts['left']} left, {counts['failed']} failed"
            )
            self.stdout.write(line, ending="")
            sys.stdout.flush()
            if not counts["left"]:
                break
            time.sleep(1)
        self.stdout.write("")
        for job in run.jobs.filter(status=SolveJob.Status.FAILED).select_related("week__service"):
            self.stdout.write(f"Could not be made: {job.week.service.name}: {job.reason}")
        self.stdout.write(
            f"Week {options['week']}: {counts['done']} done, {counts['failed']} failed, "
            f"in {time.perf_counter() - started:.1f}s."
        )

    def _solve_here(self, *, monday: Any, options: dict[str, Any]) -> None:
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
