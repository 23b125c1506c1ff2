"""Quality checks at scale: the coverage and results pages under a bounded load on
127.0.0.1, and the planner for every service of the large demo.

Run it with bench/quality/run.sh (which makes a throwaway PostgreSQL cluster, loads the
large demo and two years of checks). It needs DATABASE_URL and
DJANGO_SETTINGS_MODULE=bench_settings (production settings, plain static storage) with
SECRET_KEY and ALLOWED_HOSTS set.

It starts gunicorn on 127.0.0.1 (2 workers), signs in as a quality lead of the large demo
through a session made here (two-factor included), then asks each page REQUESTS times one
after another and reports the 50th and 95th percentile and the slowest. The foundation's
quality lead home ("All services", paginated) is measured in the same run as a baseline.
"""

from __future__ import annotations

import dataclasses
import datetime
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
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from alongside.organisations.demo_data import LARGE_PROVIDER  # noqa: E402
from alongside.organisations.models import Organisation, StaffMember  # noqa: E402
from alongside.quality.models import (  # noqa: E402
    Answer,
    QualityAction,
    QualityCheck,
    QualityChecker,
)
from alongside.quality.planner import (  # noqa: E402
    ServiceToCheck,
    checker_slots,
    make_proposals,
    solve,
)
from alongside.quality.selectors import services_needing_a_check  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
WARM_UP = 5
TIMEOUT = 10.0
PAGES = {  # each asked REQUESTS times, one after another
    "baseline: quality lead home (All services)": "/home/quality/",
    "coverage": "/quality/coverage/",
    "coverage, page 20": "/quality/coverage/?page=20",
    "results by I statement": "/quality/results/",
}


def _session_cookie() -> tuple[str, object]:
    provider = Organisation.objects.get(name=LARGE_PROVIDER)
    lead = StaffMember.objects.filter(
        organisation=provider, role=StaffMember.Role.QUALITY_LEAD
    ).first()
    assert lead is not None, "load the large demo first"
    user = lead.user
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Bench", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", provider


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
    cookie, provider = _session_cookie()
    counts = {
        "services": provider.services.count(),  # type: ignore[attr-defined]
        "quality checkers": QualityChecker.objects.count(),
        "checks": QualityCheck.objects.count(),
        "answers": Answer.objects.count(),
        "actions": QualityAction.objects.count(),
    }
    # The planner, in this process, for every service of the large provider.
    month = datetime.date.today().replace(day=1)
    targets = len(services_needing_a_check(organisation=provider, on=month))  # type: ignore[arg-type]
    slots = checker_slots(organisation=provider, month=month)  # type: ignore[arg-type]
    start = time.perf_counter()
    proposals = make_proposals(
        organisation=provider,  # type: ignore[arg-type]
        month=month,
    )
    planner_seconds = time.perf_counter() - start
    # A harder case: every trained checker willing to check anywhere in their region.
    willing = [dataclasses.replace(slot, checks_in_region=True) for slot in slots]
    targets_by_region = [
        ServiceToCheck(service_id=pk, region_id=region)
        for pk, region in services_needing_a_check(organisation=provider, on=month).items()  # type: ignore[arg-type]
    ]
    start = time.perf_counter()
    willing_plan = solve(willing, targets_by_region)
    willing_seconds = time.perf_counter() - start
    connection.close()

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
        for name, path in PAGES.items():
            for _ in range(WARM_UP):
                _get(base + path, cookie)
            times = [_get(base + path, cookie) for _ in range(REQUESTS)]
            results[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(_percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
                "requests": len(times),
            }
    finally:
        server.terminate()
        server.wait(timeout=10)
    baseline = results["baseline: quality lead home (All services)"]["p95_ms"]
    for row in results.values():
        row["p95_vs_baseline"] = round(row["p95_ms"] / baseline, 2)
    print(
        json.dumps(
            {
                "data": counts,
                "planner": {
                    "seconds": round(planner_seconds, 2),
                    "services_needing_a_check": targets,
                    "trained_checkers": len(slots),
                    "checks_they_want_this_month": sum(s.capacity for s in slots),
                    "proposals": len(proposals),
                    "all_willing_seconds": round(willing_seconds, 2),
                    "all_willing_proposals": len(willing_plan),
                },
                "pages": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
