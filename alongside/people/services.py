"""Changes to a person's record. Each one is versioned (django-simple-history) and
written to the audit trail in words the person can read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from alongside.audit.services import record_change
from alongside.saving import save_and_record

from .models import Person, Supporter, field_label
from .selectors import support_workers_of
from .sharing import (
    AUDIENCES_FOR_PART,
    Audience,
    Part,
    SupporterScope,
    not_worker_audience,
    supporter_audience,
    worker_audience,
)

if TYPE_CHECKING:
    from alongside.accounts.models import User


DETAIL_FIELDS = ("preferred_name", "pronouns")


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
    with transaction.atomic():
        save_and_record(
            obj=person, by=changed_by, expected_version=expected_version, fields=DETAIL_FIELDS
        )
        changed = [field_label(Person, f) for f in DETAIL_FIELDS if before[f] != getattr(person, f)]
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
    supporters = [supporter_audience(pk) for pk in person.supporters.values_list("pk", flat=True)]
    # One support worker at the person's service by name: let them see it, or not.
    workers = [
        make(pk)
        for pk, _ in support_workers_of(person)
        for make in (worker_audience, not_worker_audience)
    ]

    def allowed(part: str) -> list[str]:
        # Some parts are never shared with some audiences (the council joins no meetings).
        return [*AUDIENCES_FOR_PART.get(part, Audience.values), *supporters, *workers]

    clean = {part: [a for a in allowed(part) if a in sharing.get(part, [])] for part in Part.values}
    person.sharing = clean
    save_and_record(
        obj=person,
        by=changed_by,
        expected_version=expected_version,
        fields=["sharing"],
        person=person,
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
    summary = (
        f"Changed what {supporter.user} can do to help you"
        if is_active
        else f"Stopped {supporter.user} helping you"
    )
    save_and_record(
        obj=supporter,
        by=changed_by,
        person=supporter.person,
        action="supporter_changed",
        summary=summary,
    )

    return supporter
