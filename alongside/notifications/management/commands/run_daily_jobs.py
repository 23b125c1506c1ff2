"""The daily jobs (late meeting actions, and any others in `notifications.daily`).

manage.py run_daily_jobs           # run today's now (from cron; safe to run twice)
manage.py run_daily_jobs --queue   # queue them for the workers, every day from today
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from alongside.notifications import daily
from alongside.notifications.tasks import run_daily_jobs


class Command(BaseCommand):
    help = "Run today's daily jobs once, or --queue them as a task that runs every day."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue today's run for the workers; each run queues the next day's.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["queue"]:
            when = max(
                timezone.now(),
                daily.next_run_after(today - datetime.timedelta(days=1)),
            )
            task = run_daily_jobs
            if task.get_backend().supports_defer:
                task = task.using(run_after=when)
            task.enqueue(day=today.isoformat())
            self.stdout.write(f"Queued the daily jobs for {today}, then every day.")
            return
        report = daily.run_daily_jobs(today=today)
        for name, result in report.items():
            self.stdout.write(f"{name}: {result}")
