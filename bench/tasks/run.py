"""Background tasks benchmark (issue 15). Run by bench/tasks/run.sh on PostgreSQL.

1. The request that queues a rota solve ("Make the rota"): BENCH_REQUESTS POSTs (default
   100, after 5 to warm up), each for a new week so each queues a new job, in this process
   through Django's test client (server time, no network); p50 / p95 / slowest.
2. A sample of BENCH_SERVICES services (default 40, not all 1,500: bounded) solved through
   the task queue by 1 and then 2 `db_worker` processes, against today's process-pool run
   (2 processes) of the same services, in the same run; the same time limit per service.
"""

from __future__ import annotations

import datetime
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "common"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from runner import percentile, session_key  # noqa: E402

from alongside.organisations.models import Service, StaffMember  # noqa: E402
from alongside.rota.models import RotaWeek, SolveJob, SolveRun  # noqa: E402
from alongside.rota.problem import RotaProblem, RotaResult  # noqa: E402
from alongside.rota.selectors import problem_for_week, shifts_of, week_label  # noqa: E402
from alongside.rota.services import apply_result, make_week, request_solve  # noqa: E402
from alongside.rota.solver import solve_rota  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
SERVICES = int(os.environ.get("BENCH_SERVICES", "40"))
TIME_LIMIT = 5.0
BENCH_MONDAY = datetime.date(2027, 3, 1)


def queue_request_p95() -> None:
    manager = (
        StaffMember.objects.filter(role=StaffMember.Role.SERVICE_MANAGER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert manager is not None
    service = manager.services.order_by("pk").first()
    assert service is not None
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key(manager.user)
    times = []
    for i in range(5 + REQUESTS):
        monday = BENCH_MONDAY + datetime.timedelta(weeks=10 + i)
        url = reverse("rota:solve", args=[service.pk, week_label(monday)])
        start = time.perf_counter()
        response = client.post(url, secure=True)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 302, response.status_code
        if i >= 5:
            times.append(elapsed)
    queued = SolveJob.objects.filter(week__service=service, status="queued").count()
    print(
        f"| POST “Make the rota” (queues the solve) | {REQUESTS} | "
        f"{statistics.median(times):.1f} | {percentile(times, 95):.1f} | {max(times):.1f} |"
        f" {queued} jobs queued |"
    )
    # Leave nothing for the workers below: these were only about the request.
    SolveJob.objects.filter(week__service=service, status="queued").delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()


def _sample() -> list[Service]:
    return list(
        Service.objects.filter(people__support_needs__isnull=False)
        .distinct()
        .order_by("pk")[:SERVICES]
    )


def _reset(services: list[Service]) -> None:
    RotaWeek.objects.filter(service__in=services, monday=BENCH_MONDAY).delete()


def through_the_queue(services: list[Service], workers: int) -> float:
    _reset(services)
    run = SolveRun.objects.create(monday=BENCH_MONDAY)
    for service in services:
        request_solve(
            service=service,
            monday=BENCH_MONDAY,
            requested_by=None,
            run=run,
            time_limit_seconds=TIME_LIMIT,
        )
    started = time.perf_counter()
    processes = [
        subprocess.Popen(  # noqa: S603 - our own command
            [sys.executable, "manage.py", "db_worker", "--batch", "--interval", "0.2", "-v", "3"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    errors = [p.communicate(timeout=600)[1] for p in processes]
    wall = time.perf_counter() - started
    done = run.jobs.filter(status="done").count()
    if done != len(services):
        for job in run.jobs.exclude(status="done")[:3]:
            print(f"job {job.pk}: {job.status} {job.reason}")
        from django_tasks_db.models import DBTaskResult

        print(list(DBTaskResult.objects.values_list("status", "task_path", "return_value")[:5]))
        print(errors[0][-3000:])
        raise SystemExit(f"{done} of {len(services)} done")
    return wall


def _solve(job: tuple[RotaProblem, float]) -> RotaResult:
    problem, limit = job
    return solve_rota(problem, time_limit_seconds=limit, num_workers=1)


def process_pool(services: list[Service], processes: int = 2) -> float:
    """Today's `solve_rotas --here`: read, solve in a pool, write, for the same services."""
    _reset(services)
    started = time.perf_counter()
    weeks, shifts_by_week, jobs = [], [], []
    for service in services:
        week = make_week(service=service, monday=BENCH_MONDAY)
        shifts = list(shifts_of(week))
        weeks.append(week)
        shifts_by_week.append(shifts)
        jobs.append((problem_for_week(week, shifts), TIME_LIMIT))
    with ProcessPoolExecutor(max_workers=processes) as pool:
        results = list(pool.map(_solve, jobs, chunksize=4))
    for week, shifts, result in zip(weeks, shifts_by_week, results, strict=True):
        apply_result(week=week, shifts=shifts, result=result, solved_by=None)
    return time.perf_counter() - started


def main() -> None:
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), load {os.getloadavg()[0]:.1f}"
    )
    print("| Request | n | p50 ms | p95 ms | slowest ms | |")
    print("|---|---|---|---|---|---|")
    queue_request_p95()
    services = _sample()
    pool = process_pool(services)
    one = through_the_queue(services, workers=1)
    two = through_the_queue(services, workers=2)
    print()
    print(f"{len(services)} services of the large demo, {TIME_LIMIT:g} s limit each:")
    print("| How | wall s |")
    print("|---|---|")
    print(f"| process pool, 2 processes (solve_rotas --here) | {pool:.1f} |")
    print(f"| task queue, 1 worker | {one:.1f} |")
    print(f"| task queue, 2 workers | {two:.1f} |")
    print(
        f"1 worker / 2 workers: {one / two:.2f}; 2 workers / process pool: {two / pool:.2f}; "
        f"load after: {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
