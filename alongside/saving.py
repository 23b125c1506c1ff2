"""One way to save and record (issue 16, item 3).

Every service that writes a record the history and the audit trail keep calls
`save_and_record`: in one transaction it names who made the change for the history,
validates the record, saves it (claiming the next version when the editor opened an
earlier one) and records the change in the person's audit trail in words they can read.
If validation fails, or somebody else saved first, nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import models, transaction

from alongside.audit.services import record_change
from alongside.concurrency import EditConflict, save_if_unchanged

if TYPE_CHECKING:
    from alongside.accounts.models import User
    from alongside.people.models import Person


def set_history_user(obj: models.Model, user: User | None) -> None:
    """Name `user` as the author of `obj`'s next history row (django-simple-history)."""
    obj._history_user = user  # type: ignore[attr-defined]


def save_and_record(
    *,
    obj: models.Model,
    by: User | None,
    person: Person | None = None,
    action: str = "",
    summary: str = "",
    fields: Sequence[str] | None = None,
    expected_version: int | None = None,
    conflict: type[EditConflict] = EditConflict,
    clean_exclude: Sequence[str] | None = None,
    validate_constraints: bool = True,
) -> None:
    """Set the history user, `full_clean`, save and `record_change`, in one transaction.

    `fields` saves only those fields. With `expected_version`, the save claims the next
    version and raises `conflict` (saving nothing) if someone saved since. The change is
    recorded against `person` when given (with `action` and `summary`); leave `person` out
    when the caller records it itself (inside its own `transaction.atomic()`).
    """
    with transaction.atomic():
        set_history_user(obj, by)
        obj.full_clean(
            exclude=None if clean_exclude is None else list(clean_exclude),
            validate_constraints=validate_constraints,
        )
        if expected_version is not None:
            save_if_unchanged(
                obj=obj,
                expected_version=expected_version,
                fields=None if fields is None else list(fields),
                conflict=conflict,
            )
        else:
            obj.save(update_fields=None if fields is None else list(fields))
        if person is not None:
            record_change(person=person, changed_by=by, action=action, summary=summary)
