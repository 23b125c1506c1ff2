"""Writing a check-in. One a day per person; changing it that day is safe when two people
save at once (the second is told and keeps their words)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.audit.services import record_change
from alongside.concurrency import EditConflict, claim_next_version
from alongside.organisations.models import Service
from alongside.people.models import Person
from alongside.saving import save_and_record, set_history_user

from . import notifications
from .models import (
    DAYS_BETWEEN,
    NEXT_STATUSES,
    AgendaItem,
    CheckIn,
    Feeling,
    HowOften,
    Meeting,
    MeetingAction,
    Suggestion,
    SuggestionStatus,
)

if TYPE_CHECKING:
    from alongside.accounts.models import User


def save_check_in(
    *,
    person: Person,
    recorded_by: User,
    on: datetime.date,
    expected_version: int,
    feeling: int,
    helps: list[str] | None,
    note: str,
    alert_team: bool,
) -> CheckIn:
    """Save the person's check-in for `on`. `expected_version` is 0 for a new one. `helps`
    None keeps what was picked before (a helper the person does not show that list to).

    Done by anyone other than the person counts as "with support". Raises EditConflict if
    someone saved first, and ValidationError for bad input (nothing saved).
    """
    with_support = person.user_id != recorded_by.pk
    check_in = CheckIn.objects.filter(person=person, on=on).first()
    alerted_before = check_in is not None and check_in.alerts_team
    if check_in is None:
        if expected_version != 0:
            raise EditConflict(CheckIn(person=person, on=on, feeling=Feeling.OK, version=0))
        check_in = CheckIn(person=person, on=on, version=1)
    elif check_in.version != expected_version:
        raise EditConflict(check_in)
    check_in.feeling = feeling
    if helps is not None:
        check_in.helps = list(helps)
    check_in.note = note
    check_in.alert_team = alert_team
    check_in.with_support = with_support
    check_in.recorded_by = recorded_by
    set_history_user(check_in, recorded_by)
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
            claim_next_version(obj=check_in, expected_version=expected_version)
            check_in.save()
            summary = "Changed how you are today"
        if with_support:
            summary += " (with support)"
        record_change(person=person, changed_by=recorded_by, action="check_in", summary=summary)
    if check_in.alerts_team and not alerted_before:
        notifications.bad_day(check_in=check_in)
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
    save_and_record(obj=suggestion, by=None if anonymous else suggested_by)
    notifications.suggestion_made(suggestion=suggestion)
    return suggestion


def respond_to_suggestion(
    *,
    suggestion: Suggestion,
    responded_by: User,
    expected_version: int,
    status: str,
    response: str,
    answered_at: datetime.datetime | None = None,
) -> Suggestion:
    """Move a suggestion on and say what we will do. "Not doing it" needs a reason.
    `answered_at` is when the answer was given (now, unless told otherwise, as when loading
    answers given earlier); it cannot be before the idea came in.
    Raises ValidationError (nothing saved) or SuggestionConflict."""
    if (
        status != suggestion.status
        and status not in NEXT_STATUSES[SuggestionStatus(suggestion.status)]
    ):
        raise ValidationError(
            f"A suggestion that is “{suggestion.get_status_display()}” cannot move to "
            f"“{SuggestionStatus(status).label}”."
        )
    now = timezone.now() if answered_at is None else answered_at
    # An answer before the idea arrived would make "how quickly we answer" negative.
    if now < suggestion.received_at:
        raise ValidationError(
            "The answer cannot be dated before the idea came in, on "
            f"{timezone.localtime(suggestion.received_at):%-d %B %Y at %H:%M}."
        )
    answer_moved = status != suggestion.status or response.strip() != suggestion.response
    suggestion.status = status
    suggestion.response = response.strip()
    if status != SuggestionStatus.RECEIVED and suggestion.first_response_at is None:
        suggestion.first_response_at = now
    if status in (SuggestionStatus.NOT_DOING, SuggestionStatus.DONE) and not suggestion.outcome_at:
        suggestion.outcome_at = now
    save_and_record(
        obj=suggestion,
        by=responded_by,
        expected_version=expected_version,
        conflict=SuggestionConflict,
    )
    if answer_moved:
        notifications.idea_answered(suggestion=suggestion)
    return suggestion


class SuggestionConflict(EditConflict):
    message = "Someone else answered this suggestion while you were writing."


# --- Meetings ----------------------------------------------------------------------------


def plan_meeting(
    *, person: Person, planned_by: User, on: datetime.date, how_often: str, with_whom: str
) -> Meeting:
    """Plan the person's next meeting (they have at most one planned at a time)."""
    meeting = Meeting(person=person, on=on, how_often=how_often, with_whom=with_whom.strip())
    save_and_record(
        obj=meeting,
        by=planned_by,
        person=person,
        action="meeting_planned",
        summary=f"Planned your meeting on {on:%-d %B %Y}",
    )
    return meeting


def change_how_often(*, meeting: Meeting, changed_by: User, how_often: str) -> Meeting:
    """How often the person meets, changed at any time: the planned meeting keeps its day,
    and the one after it is planned at the new interval."""
    if how_often not in HowOften.values:
        raise ValidationError({"how_often": "Choose how often you want to meet."})
    before = meeting.get_how_often_display()
    meeting.how_often = how_often
    changed = meeting.get_how_often_display() != before
    save_and_record(
        obj=meeting,
        by=changed_by,
        fields=["how_often"],
        validate_constraints=False,
        person=meeting.person if changed else None,
        action="meeting_planned",
        summary=f"Changed how often you meet: {meeting.get_how_often_display().lower()}",
    )
    return meeting


def add_agenda_item(*, meeting: Meeting, added_by: User, text: str) -> AgendaItem:
    """Something to talk about at the next meeting."""
    item = AgendaItem(meeting=meeting, text=text.strip(), added_by=added_by)
    save_and_record(
        obj=item,
        by=added_by,
        person=meeting.person,
        action="agenda_item_added",
        summary=f"Added to your meeting: {item.text}",
    )
    return item


def record_meeting(
    *, meeting: Meeting, recorded_by: User, expected_version: int, notes: str
) -> Meeting:
    """Write the notes of a meeting. The first time, the meeting becomes held and the next
    one is planned at the person's chosen interval. Raises MeetingConflict."""
    first_time = meeting.status == Meeting.Status.PLANNED
    meeting.notes = notes
    meeting.status = Meeting.Status.HELD
    with transaction.atomic():
        save_and_record(
            obj=meeting,
            by=recorded_by,
            expected_version=expected_version,
            conflict=MeetingConflict,
            validate_constraints=False,
        )
        if first_time:
            following = Meeting(
                person=meeting.person,
                on=meeting.on + datetime.timedelta(days=DAYS_BETWEEN[HowOften(meeting.how_often)]),
                how_often=meeting.how_often,
                with_whom=meeting.with_whom,
            )
            set_history_user(following, recorded_by)
            following.save()
        record_change(
            person=meeting.person,
            changed_by=recorded_by,
            action="meeting_recorded",
            summary=f"Wrote the notes of your meeting on {meeting.on:%-d %B %Y}",
        )
    return meeting


class MeetingConflict(EditConflict):
    message = "Someone else saved these notes while you were writing."


def add_meeting_action(
    *,
    meeting: Meeting,
    added_by: User,
    what: str,
    by_when: datetime.date,
    who: str = "",
    owner: User | None = None,
) -> MeetingAction:
    """An action agreed at a meeting: what, who and by when. Who is someone in Alongside
    (`owner`, who is told) or someone else by name (`who`). Raises ValidationError if it is
    due before the meeting it comes from, or the owner may not see the person's meetings
    (nothing is saved)."""
    # An action agreed at a meeting cannot have been due before anyone agreed it.
    if by_when < meeting.on:
        raise ValidationError(
            {
                "by_when": "The day it is done by cannot be before the meeting it was agreed "
                f"at, on {meeting.on:%-d %B %Y}."
            }
        )
    if owner is not None and not (
        owner.is_active and owner.has_perm("everyday.see_meetings", meeting.person)
    ):
        raise ValidationError(
            {"owner": "Choose someone who can see these meetings, or someone else by name."}
        )
    action = MeetingAction(
        person=meeting.person,
        meeting=meeting,
        what=what.strip(),
        who=owner.display_name if owner is not None else who.strip(),
        owner=owner,
        by_when=by_when,
    )
    with transaction.atomic():
        save_and_record(
            obj=action,
            by=added_by,
            person=meeting.person,
            action="meeting_action_added",
            summary=f"Agreed: {action.what} ({action.who}, by {by_when:%-d %B %Y})",
        )
        if owner is not None and owner.pk != added_by.pk:
            notifications.action_given(action=action)
    return action


def set_action_status(
    *, action: MeetingAction, changed_by: User, status: str, expected_version: int | None = None
) -> MeetingAction:
    """Say whether the action is done. With `expected_version` (the version the writer read,
    as over the API) the change claims the next version, and raises EditConflict, changing
    nothing, if someone changed the action since."""
    action.status = status
    save_and_record(
        obj=action,
        by=changed_by,
        fields=["status"],
        expected_version=expected_version,
        person=action.person,
        action="meeting_action_changed",
        summary=f"{action.what}: {action.get_status_display().lower()}",
    )

    return action
