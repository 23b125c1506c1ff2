"""Writing a check-in. One a day per person; changing it that day is safe when two people
save at once (the second is told and keeps their words)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from alongside.audit.services import record_change
from alongside.organisations.models import Service
from alongside.people.models import Person

from .models import NEXT_STATUSES, CheckIn, Feeling, Suggestion, SuggestionStatus

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


# --- Suggestions -------------------------------------------------------------------------


def make_suggestion(
    *, service: Service, suggested_by: User, text: str, anonymous: bool
) -> Suggestion:
    """Store an idea for `service`. When `anonymous`, who made it is not stored anywhere:
    not on the row, not in its history, not in the audit trail."""
    suggestion = Suggestion(
        service=service,
        text=text.strip(),
        anonymous=anonymous,
        suggested_by=None if anonymous else suggested_by,
    )
    # The history records nobody for an anonymous idea (not the signed-in user).
    suggestion._history_user = None if anonymous else suggested_by  # type: ignore[attr-defined]
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def respond_to_suggestion(
    *,
    suggestion: Suggestion,
    responded_by: User,
    expected_version: int,
    status: str,
    response: str,
) -> Suggestion:
    """Move a suggestion on and say what we will do. "Not doing it" needs a reason.
    Raises ValidationError (nothing saved) or SuggestionConflict."""
    if (
        status != suggestion.status
        and status not in NEXT_STATUSES[SuggestionStatus(suggestion.status)]
    ):
        raise ValidationError(
            f"A suggestion that is “{suggestion.get_status_display()}” cannot move to "
            f"“{SuggestionStatus(status).label}”."
        )
    now = timezone.now()
    suggestion.status = status
    suggestion.response = response.strip()
    if status != SuggestionStatus.RECEIVED and suggestion.first_response_at is None:
        suggestion.first_response_at = now
    if status in (SuggestionStatus.NOT_DOING, SuggestionStatus.DONE) and not suggestion.outcome_at:
        suggestion.outcome_at = now
    suggestion._history_user = responded_by  # type: ignore[attr-defined]
    suggestion.full_clean()
    with transaction.atomic():
        claimed = Suggestion.objects.filter(pk=suggestion.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if claimed != 1:
            raise SuggestionConflict(Suggestion.objects.get(pk=suggestion.pk))
        suggestion.version = expected_version + 1
        suggestion.save()
    return suggestion


class SuggestionConflict(Exception):
    def __init__(self, current: Suggestion) -> None:
        super().__init__("Someone else answered this suggestion while you were writing.")
        self.current = current
