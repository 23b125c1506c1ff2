"""Recount the outcome pages' check-in and chosen-worker counts from scratch:
`manage.py rebuild_outcome_rollups`. Run it after any bulk load of check-ins that bypasses
the check-in history (the demo and benchmark generators); pages keep them up to date
otherwise (docs/adr/0050-outcomes-roll-ups.md)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from alongside.outcomes.rollups import rebuild_check_in_months, rebuild_chosen_hours


class Command(BaseCommand):
    help = "Recount the monthly check-in counts behind the outcome pages."

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        months = rebuild_check_in_months()
        weeks = rebuild_chosen_hours()
        self.stdout.write(
            f"Recounted {months} monthly check-in counts and {weeks} monthly counts of hours "
            f"with chosen workers in {time.perf_counter() - start:.1f} s."
        )
