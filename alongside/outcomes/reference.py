"""The organisation's "We statements", read from the same Making It Real edition file as
the quality app's I statements, and stored against that edition's themes.

Loading is idempotent: a theme that already has its We statements is left exactly as it is,
so an assessment keeps the wording it was made against. A later edition's file adds its own
themes (through the quality app's loader) and then its own We statements here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError


def load_we_statements(data: dict[str, Any], *, theme_model: Any, we_model: Any) -> int:
    """Store the We statements of one edition file. Returns how many were added.

    Model classes are passed in so the data migration can use it too.
    """
    added = 0
    for theme_data in data.get("themes", []):
        theme = theme_model.objects.filter(
            edition__key=data["edition"], key=theme_data["key"]
        ).first()
        if theme is None or we_model.objects.filter(theme=theme).exists():
            continue
        for position, statement in enumerate(theme_data.get("we_statements") or []):
            if not statement.get("key") or not statement.get("text"):
                raise ValidationError("Each We statement needs a key and text.")
            we_model.objects.create(
                theme=theme, key=statement["key"], text=statement["text"], position=position
            )
            added += 1
    return added


def ensure_we_statements(path: Path | None = None) -> Any:
    """The starter edition with its We statements, loading them if they are missing (the
    data migration loads them, but a flushed test database has lost them)."""
    from alongside.quality.models import Theme
    from alongside.quality.reference import STARTER_EDITION, ensure_starter_edition, read_edition

    from .models import WeStatement

    edition = ensure_starter_edition()
    load_we_statements(
        read_edition(path or STARTER_EDITION), theme_model=Theme, we_model=WeStatement
    )
    return edition
