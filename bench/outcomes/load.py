"""Outcome pages at scale: the council's and the provider's outcome pages under a bounded
load on 127.0.0.1, with the number of database queries each page makes.

Run it with bench/outcomes/run.sh (a throwaway PostgreSQL cluster, the large demo, two years
of check-ins, reviews, goals and quality checks, a year of published rotas). It needs
DATABASE_URL and DJANGO_SETTINGS_MODULE=bench_settings with SECRET_KEY and
ALLOWED_HOSTS=127.0.0.1. The runner is bench/common/runner.py: gunicorn (2 workers) on
127.0.0.1, each page asked 5 times to warm up, then REQUESTS times one after another (10 s
time-out each). The council home and the quality lead home (the foundation's pages) are
measured in the same run as baselines.
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
from alongside.everyday.models import CheckIn, Suggestion  # noqa: E402
from alongside.organisations.models import CouncilWorker, Organisation, StaffMember  # noqa: E402
from alongside.outcomes.models import CheckInMonth, ChosenHoursMonth  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from alongside.quality.models import Answer  # noqa: E402
from alongside.reviews.models import Goal, Review  # noqa: E402
from alongside.rota.models import RotaShift  # noqa: E402
from bench.common.runner import load_average, measure_pages, session_key  # noqa: E402

COUNCIL_BASELINE = "baseline: council home (people of the council)"
PROVIDER_BASELINE = "baseline: quality lead home (All services)"


def main() -> None:
    provider = Organisation.objects.get(name=LARGE_PROVIDER)
    lead = StaffMember.objects.filter(
        organisation=provider, role=StaffMember.Role.QUALITY_LEAD
    ).first()
    assert lead is not None, "load the large demo first"
    # The council with the most people of the large demo.
    council_worker = max(
        CouncilWorker.objects.select_related("council"),
        key=lambda c: Person.objects.filter(council=c.council).count(),
    )
    counts = {
        "services": provider.services.count(),
        "people": Person.objects.count(),
        "people_of_the_council": Person.objects.filter(council=council_worker.council).count(),
        "check_ins": CheckIn.objects.count(),
        "reviews": Review.objects.count(),
        "goals": Goal.objects.count(),
        "suggestions": Suggestion.objects.count(),
        "published_rota_shifts": RotaShift.objects.filter(week__status="published").count(),
        "quality_answers": Answer.objects.count(),
        "check_in_month_rows": CheckInMonth.objects.count(),
        "chosen_hours_month_rows": ChosenHoursMonth.objects.count(),
    }
    council = measure_pages(
        {
            COUNCIL_BASELINE: "/home/council/",
            "council outcomes": "/outcomes/council/",
            "council outcomes, by-service page 10": "/outcomes/council/?page=10",
        },
        key=session_key(council_worker.user),
        baseline=COUNCIL_BASELINE,
    )
    provider_pages = measure_pages(
        {
            PROVIDER_BASELINE: "/home/quality/",
            "provider outcomes": "/outcomes/provider/",
            "provider outcomes, by-service page 30": "/outcomes/provider/?page=30",
        },
        key=session_key(lead.user),
        baseline=PROVIDER_BASELINE,
    )
    print(
        json.dumps(
            {
                "data": counts,
                "load_average": load_average(),
                "council": council,
                "provider": provider_pages,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
