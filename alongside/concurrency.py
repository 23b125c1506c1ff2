"""Two people editing the same thing never silently overwrite each other.

Editable records carry a `version`. A save claims the next version with one conditional
UPDATE, which takes the row lock: of two people saving at once exactly one wins, and the other
is told, with what the winner saved, so their own words can be kept and merged.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import F


class EditConflict(Exception):
    """Someone else saved this after the editor opened it. `current` is what they saved."""

    message = "Someone else changed this while you were editing."

    def __init__(self, current: Any) -> None:
        super().__init__(self.message)
        self.current = current


def claim_next_version(
    *, obj: models.Model, expected_version: int, conflict: type[EditConflict] = EditConflict
) -> None:
    """Claim `expected_version + 1` for `obj`, or raise `conflict` with the saved record.

    Call inside `transaction.atomic()` when more is written with it; sets `obj.version`.
    """
    model = type(obj)
    claimed = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if claimed != 1:
        raise conflict(model._default_manager.get(pk=obj.pk))
    obj.version = expected_version + 1  # type: ignore[attr-defined]


def save_if_unchanged(
    *,
    obj: models.Model,
    expected_version: int,
    fields: list[str] | None = None,
    conflict: type[EditConflict] = EditConflict,
) -> None:
    """Save `obj` (only `fields`, if given) if nobody saved since `expected_version`;
    otherwise raise `conflict` and save nothing. Validate before calling."""
    with transaction.atomic():
        claim_next_version(obj=obj, expected_version=expected_version, conflict=conflict)
        obj.save(update_fields=None if fields is None else [*fields, "version"])


def save_first_or_unchanged(
    *,
    obj: models.Model,
    expected_version: int,
    unique: dict[str, Any],
    conflict: type[EditConflict] = EditConflict,
) -> None:
    """`save_if_unchanged` for a record that may not be saved yet: an organisation's settings
    start as the defaults (version 1) and are first saved when someone changes them. Of two
    first saves at once, the unique key (`unique`, e.g. the organisation) lets one in; the
    other raises `conflict` with what the first saved. Validate before calling."""
    if obj.pk is not None:
        save_if_unchanged(obj=obj, expected_version=expected_version, conflict=conflict)
        return
    model = type(obj)
    if expected_version != 1:  # the form came from a saved record, which is gone now
        raise conflict(model._default_manager.filter(**unique).first() or model(**unique))
    obj.version = expected_version + 1  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            obj.save(force_insert=True)
    except IntegrityError:
        obj.pk = None
        obj.version = expected_version  # type: ignore[attr-defined]
        raise conflict(model._default_manager.get(**unique)) from None
