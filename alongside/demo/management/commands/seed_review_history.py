"""Add about two years of reviews and goals for everyone in the large demo who has none."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alongside.demo.reviews import seed_review_history


class Command(BaseCommand):
    help = "Two years of reviews and goals for the large demo (for the outcome pages)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--years", type=int, default=2)

    def handle(self, *args: Any, seed: int, years: int, **options: Any) -> None:
        # Made-up reviews belong in the demo only, never beside real people's records.
        if not settings.ALONGSIDE_DEMO:
            raise CommandError(
                "Made-up review history can only be added with the demo settings "
                "(alongside.settings.local). Nothing was added."
            )
        added = seed_review_history(seed=seed, years=years, log=self.stdout.write)
        self.stdout.write(f"Added {added:,} reviews.")
