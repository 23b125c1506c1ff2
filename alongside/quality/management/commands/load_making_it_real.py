"""Load an edition of Making It Real's I statements from a YAML file.

    manage.py load_making_it_real [path/to/edition.yaml]

Without a path it loads the starter edition kept in alongside/quality/reference/.
An edition already loaded is left as it is; checks made against it keep their wording.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from alongside.quality.models import Edition, IStatement, Theme
from alongside.quality.reference import STARTER_EDITION, load_edition, read_edition


class Command(BaseCommand):
    help = "Load an edition of the Making It Real I statements (YAML)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", nargs="?", default=str(STARTER_EDITION))

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        try:
            data = read_edition(Path(path))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        edition, created = load_edition(
            data, edition_model=Edition, theme_model=Theme, statement_model=IStatement
        )
        count = IStatement.objects.filter(theme__edition=edition).count()
        if created:
            self.stdout.write(f"Loaded edition {edition.key}: {count} I statements.")
        else:
            self.stdout.write(f"Edition {edition.key} is already loaded ({count} I statements).")
