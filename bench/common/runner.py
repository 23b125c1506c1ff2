"""The bounded load runner the benchmarks share (bench/everyday, bench/quality,
bench/outcomes).

Import it after `django.setup()`. It signs a user in through a session made here (two-factor
included), counts each page's database queries in this process, then starts gunicorn
(2 workers) on 127.0.0.1 and asks each page WARM_UP times, then `requests` times one after
another (10 s time-out each), and reports the 50th and 95th percentiles and the slowest,
with the p95 against a baseline page measured in the same run. Only 127.0.0.1, bounded in
count and time.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
WARM_UP = 5
TIMEOUT = 10.0


def session_key(user: Any) -> str:
    """A signed-in, two-factor-verified session for `user`."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Bench", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return str(session.session_key)


def count_queries(path: str, key: str) -> int:
    """How many database queries one request for `path` makes (in this process)."""
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


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure_pages(
    pages: dict[str, str],
    *,
    key: str,
    baseline: str,
    requests: int = REQUESTS,
    with_queries: bool = True,
) -> dict[str, dict[str, Any]]:
    """Serve Alongside with gunicorn on 127.0.0.1 and time each page; `baseline` names the
    page the others are compared with."""
    queries = (
        {name: count_queries(path, key) for name, path in pages.items()} if with_queries else {}
    )
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
    results: dict[str, dict[str, Any]] = {}
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        for name, path in pages.items():
            for _ in range(WARM_UP):
                _get(base + path, cookie)
            times = [_get(base + path, cookie) for _ in range(requests)]
            results[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
                "requests": len(times),
            }
            if with_queries:
                results[name]["queries"] = queries[name]
    finally:
        server.terminate()
        server.wait(timeout=10)
    reference = results[baseline]["p95_ms"]
    for row in results.values():
        row["p95_vs_baseline"] = round(row["p95_ms"] / reference, 2)
    return results


def load_average() -> str:
    """The machine's load average (1, 5, 15 minutes): the machine is shared."""
    return " ".join(f"{v:.2f}" for v in os.getloadavg())
