"""The person's download and "Who has looked" for a person with a long history.

Run it with bench/downloads/run.sh (a throwaway PostgreSQL cluster with the large demo). One
person of the large demo is given 730 daily check-ins (two years) and 20,000 logged views by
25 workers over those two years, then:

- the download, BENCH_DOWNLOADS times: "Make my download" is pressed (a POST, in this
  process, signed in as the person) and the time is taken until the download is ready, made
  by a real worker (`manage.py db_worker`, a separate process polling every 0.05 s), so the
  queue and the task are both in the time; the PDF's pages are counted (pypdf);
- the JSON alone (`everything_held_json`, in this process), BENCH_DOWNLOADS times;
- "Who has looked" page 1 and page 100 through bench/common/runner.py (gunicorn, 2 workers,
  5 warm-up requests then BENCH_REQUESTS one after another), with the queries each makes;
  the person's home page is the baseline.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import resolve, reverse  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from alongside.audit.models import RecordView  # noqa: E402
from alongside.demo.organisations import LARGE_COUNCILS  # noqa: E402
from alongside.downloads.models import KeptDownload  # noqa: E402
from alongside.everyday.models import CheckIn  # noqa: E402
from alongside.organisations.models import StaffMember  # noqa: E402
from alongside.people.downloads import everything_held_json  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from bench.common.runner import load_average, measure_pages, percentile, session_key  # noqa: E402

DOWNLOADS = int(os.environ.get("BENCH_DOWNLOADS", "5"))
VIEWS, DAYS = 20_000, 730
BASELINE = "baseline: the person's home"


def _person_with_a_long_history() -> Person:
    person = (
        Person.objects.filter(council__name=LARGE_COUNCILS[0], user__isnull=False)
        .select_related("user", "service")
        .order_by("pk")
        .first()
    )
    if person is None:
        raise SystemExit("load the large demo first")
    workers = list(StaffMember.objects.filter(services=person.service).select_related("user")[:25])
    viewers = [w.user for w in workers] or [person.user]
    end = dt.datetime.now(dt.UTC)
    start = end - dt.timedelta(days=DAYS)
    step = (end - start) / VIEWS
    RecordView.objects.filter(person=person).delete()
    RecordView.objects.bulk_create(
        (
            RecordView(
                person=person,
                viewer=viewers[i % len(viewers)],
                page=("Your record", "How you are today", "Your plan")[i % 3],
                viewed_at=start + i * step,
            )
            for i in range(VIEWS)
        ),
        batch_size=2000,
    )
    CheckIn.objects.filter(person=person).delete()
    CheckIn.objects.bulk_create(
        (
            CheckIn(
                person=person,
                on=end.date() - dt.timedelta(days=n),
                feeling=1 + n % 5,
                note=f"Day {n}: a walk to the park, then tea with my sister.",
                helps=[],
            )
            for n in range(DAYS)
        ),
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return person


def _downloads(person: Person, key: str) -> dict[str, object]:
    worker = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "manage.py",
            "db_worker",
            "--interval",
            "0.05",
            "--no-startup-delay",
            "--no-reload",
            "-v0",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    times, pages = [], []
    try:
        time.sleep(2)  # the worker is up before the clock starts
        for _ in range(DOWNLOADS):
            start = time.perf_counter()
            asked = client.post(reverse("downloads:ask", args=[person.pk]), secure=True)
            assert asked.status_code == 302, asked.status_code
            kwargs = resolve(asked["Location"]).kwargs
            while True:
                status = (
                    KeptDownload.objects.filter(pk=kwargs["download_id"])
                    .values_list("status", flat=True)
                    .get()
                )
                if status != KeptDownload.Status.MAKING:
                    break
                if time.perf_counter() - start > 120:
                    raise SystemExit("the download took more than 2 minutes")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
            assert status == KeptDownload.Status.READY, status
            pdf = client.get(reverse("downloads:pdf", kwargs=kwargs), secure=True).content
            pages.append(len(PdfReader(io.BytesIO(pdf)).pages))
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    json_times = []
    for _ in range(DOWNLOADS):
        start = time.perf_counter()
        made = everything_held_json(person=person, viewer=person.user)
        json_times.append(time.perf_counter() - start)
    return {
        "pdf_and_json_request_to_ready_s": {
            "p50": round(statistics.median(times), 2),
            "max": round(max(times), 2),
            "all": [round(t, 2) for t in times],
        },
        "pdf_pages": sorted(set(pages)),
        "json_alone_s": {
            "p50": round(statistics.median(json_times), 2),
            "p95": round(percentile(json_times, 95), 2),
        },
        "json_bytes": len(made),
    }


def main() -> None:
    person = _person_with_a_long_history()
    key = session_key(person.user)
    downloads = _downloads(person, key)
    who_looked = reverse("people:who-looked", args=[person.pk])
    pages = {
        BASELINE: "/home/me/",
        "Who has looked, page 1": who_looked,
        "Who has looked, page 100": f"{who_looked}?page=100",
    }
    results = measure_pages(pages, key=key, baseline=BASELINE)
    data = {
        "views": RecordView.objects.filter(person=person).count(),
        "check_ins": CheckIn.objects.filter(person=person).count(),
        "people": Person.objects.count(),
    }
    print(
        json.dumps(
            {
                "data": data,
                "load_average": load_average(),
                "downloads": downloads,
                "pages": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
