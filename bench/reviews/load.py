"""Reviews at scale: a council worker's "Reviews due" list, one review and one finished
review record under a bounded load on 127.0.0.1, with the number of database queries each
page makes.

Run it with bench/reviews/run.sh (a throwaway PostgreSQL cluster, the large demo with about
two years of reviews and goals). It needs DATABASE_URL and DJANGO_SETTINGS_MODULE=
bench_settings with SECRET_KEY and ALLOWED_HOSTS=127.0.0.1.

Gunicorn (2 workers) on 127.0.0.1; signed in as a council worker of the large demo through a
session made here (two-factor included); each page is asked 5 times to warm up, then
REQUESTS times one after another (bounded; 10 s time-out each). The council home (the
foundation's page, with the reviews sections) is measured in the same run as a baseline.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from alongside.organisations.demo_data import LARGE_COUNCILS  # noqa: E402
from alongside.organisations.models import CouncilWorker  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from alongside.reviews.models import Goal, Review, ReviewStatus  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
WARM_UP = 5
TIMEOUT = 10.0


def _worker_and_review() -> tuple[CouncilWorker, Review, Review]:
    worker = CouncilWorker.objects.filter(council__name=LARGE_COUNCILS[0]).order_by("pk").first()
    if worker is None:
        raise SystemExit("load the large demo first")
    due = (
        Review.objects.filter(person__council=worker.council)
        .exclude(status=ReviewStatus.COMPLETED)
        .order_by("pk")
        .first()
    )
    done = (
        Review.objects.filter(person=due.person, status=ReviewStatus.COMPLETED)  # type: ignore[union-attr]
        .order_by("-completed_on")
        .first()
    )
    if due is None or done is None:
        raise SystemExit("seed the review history first")
    return worker, due, done


def _session_key(user: object) -> str:
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Bench", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return str(session.session_key)


def _queries(path: str, key: str) -> int:
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, secure=True)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return len(captured)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, cookie: str) -> float:
    request = urllib.request.Request(  # noqa: S310 - only http://127.0.0.1
        url, headers={"Cookie": cookie, "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - 127.0.0.1
        response.read()
        assert response.status == 200, f"{url} answered {response.status}"
    return (time.perf_counter() - start) * 1000


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    worker, due, done = _worker_and_review()
    key = _session_key(worker.user)
    due_count = (
        Review.objects.filter(person__council=worker.council)
        .exclude(status=ReviewStatus.COMPLETED)
        .count()
    )
    pages = {
        "baseline: council home (with Reviews due)": "/home/council/",
        "Reviews due (page 1 of the council's list)": "/reviews/due/",
        "Reviews due, last page": f"/reviews/due/?page={(due_count + 24) // 25}",
        "one review (what matters, what is known, goals)": (
            f"/reviews/people/{due.person_id}/reviews/{due.pk}/"
        ),
        "a finished review record": f"/reviews/people/{done.person_id}/reviews/{done.pk}/record/",
    }
    counts = {
        "people": Person.objects.count(),
        "reviews": Review.objects.count(),
        "reviews_completed": Review.objects.filter(status=ReviewStatus.COMPLETED).count(),
        "goals": Goal.objects.count(),
        "reviews_due_for_this_council": due_count,
    }
    queries = {name: _queries(path, key) for name, path in pages.items()}
    connection.close()
    cookie = f"{settings.SESSION_COOKIE_NAME}={key}"
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "alongside.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        results = {}
        for name, path in pages.items():
            for _ in range(WARM_UP):
                _get(base + path, cookie)
            times = [_get(base + path, cookie) for _ in range(REQUESTS)]
            results[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(_percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
                "requests": len(times),
                "queries": queries[name],
            }
    finally:
        server.terminate()
        server.wait(timeout=10)
    baseline = results["baseline: council home (with Reviews due)"]["p95_ms"]
    for row in results.values():
        row["p95_vs_baseline"] = round(row["p95_ms"] / baseline, 2)
    print(json.dumps({"data": counts, "pages": results}, indent=2))


if __name__ == "__main__":
    main()
