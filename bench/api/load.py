"""The API at scale (issue 14): the FHIR export, list pages far in, and writers at once.

Run it with bench/api/run.sh (a throwaway PostgreSQL cluster with the large demo). Three
parts, each with a baseline measured in the same run, only to 127.0.0.1, bounded in count
and time:

- the FHIR export of a person with two years of daily check-ins and a plan history
  (BENCH_PLAN_VERSIONS versions), asked for by the person: `GET /api/people/{id}/fhir/`
  (the Bundle is built with fhir.resources, so validation is in the time), against the
  person's home page;
- list endpoints at page 1 and page 50, as a council worker (2,500 people) and as the
  person (730 check-ins, page 14 is the last), with the queries each makes (they must be
  the same on both pages), against the API's root;
- BENCH_WRITERS client tokens (default 20), each acting as a support worker, writing for
  BENCH_WRITE_SECONDS (default 60) through gunicorn (2 workers x 4 threads): today's check-in
  (read its ETag, then PUT with If-Match; two writers share each person, so some writes meet
  a newer version) and a meeting action (POST). Afterwards it checks that no answer was a
  5xx, that every refused write was a 412, and that nothing was lost: each person's check-in
  version is one more than the number of changes accepted after the first, and the actions
  in the database are the ones answered 201.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from alongside.api.models import ApiClient  # noqa: E402
from alongside.api.services import create_client  # noqa: E402
from alongside.demo.organisations import LARGE_COUNCILS, LARGE_PROVIDER  # noqa: E402
from alongside.everyday.models import CheckIn, Meeting, MeetingAction  # noqa: E402
from alongside.organisations.models import CouncilWorker, StaffMember  # noqa: E402
from alongside.people.models import Person, PlanVersion  # noqa: E402
from alongside.people.sharing import Part  # noqa: E402
from alongside.policy import PersonPart  # noqa: E402
from bench.common.runner import (  # noqa: E402
    count_queries,
    load_average,
    measure_pages,
    percentile,
    session_key,
)

WRITERS = int(os.environ.get("BENCH_WRITERS", "20"))
WRITE_SECONDS = float(os.environ.get("BENCH_WRITE_SECONDS", "60"))
PLAN_VERSIONS = int(os.environ.get("BENCH_PLAN_VERSIONS", "40"))
DAYS = 730
TIMEOUT = 30.0


def _person_with_a_long_history() -> Person:
    person = (
        Person.objects.filter(council__name=LARGE_COUNCILS[0], user__isnull=False)
        .select_related("user", "service")
        .order_by("pk")
        .first()
    )
    if person is None:
        raise SystemExit("load the large demo first")
    today = timezone.localdate()
    CheckIn.objects.filter(person=person).delete()
    CheckIn.objects.bulk_create(
        (
            CheckIn(
                person=person,
                on=today - dt.timedelta(days=n),
                feeling=1 + n % 5,
                note=f"Day {n}: a walk to the park, then tea with my sister.",
                helps=[],
            )
            for n in range(1, DAYS + 1)
        ),
        batch_size=1000,
    )
    PlanVersion.objects.filter(person=person).delete()
    agreed = timezone.now() - dt.timedelta(days=DAYS)
    versions = []
    for n in range(1, PLAN_VERSIONS + 1):
        versions.append(
            PlanVersion(
                person=person,
                number=n,
                status=PlanVersion.Status.CURRENT
                if n == PLAN_VERSIONS
                else PlanVersion.Status.EARLIER,
                my_goals=f"Version {n}: I want to swim every week and cook on Sundays.",
                support_with="Shopping, money and getting to the pool.",
                how_i_like_support="Talk to me first. Give me time to answer.",
                who_supports_me="My sister Ann and the team at my home.",
                my_medicines="I take my tablets with breakfast.",
                risks="I go to the shop on my own and take my phone.",
                agreed_by=person.user,
                agreed_at=agreed + dt.timedelta(days=n * DAYS / PLAN_VERSIONS),
            )
        )
    PlanVersion.objects.bulk_create(versions)
    return person


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve() -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
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
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, f"http://127.0.0.1:{port}"


def _ask(
    method: str, url: str, token: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], float]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - only http://127.0.0.1
        url,
        data=data,
        method=method,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "X-Forwarded-Proto": "https",
            "Host": "127.0.0.1",
            **(headers or {}),
        },
    )
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            response.read()
            return response.status, dict(response.headers), time.perf_counter() - start
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, dict(error.headers), time.perf_counter() - start


def _writers(*, besides: Person) -> list[dict[str, Any]]:
    """WRITERS support workers of the large provider, two to each person, each with a token
    that may write, and a meeting for each person to add actions to."""
    provider_admin = StaffMember.objects.filter(
        organisation__name=LARGE_PROVIDER, role=StaffMember.Role.ORG_ADMIN
    ).first()
    if provider_admin is None:
        raise SystemExit("load the large demo first")
    ApiClient.objects.filter(name__startswith="Bench writer").delete()
    people = list(
        Person.objects.filter(service__organisation=provider_admin.organisation)
        .exclude(pk=besides.pk)
        .select_related("service")
        .order_by("pk")[: WRITERS * 4]
    )
    writers: list[dict[str, Any]] = []
    today = timezone.localdate()
    for person in people:
        if len(writers) >= WRITERS:
            break
        workers = [
            w
            for w in StaffMember.objects.filter(
                services=person.service, role=StaffMember.Role.SUPPORT_WORKER
            ).select_related("user")[:2]
            if w.user.has_perm("everyday.check_in", PersonPart(person, Part.TODAY))
            and w.user.has_perm("everyday.write_meeting", person)
        ]
        if len(workers) < 2:
            continue
        CheckIn.objects.filter(person=person, on=today).delete()
        meeting, _ = Meeting.objects.get_or_create(
            person=person,
            on=today,
            defaults={"how_often": "weekly", "with_whom": "My team"},
        )
        for worker in workers:
            _, token = create_client(
                organisation=provider_admin.organisation,
                name=f"Bench writer {len(writers)}",
                acts_as=worker.user,
                scope=ApiClient.Scope.READ_WRITE,
                days=1,
                created_by=provider_admin.user,
            )
            writers.append({"person": person.pk, "meeting": meeting.pk, "token": token})
    if len(writers) < WRITERS:
        raise SystemExit(f"only {len(writers)} writers could be set up")
    return writers[:WRITERS]


def _write_for_a_while(writers: list[dict[str, Any]]) -> dict[str, Any]:
    today = timezone.localdate().isoformat()
    actions_before = MeetingAction.objects.count()
    connection.close()
    server, base = _serve()
    results: list[dict[str, Any]] = [
        {"codes": Counter(), "times": [], "changed": 0, "added": 0, "actions": 0} for _ in writers
    ]
    stop_at = time.monotonic() + WRITE_SECONDS

    def write(i: int) -> None:
        w, out = writers[i], results[i]
        check_in = f"{base}/api/people/{w['person']}/check-ins/{today}/"
        n = 0
        while time.monotonic() < stop_at and n < 5000:  # bounded in time and in count
            n += 1
            # At most 3 requests each 0.4 s (450 a minute): under the 600 a minute each client
            # is allowed, so a refusal here is never the throttle.
            paced = time.monotonic() + 0.4
            code, headers, took = _ask("GET", check_in, w["token"])
            out["codes"][f"GET {code}"] += 1
            out["times"].append(took)
            etag = headers.get("ETag")
            precondition = {"If-Match": etag} if etag else {"If-None-Match": "*"}
            code, _, took = _ask(
                "PUT",
                check_in,
                w["token"],
                {"feeling": 1 + n % 5, "note": f"Writer {i}, write {n}."},
                precondition,
            )
            out["codes"][f"PUT {code}"] += 1
            out["times"].append(took)
            if code == 200:
                out["changed" if etag else "added"] += 1
            if n % 3 == 0:
                code, _, took = _ask(
                    "POST",
                    f"{base}/api/people/{w['person']}/meeting-actions/",
                    w["token"],
                    {
                        "meeting": w["meeting"],
                        "what": f"Writer {i} books the pool ({n})",
                        "who": "Sam",
                        "by_when": today,
                    },
                )
                out["codes"][f"POST {code}"] += 1
                out["times"].append(took)
                if code == 201:
                    out["actions"] += 1
            time.sleep(max(0.0, paced - time.monotonic()))

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(writers))]
    started = time.perf_counter()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=WRITE_SECONDS + 2 * TIMEOUT)
    finally:
        server.terminate()
        server.wait(timeout=10)
    wall = time.perf_counter() - started
    codes: Counter[str] = Counter()
    for out in results:
        codes.update(out["codes"])
    times = [t for out in results for t in out["times"]]
    lost = []
    for person_id in sorted({w["person"] for w in writers}):
        mine = [out for w, out in zip(writers, results, strict=True) if w["person"] == person_id]
        added = sum(out["added"] for out in mine)
        changed = sum(out["changed"] for out in mine)
        version = (
            CheckIn.objects.filter(person_id=person_id, on=today)
            .values_list("version", flat=True)
            .first()
        )
        if added != (1 if version else 0) or (version or 0) != added + changed:
            lost.append(
                {"person": person_id, "version": version, "added": added, "changed": changed}
            )
    actions_answered = sum(out["actions"] for out in results)
    actions_made = MeetingAction.objects.count() - actions_before
    server_errors = sum(v for k, v in codes.items() if k.split()[1].startswith("5"))
    refused_writes = {
        k: v for k, v in codes.items() if not k.startswith("GET") and k.split()[1][0] == "4"
    }
    return {
        "writers": len(writers),
        "seconds": round(wall, 1),
        "requests": sum(codes.values()),
        "requests_per_second": round(sum(codes.values()) / wall, 1),
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(percentile(times, 95) * 1000, 1),
        "answers": dict(sorted(codes.items())),
        "server_errors": server_errors,
        "every_refused_write_a_412": set(refused_writes) <= {"PUT 412"},
        "check_ins_lost": lost,
        "actions_answered_201": actions_answered,
        "actions_in_database": actions_made,
    }


def main() -> None:
    person = _person_with_a_long_history()
    council_worker = (
        CouncilWorker.objects.filter(council__name=LARGE_COUNCILS[0]).select_related("user").first()
    )
    assert council_worker is not None
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    person_key = session_key(person.user)
    council_key = session_key(council_worker.user)
    fhir = measure_pages(
        {
            "baseline: the person's home": "/home/me/",
            "FHIR export (730 check-ins, plan history)": f"/api/people/{person.pk}/fhir/",
        },
        key=person_key,
        baseline="baseline: the person's home",
        requests=int(os.environ.get("BENCH_REQUESTS", "50")),
    )
    check_ins = f"/api/people/{person.pk}/check-ins/"
    person_lists = measure_pages(
        {
            "baseline: the API root": "/api/",
            "the person's check-ins, page 1": f"{check_ins}?page=1",
            "the person's check-ins, page 14 (the last)": f"{check_ins}?page=14",
        },
        key=person_key,
        baseline="baseline: the API root",
    )
    council_lists = measure_pages(
        {
            "baseline: the API root": "/api/",
            "people, page 1": "/api/people/?page=1",
            "people, page 50": "/api/people/?page=50",
        },
        key=council_key,
        baseline="baseline: the API root",
    )
    same_queries = {
        "people page 1 and page 50": count_queries("/api/people/?page=1", council_key)
        == count_queries("/api/people/?page=50", council_key),
        "check-ins page 1 and page 14": count_queries(f"{check_ins}?page=1", person_key)
        == count_queries(f"{check_ins}?page=14", person_key),
    }
    writes = _write_for_a_while(_writers(besides=person))
    print(
        json.dumps(
            {
                "load_average": load_average(),
                "people_the_council_worker_sees": Person.objects.filter(
                    council=council_worker.council
                ).count(),
                "check_ins": CheckIn.objects.filter(person=person).count(),
                "plan_versions": PlanVersion.objects.filter(person=person).count(),
                "fhir": fhir,
                "lists_as_the_person": person_lists,
                "lists_as_a_council_worker": council_lists,
                "same_queries_on_both_pages": same_queries,
                "writers": writes,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
