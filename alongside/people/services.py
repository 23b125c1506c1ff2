"""Changes to a person's record. Each one is versioned (django-simple-history) and
written to the audit trail in words the person can read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F

from alongside.audit.services import record_change

from .models import Person, Supporter
from .sharing import Audience, Part, SupporterScope, supporter_audience

if TYPE_CHECKING:
    from alongside.accounts.models import User


class EditConflict(Exception):
    """Someone else saved this record after the editor opened it."""

    def __init__(self, current: Person) -> None:
        super().__init__("Someone else changed this while you were editing.")
        self.current = current


DETAIL_FIELDS = ("preferred_name", "pronouns")


def _save_if_unchanged(*, person: Person, expected_version: int, fields: list[str]) -> None:
    """Save `fields` only if nobody saved since `expected_version`; otherwise raise.

    Claiming the next version number with one conditional UPDATE takes the row lock,
    so of two people saving at once exactly one wins and the other is told.
    """
    person.full_clean()
    with transaction.atomic():
        claimed = Person.objects.filter(pk=person.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if claimed != 1:
            raise EditConflict(Person.objects.get(pk=person.pk))
        person.version = expected_version + 1
        person.save(update_fields=[*fields, "version"])


def update_person_details(
    *,
    person: Person,
    changed_by: User,
    expected_version: int,
    preferred_name: str,
    pronouns: str,
) -> Person:
    """Change the person's own details. Raises EditConflict if someone saved first."""
    before = {f: getattr(person, f) for f in DETAIL_FIELDS}
    person.preferred_name = preferred_name
    person.pronouns = pronouns
    person._history_user = changed_by  # type: ignore[attr-defined]
    _save_if_unchanged(person=person, expected_version=expected_version, fields=list(DETAIL_FIELDS))
    changed = [
        str(Person._meta.get_field(f).verbose_name)  # type: ignore[union-attr]
        for f in DETAIL_FIELDS
        if before[f] != getattr(person, f)
    ]
    if changed:
        record_change(
            person=person,
            changed_by=changed_by,
            action="details_changed",
            summary="Changed " + ", ".join(changed),
        )
    return person


def update_sharing(
    *, person: Person, changed_by: User, expected_version: int, sharing: dict[str, list[str]]
) -> Person:
    """The person's choice of who sees each part of their record."""
    allowed = Audience.values + [
        supporter_audience(pk) for pk in person.supporters.values_list("pk", flat=True)
    ]
    clean = {part: [a for a in allowed if a in sharing.get(part, [])] for part in Part.values}
    person.sharing = clean
    person._history_user = changed_by  # type: ignore[attr-defined]
    _save_if_unchanged(person=person, expected_version=expected_version, fields=["sharing"])
    record_change(
        person=person,
        changed_by=changed_by,
        action="sharing_changed",
        summary="Changed who can see your information",
    )
    return person


def set_supporter_scopes(
    *, supporter: Supporter, changed_by: User, scopes: list[str], is_active: bool = True
) -> Supporter:
    """What one supporter may do for the person. Only the person sets this."""
    supporter.scopes = [s for s in SupporterScope.values if s in scopes]
    supporter.is_active = is_active
    supporter._history_user = changed_by  # type: ignore[attr-defined]
    supporter.full_clean()
    supporter.save()
    summary = (
        f"Changed what {supporter.user} can do to help you"
        if is_active
        else f"Stopped {supporter.user} helping you"
    )
    record_change(
        person=supporter.person, changed_by=changed_by, action="supporter_changed", summary=summary
    )
    return supporter
