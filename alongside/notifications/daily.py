"""The daily jobs: one registry, run once a day by a task that queues itself for the next
day, or by `manage.py run_daily_jobs` from cron (ADR 0005).

To add a job, add its dotted path to DAILY_JOBS: a function `(*, today: date)` that is safe
to run twice on one day and returns something short to report (a count, a sentence).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from alongside.background import enqueue_at

from .models import DailyRun

logger = logging.getLogger(__name__)

DAILY_JOBS: dict[str, str] = {
    "late meeting actions": "alongside.everyday.notifications.late_actions",
    "downloads kept 7 days": "alongside.downloads.services.expire_old_downloads_daily",
}
# When the queued daily jobs run, in London time.
RUN_AT = datetime.time(7, 15)


def run_daily_jobs(*, today: datetime.date) -> dict[str, Any]:
    """Run each registered job for `today`, once: a second call that day only returns the
    first one's report. A job that fails is logged and reported; the others still run."""
    with transaction.atomic():
        run, created = DailyRun.objects.get_or_create(day=today)
        if not created:
            return dict(run.report)
    report: dict[str, Any] = {}
    for name, path in DAILY_JOBS.items():
        try:
            report[name] = import_string(path)(today=today)
        except Exception as error:
            logger.exception("The daily job %r failed on %s", name, today)
            report[name] = f"failed: {type(error).__name__}: {error}"
    DailyRun.objects.filter(pk=run.pk).update(report=report)
    return report


def next_run_after(day: datetime.date) -> datetime.datetime:
    """When the jobs of the day after `day` run."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), RUN_AT))


def queue_next_day(*, after: datetime.date) -> bool:
    """Queue the daily jobs of the day after `after`, once however many times it is asked."""
    from .tasks import run_daily_jobs as task

    DailyRun.objects.get_or_create(day=after)
    claimed = DailyRun.objects.filter(day=after, next_queued=False).update(next_queued=True)
    if not claimed:
        return False
    when = next_run_after(after)
    return enqueue_at(task, when=when, day=(after + datetime.timedelta(days=1)).isoformat())


def run_daily_jobs_task_body(*, day: str, again: bool) -> dict[str, Any]:
    today = datetime.date.fromisoformat(day)
    report = run_daily_jobs(today=today)
    if again:
        queue_next_day(after=today)
    return report
