"""Import benchmark (issue 13): the large demo's files into an empty database.

    .venv/bin/python bench/import/run.py                      # SQLite, in a temporary file
    .venv/bin/python bench/import/run.py --database-url postgres://...   # PostgreSQL
    .venv/bin/python bench/import/run.py --scale 0.1           # a tenth of the rows

Generates 1,500 services, 12,000 staff, 5,000 people and 3,000 supporters as CSV files
(alongside/demo/files.py, the same generator as `seed_demo --scale large`),
then for each file: check, then bring in (wall time, the process's peak resident memory,
queries and queries per row), and then the same files a second time (nothing changes).
Peak memory is the kernel's high-water mark of the whole process (VmHWM, reset before each
step), not tracemalloc's: tracing every allocation slowed the very steps it measured
(`--tracemalloc` gives the old figure, Python's own allocations, at that cost).
The database is emptied and migrated first; never point it at a database you need.

Background tasks go to the database queue, as in production: bringing in queues the
invitation emails, and a worker (`manage.py db_worker`) sends them later, outside the
figures. Pass `--send-emails` to send them at once inside "bring in" (the test settings'
immediate backend, to the in-memory mail outbox).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

COUNCIL = "Bench City Council"
SKILL = "Driver"


def generate(scale: float) -> dict[str, bytes]:
    """The large demo's own files (the generator `seed_demo --scale large` brings in)."""
    from alongside.demo.files import demo_files

    return demo_files(councils=[COUNCIL], skills=[SKILL], scale=scale, email_domain="bench.example")


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def _reset_peak_memory() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (Linux)


def _peak_memory_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


TRACE_ALLOCATIONS = False


def measure(step: Any) -> tuple[Any, float, float, int, float]:
    from django.db import connection

    counter = QueryCounter()
    if TRACE_ALLOCATIONS:
        tracemalloc.start()
    _reset_peak_memory()
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counter):
        result = step()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if TRACE_ALLOCATIONS:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_mb = peak / 1024 / 1024
    else:
        peak_mb = _peak_memory_mb()
    return result, seconds, peak_mb, counter.count, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--send-emails", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()
    global TRACE_ALLOCATIONS
    TRACE_ALLOCATIONS = args.tracemalloc
    folder = tempfile.mkdtemp(prefix="alongside-import-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    # Emails are kept in memory, never printed; tasks queue in the database unless asked.
    override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend").enable()
    if not args.send_emails:
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        ).enable()

    from alongside.imports.services import bring_in, check_upload
    from alongside.organisations.models import Organisation, Skill

    call_command("migrate", verbosity=0)
    if args.database_url:
        call_command("flush", interactive=False, verbosity=0)
    provider = Organisation.objects.create(name="Bench Provider", kind="provider")
    Organisation.objects.create(name=COUNCIL, kind="council")
    Skill.objects.get_or_create(name=SKILL)
    files = generate(args.scale)
    engine = "PostgreSQL" if args.database_url else "SQLite"
    sizes = ", ".join(f"{k} {len(v.splitlines()) - 1}" for k, v in files.items())
    emails = "sent at once" if args.send_emails else "queued for a worker"
    memory = "Python's allocations (tracemalloc)" if args.tracemalloc else "peak resident"
    print(f"{engine}, scale {args.scale}, emails {emails}, memory {memory}: {sizes}")
    print(
        "| pass | file | rows | check s | bring in s | CPU s | peak MB | queries | queries/row "
        "| added/changed/unchanged |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    totals: dict[int, float] = {1: 0.0, 2: 0.0}
    cpus: dict[int, float] = {1: 0.0, 2: 0.0}
    for attempt in (1, 2):
        for kind, data in files.items():
            run, check_s, check_mb, check_q, check_cpu = measure(
                lambda kind=kind, data=data: check_upload(
                    organisation=provider, kind=kind, file_name=f"{kind}.csv", data=data, by=None
                )
            )
            assert not run.problems, run.problems[:5]
            run, bring_s, bring_mb, bring_q, bring_cpu = measure(
                lambda run=run: bring_in(run=run, by=None)
            )
            assert run.status == "done", run.problems[:5]
            totals[attempt] += check_s + bring_s
            cpus[attempt] += check_cpu + bring_cpu
            queries = check_q + bring_q
            print(
                f"| {attempt} | {kind} | {run.total_rows} | {check_s:.1f} | {bring_s:.1f} | "
                f"{check_cpu + bring_cpu:.1f} | {max(check_mb, bring_mb):.0f} | {queries} | "
                f"{queries / run.total_rows:.3f} | {run.added}/{run.changed}/{run.unchanged} |"
            )
    print(
        f"Total, first import: {totals[1]:.1f} s ({cpus[1]:.1f} s CPU in this process); "
        f"second import: {totals[2]:.1f} s ({cpus[2]:.1f} s CPU)"
    )
    print(f"Load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
