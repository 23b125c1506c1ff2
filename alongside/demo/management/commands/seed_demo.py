"""Load demo data: `manage.py seed_demo` (small) or `--scale large` (a whole provider)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.demo.load import load_demo


class Command(BaseCommand):
    help = "Load made-up demo data. Deterministic with --seed; safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["small", "large"], default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--fraction",
            type=float,
            default=1.0,
            help="Shrink the large demo's files to this fraction (at least one row each).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo accounts share a published password and authenticator key: anywhere but
        # the demo settings they would be working back doors.
        if not settings.ALONGSIDE_DEMO:
            raise CommandError(
                "The demo data can only be loaded with the demo settings "
                "(alongside.settings.local): its accounts use a published password. "
                "Nothing was added."
            )
        started = time.monotonic()
        summary = load_demo(
            scale=options["scale"],
            seed=options["seed"],
            fraction=options["fraction"],
            log=self.stdout.write,
        )
        self.stdout.write(self.style.SUCCESS(f"{summary} in {time.monotonic() - started:.1f}s"))
