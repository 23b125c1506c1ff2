"""Writing a check-in. One a day per person; changing it that day is safe when two people
save at once (the second is told and keeps their words)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F

from alongside.audit.services import record_change
from alongside.people.models import Person

from .models import CheckIn, Feeling

if TYPE_CHECKING:
    from alongside.accounts.models import User


class EditConflict(Exception):
    """Someone else saved today's check-in after the editor opened it."""

    def __init__(self, current: CheckIn) -> None:
        super().__init__("Someone else changed this while you were editing.")
        self.current = current


def save_check_in(
    *,
    person: Person,
    recorded_by: User,
    on: datetime.date,
    expected_version: int,
    feeling: int,
    helps: list[str],
    note: str,
    alert_team: bool,
) -> CheckIn:
    """Save the person's check-in for `on`. `expected_version` is 0 for a new one.

    Done by anyone other than the person counts as "with support". Raises EditConflict if
    someone saved first, and ValidationError for bad input (nothing saved).
    """
    with_support = person.user_id != recorded_by.pk
    check_in = CheckIn.objects.filter(person=person, on=on).first()
    if check_in is None:
        if expected_version != 0:
            raise EditConflict(CheckIn(person=person, on=on, feeling=Feeling.OK, version=0))
        check_in = CheckIn(person=person, on=on, version=1)
    elif check_in.version != expected_version:
        raise EditConflict(check_in)
    check_in.feeling = feeling
    check_in.helps = list(helps)
    check_in.note = note
    check_in.alert_team = alert_team
    check_in.with_support = with_support
    check_in.recorded_by = recorded_by
    check_in._history_user = recorded_by  # type: ignore[attr-defined]
    check_in.full_clean(validate_constraints=False)
    with transaction.atomic():
        if check_in.pk is None:
            try:
                with transaction.atomic():
                    check_in.save()
            except IntegrityError:
                raise EditConflict(CheckIn.objects.get(person=person, on=on)) from None
            summary = "Said how you are today"
        else:
            claimed = CheckIn.objects.filter(pk=check_in.pk, version=expected_version).update(
                version=F("version") + 1
            )
            if claimed != 1:
                raise EditConflict(CheckIn.objects.get(pk=check_in.pk))
            check_in.version = expected_version + 1
            check_in.save()
            summary = "Changed how you are today"
        if with_support:
            summary += " (with support)"
        record_change(person=person, changed_by=recorded_by, action="check_in", summary=summary)
    return check_in
