"""Run once a day (for example from cron): tell managers about meeting actions that became
late today."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from alongside.everyday.notifications import late_actions


class Command(BaseCommand):
    help = "Tell service managers about meeting actions that became late today."

    def handle(self, *args: Any, **options: Any) -> None:
        count = late_actions(today=timezone.localdate())
        self.stdout.write(f"Told managers about {count} late action(s).")
