"""Make up a history of quality checks (for the large demo and the benchmarks).

manage.py generate_quality_checks --months 24 --seed 7 [--organisation "Name"]
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alongside.demo.organisations import LARGE_PROVIDER
from alongside.demo.quality_history import generate_checks
from alongside.organisations.models import Organisation
from alongside.quality.models import QualityCheck


class Command(BaseCommand):
    help = "Make up months of quality checks for the large demo."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--months", type=int, default=24)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--organisation", default=LARGE_PROVIDER)

    def handle(self, *args: Any, months: int, seed: int, organisation: str, **options: Any) -> None:
        provider = Organisation.objects.filter(name=organisation).first()
        if provider is None:
            raise CommandError(f"No organisation called {organisation}. Load the large demo first.")
        if QualityCheck.objects.filter(service__organisation=provider).count() > 100:
            self.stdout.write("Checks already made up for this organisation.")
            return
        count = generate_checks(
            organisation=provider, months=months, seed=seed, log=self.stdout.write
        )
        self.stdout.write(f"Made up {count} quality checks.")
