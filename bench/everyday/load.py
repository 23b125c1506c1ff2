"""Everyday at scale: the worker's Today page and the patterns page under a bounded load on
127.0.0.1, with the number of database queries each page makes.

Run it with bench/everyday/run.sh (a throwaway PostgreSQL cluster, the large demo and two
years of daily check-ins). It needs DATABASE_URL and DJANGO_SETTINGS_MODULE=bench_settings
with SECRET_KEY and ALLOWED_HOSTS=127.0.0.1.

Gunicorn (2 workers) on 127.0.0.1; signed in as a support worker of the large demo through a
session made here (two-factor included); each page is asked 5 times to warm up, then
REQUESTS times one after another (bounded; 10 s time-out each). The worker's home (the
foundation's page) is measured in the same run as a baseline.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from alongside.demo.organisations import LARGE_PROVIDER  # noqa: E402
from alongside.everyday.models import CheckIn  # noqa: E402
from alongside.organisations.models import StaffMember  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from bench.common.runner import load_average, measure_pages, session_key  # noqa: E402

BASELINE = "baseline: worker home (People I support)"


def _worker_and_person() -> tuple[StaffMember, Person]:
    for worker in StaffMember.objects.filter(
        organisation__name=LARGE_PROVIDER, role=StaffMember.Role.SUPPORT_WORKER
    ).order_by("pk")[:200]:
        service_ids = list(worker.services.values_list("pk", flat=True))
        person = Person.objects.filter(service_id__in=service_ids).order_by("pk").first()
        if person is not None:
            return worker, person
    raise SystemExit("load the large demo first")


def main() -> None:
    worker, person = _worker_and_person()
    key = session_key(worker.user)
    pages = {
        BASELINE: "/home/worker/",
        "Today (handover)": "/everyday/today/",
        "patterns of one person (6 weeks)": f"/everyday/people/{person.pk}/patterns/",
    }
    counts = {
        "people": Person.objects.count(),
        "check_ins": CheckIn.objects.count(),
        "people_on_today_page": Person.objects.filter(
            service_id__in=list(worker.services.values_list("pk", flat=True))
        ).count(),
        "person_check_ins": CheckIn.objects.filter(person=person).count(),
    }
    results = measure_pages(pages, key=key, baseline=BASELINE)
    print(json.dumps({"data": counts, "load_average": load_average(), "pages": results}, indent=2))


if __name__ == "__main__":
    main()
