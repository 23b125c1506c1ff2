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
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from alongside.demo.organisations import LARGE_PROVIDER  # noqa: E402
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
from bench.common.runner import load_average, measure_pages, session_key  # noqa: E402

BASELINE = "baseline: quality lead home (All services)"
PAGES = {  # each asked REQUESTS times, one after another
    BASELINE: "/home/quality/",
    "coverage": "/quality/coverage/",
    "coverage, page 20": "/quality/coverage/?page=20",
    "results by I statement": "/quality/results/",
}


def main() -> None:
    provider = Organisation.objects.get(name=LARGE_PROVIDER)
    lead = StaffMember.objects.filter(
        organisation=provider, role=StaffMember.Role.QUALITY_LEAD
    ).first()
    assert lead is not None, "load the large demo first"
    key = session_key(lead.user)
    counts = {
        "services": provider.services.count(),
        "quality checkers": QualityChecker.objects.count(),
        "checks": QualityCheck.objects.count(),
        "answers": Answer.objects.count(),
        "actions": QualityAction.objects.count(),
    }
    # The planner, in this process, for every service of the large provider.
    month = datetime.date.today().replace(day=1)
    targets = len(services_needing_a_check(organisation=provider, on=month))
    slots = checker_slots(organisation=provider, month=month)
    start = time.perf_counter()
    proposals = make_proposals(
        organisation=provider,
        month=month,
    )
    planner_seconds = time.perf_counter() - start
    # A harder case: every trained checker willing to check anywhere in their region.
    willing = [dataclasses.replace(slot, checks_in_region=True) for slot in slots]
    targets_by_region = [
        ServiceToCheck(service_id=pk, region_id=region)
        for pk, region in services_needing_a_check(organisation=provider, on=month).items()
    ]
    start = time.perf_counter()
    willing_plan = solve(willing, targets_by_region)
    willing_seconds = time.perf_counter() - start
    connection.close()
    results = measure_pages(PAGES, key=key, baseline=BASELINE, with_queries=False)
    print(
        json.dumps(
            {
                "data": counts,
                "load_average": load_average(),
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
