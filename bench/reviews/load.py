"""Reviews at scale: a council worker's "Reviews due" list, one review and one finished
review record under a bounded load on 127.0.0.1, with the number of database queries each
page makes.

Run it with bench/reviews/run.sh (a throwaway PostgreSQL cluster, the large demo with about
two years of reviews and goals). It needs DATABASE_URL and DJANGO_SETTINGS_MODULE=
bench_settings with SECRET_KEY and ALLOWED_HOSTS=127.0.0.1. The runner is
bench/common/runner.py: gunicorn (2 workers) on 127.0.0.1, signed in as a council worker of
the large demo, each page asked 5 times to warm up, then REQUESTS times one after another
(10 s time-out each). The council home (the foundation's page, with the reviews sections) is
measured in the same run as a baseline.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from alongside.demo.organisations import LARGE_COUNCILS  # noqa: E402
from alongside.organisations.models import CouncilWorker  # noqa: E402
from alongside.people.models import Person  # noqa: E402
from alongside.reviews.models import Goal, Review, ReviewStatus  # noqa: E402
from bench.common.runner import load_average, measure_pages, session_key  # noqa: E402

BASELINE = "baseline: council home (with Reviews due)"


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


def main() -> None:
    worker, due, done = _worker_and_review()
    due_count = (
        Review.objects.filter(person__council=worker.council)
        .exclude(status=ReviewStatus.COMPLETED)
        .count()
    )
    pages = {
        BASELINE: "/home/council/",
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
    results = measure_pages(pages, key=session_key(worker.user), baseline=BASELINE)
    print(json.dumps({"data": counts, "load_average": load_average(), "pages": results}, indent=2))


if __name__ == "__main__":
    main()
