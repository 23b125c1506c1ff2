"""Making It Real as versioned reference data.

An edition is loaded once and never changed: loading a file whose edition key is already
stored does nothing, and a new edition is added beside the old ones, so every check keeps
the statements (and wording) it was made against.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

STARTER_EDITION = Path(__file__).resolve().parent / "reference" / "making-it-real.yaml"


def read_edition(path: Path) -> dict[str, Any]:
    """Read and check an edition file; raise ValidationError in plain words if it is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ValidationError(f"Could not read {path.name}: {error}") from error
    if not isinstance(data, dict) or not data.get("edition") or not data.get("themes"):
        raise ValidationError(f"{path.name} needs an edition key and a list of themes.")
    for theme in data["themes"]:
        if not theme.get("key") or not theme.get("name") or not theme.get("i_statements"):
            raise ValidationError(
                f"Each theme in {path.name} needs a key, a name and I statements."
            )
        for statement in theme["i_statements"]:
            if not statement.get("key") or not statement.get("text"):
                raise ValidationError(f"Each I statement in {path.name} needs a key and text.")
    return data


def load_edition(
    data: dict[str, Any], *, edition_model: Any, theme_model: Any, statement_model: Any
) -> tuple[Any, bool]:
    """Store one edition (model classes passed in so a data migration can use it too).

    Returns (edition, created). An edition already stored is left exactly as it is.
    """
    existing = edition_model.objects.filter(key=data["edition"]).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        edition = edition_model.objects.create(
            key=data["edition"], framework=data.get("framework", "Making It Real")
        )
        for t_position, theme_data in enumerate(data["themes"]):
            theme = theme_model.objects.create(
                edition=edition,
                key=theme_data["key"],
                name=theme_data["name"],
                position=t_position,
            )
            statement_model.objects.bulk_create(
                statement_model(theme=theme, key=s["key"], text=s["text"], position=s_position)
                for s_position, s in enumerate(theme_data["i_statements"])
            )
    return edition, True


def ensure_starter_edition() -> Any:
    """The starter edition, loading it if this database has none (the data migration loads
    it, but a test database that was flushed has lost it)."""
    from .models import Edition, IStatement, Theme

    edition, _ = load_edition(
        read_edition(STARTER_EDITION),
        edition_model=Edition,
        theme_model=Theme,
        statement_model=IStatement,
    )
    return edition
