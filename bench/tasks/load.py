"""50 people using Alongside while the whole organisation's rotas are made (issue 15).

Run by bench/tasks/load.sh (a throwaway PostgreSQL, the demo loaded). In one run:
1. gunicorn (2 processes, 4 threads each) on a free port of 127.0.0.1, and 2 `db_worker`s.
2. Baseline: BENCH_USERS (default 50) simulated users for BENCH_BASELINE_SECONDS (default
   20) with no solving: each signs in once (a verified session) and then loads their own
   home page again and again (support workers "/home/worker/", people "/home/me/"),
   reading each page for a moment first: a pause drawn evenly from 0 to twice
   BENCH_THINK_SECONDS (default 2 s), as a person does. BENCH_THINK_SECONDS=0 sends the
   next request the moment the last one is answered (50 requests always waiting, which
   measures the queue more than the pages).
3. Under load: the same users for BENCH_SECONDS (default 60) while `start_solve_run` has
   queued every service's rota for a week and the 2 workers make them.
Reports requests, 5xx, p50 / p95 / slowest of each home against the baseline, and how many
solves were done by the end. Traffic goes only to 127.0.0.1, bounded in time and count.
"""

from __future__ import annotations

import datetime
import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "common"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from runner import percentile, session_key  # noqa: E402

from alongside.organisations.models import StaffMember  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from alongside.rota.selectors import solve_run_counts  # noqa: E402
from alongside.rota.services import start_solve_run  # noqa: E402

USERS = int(os.environ.get("BENCH_USERS", "50"))
BASELINE_SECONDS = float(os.environ.get("BENCH_BASELINE_SECONDS", "20"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
THINK_SECONDS = float(os.environ.get("BENCH_THINK_SECONDS", "2"))
MAX_REQUESTS_A_USER = 2_000  # a hard bound beside the clock
SOLVE_MONDAY = datetime.date(2027, 4, 5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def users() -> list[tuple[str, str, str]]:
    """(kind, path, session key) for USERS users: half support workers, half people."""
    workers = StaffMember.objects.filter(role=StaffMember.Role.SUPPORT_WORKER).select_related(
        "user"
    )[: USERS // 2]
    people = Person.objects.filter(user__isnull=False).select_related("user")[
        : USERS - len(workers)
    ]
    found = [("worker home", "/home/worker/", session_key(w.user)) for w in workers]
    found += [("person home", "/home/me/", session_key(p.user)) for p in people]
    assert len(found) == USERS, f"only {len(found)} users with accounts"
    return found


def hammer(port: int, who: tuple[str, str, str], until: float, out: dict[str, list[float]]) -> None:
    kind, path, key = who
    headers = {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={key}",
        "Host": "127.0.0.1",
        "X-Forwarded-Proto": "https",  # as behind the TLS proxy of production
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    pauses = random.Random(key)
    for done in range(MAX_REQUESTS_A_USER):
        if done and THINK_SECONDS:
            time.sleep(pauses.uniform(0, 2 * THINK_SECONDS))
        if done and time.monotonic() >= until:  # at least one request each
            break
        started = time.perf_counter()
        status = 599
        # A connection left idle while the person read the page may have been closed by
        # the server (gunicorn keeps one open for 2 s): open a new one and ask once more,
        # as a browser does. A second failure is a real one.
        for _ in range(2):
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                break
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        elapsed = (time.perf_counter() - started) * 1000
        if status == 599:
            out[f"{kind}: no answer (30 s, or the connection failed twice)"].append(elapsed)
        elif status != 200:
            out[f"{kind}: status {status}"].append(elapsed)
        else:
            out[kind].append(elapsed)
    connection.close()


def phase(port: int, who: list[tuple[str, str, str]], seconds: float) -> dict[str, list[float]]:
    out: dict[str, list[float]] = defaultdict(list)
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=hammer, args=(port, w, until, out)) for w in who]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def report(label: str, out: dict[str, list[float]], baseline: dict[str, list[float]]) -> None:
    for kind in sorted(out):
        times = out[kind]
        p95 = percentile(times, 95)
        base = baseline.get(kind)
        ratio = f"{p95 / percentile(base, 95):.2f}" if base else "–"
        print(
            f"| {label} | {kind} | {len(times)} | {percentile(times, 50):.1f} | {p95:.1f} | "
            f"{max(times):.1f} | {ratio} |"
        )


def main() -> None:
    port = free_port()
    env = dict(os.environ)
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn)
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "alongside.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    workers = [
        subprocess.Popen(  # noqa: S603 (our own worker)
            [str(ROOT / ".venv/bin/python"), "manage.py", "db_worker", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            # As the README's worker unit (Nice=10): long work gives way to the web pages.
            preexec_fn=lambda: os.nice(10),
        )
        for _ in range(2)
    ]
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        who = users()
        print(
            f"{USERS} users (a pause of 0-{2 * THINK_SECONDS:g} s between pages), gunicorn "
            f"2 processes x 4 threads, 2 db_workers at nice 10, load average before: "
            f"{os.getloadavg()[0]:.1f}"
        )
        phase(port, who, 0.001)  # warm up: each user's first page (workers' first queries)
        baseline = phase(port, who, BASELINE_SECONDS)
        run = start_solve_run(monday=SOLVE_MONDAY, time_limit_seconds=2.0)
        queued = solve_run_counts(run, organisation_id=None)
        loaded = phase(port, who, SECONDS)
        counts = solve_run_counts(run, organisation_id=None)
        print("| phase | page | requests | p50 ms | p95 ms | slowest ms | p95 ÷ baseline |")
        print("|---|---|---|---|---|---|---|")
        report(f"baseline, {BASELINE_SECONDS:g} s, no solving", baseline, baseline)
        report(f"{SECONDS:g} s while the rotas are made", loaded, baseline)
        errors = sum(len(v) for k, v in loaded.items() if ": status 5" in k)
        timeouts = sum(len(v) for k, v in loaded.items() if "no answer" in k)
        timeouts += sum(len(v) for k, v in baseline.items() if "no answer" in k)
        print(
            f"5xx during the solve: {errors}; no answer in either phase: {timeouts}. "
            f"Solves queued: {queued['total']}; by the end "
            f"{counts['done']} done, {counts['failed']} failed, {counts['left']} left. "
            f"Load average after: {os.getloadavg()[0]:.1f}"
        )
    finally:
        for p in [server, *workers]:
            p.terminate()
        for p in [server, *workers]:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
