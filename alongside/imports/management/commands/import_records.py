"""Bring in a file of records from the command line:

    manage.py import_records --organisation "Elm Support" --kind staff staff.csv [--check]

The same checks and all-or-nothing bring-in as the "Bring in your records" page; the file
and its outcome are kept as an ImportRun, as from the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.imports.models import ImportRun
from alongside.imports.services import bring_in, check_upload
from alongside.organisations.models import Organisation

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Check a CSV file of records and (without --check) bring it in, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV file")
        parser.add_argument("--organisation", required=True, help="the organisation's name")
        parser.add_argument("--kind", required=True, choices=ImportRun.Kind.values)
        parser.add_argument("--check", action="store_true", help="check only; bring nothing in")

    def _progress(self, label: str) -> Any:
        def show(done: int, total: int) -> None:
            share = done / total if total else 1
            filled = round(BAR_WIDTH * share)
            self.stdout.write(
                f"\r{label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%} "
                f"({done} of {total} rows)",
                ending="",
            )
            self.stdout.flush()

        return show

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"There is no organisation called '{options['organisation']}'.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file at '{path}'.")
        run = check_upload(
            organisation=organisation,
            kind=options["kind"],
            file_name=path.name,
            data=path.read_bytes(),
            by=None,
            progress=self._progress("Checking"),
        )
        self.stdout.write("")
        if run.problems:
            for problem in run.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{len(run.problems)} problems: nothing was brought in. Correct the file "
                "and run this again."
            )
        self.stdout.write(
            f"Checked {run.total_rows} rows: {run.added} to add, {run.changed} to change, "
            f"{run.unchanged} as they are."
        )
        if options["check"]:
            self.stdout.write("Nothing was brought in (--check).")
            return
        run = bring_in(run=run, by=None, progress=self._progress("Bringing in"))
        self.stdout.write("")
        if run.status != ImportRun.Status.DONE:
            for problem in run.problems:
                self.stderr.write(problem)
            raise CommandError("Nothing was brought in.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Brought in: {run.added} added, {run.changed} changed, "
                f"{run.unchanged} as they were."
            )
        )
