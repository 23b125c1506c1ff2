"""The everyday app's messages (ideas, bad days, late actions, actions given to someone),
sent through `alongside.notifications.services.notify`. Messages carry no more than the
reader may already see."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from alongside.notifications.kinds import Kind
from alongside.notifications.selectors import staff_of
from alongside.notifications.services import notify
from alongside.organisations.models import StaffMember
from alongside.people.sharing import Audience, Part
from alongside.policy import PersonPart
from alongside.rota.selectors import workers_on_shift

from .models import CheckIn, MeetingAction, Suggestion


def suggestion_made(*, suggestion: Suggestion) -> None:
    """Ask the service's managers to answer. Only the service and the idea, never a name."""
    notify(
        users=staff_of(suggestion.service_id, StaffMember.Role.SERVICE_MANAGER),
        kind=Kind.SUGGESTION,
        text=f"A new idea for {suggestion.service.name} is waiting for your answer.",
        link=reverse("everyday:suggestion", args=[suggestion.pk]),
    )


def bad_day(*, check_in: CheckIn) -> None:
    """The person chose to tell their team on shift, and shares how they are today with their
    team: the workers on a published shift with them for the rest of today (else anyone on
    shift at the service today); with no published rota, every support worker there."""
    person = check_in.person
    if not (check_in.alerts_team and person.shares(Part.TODAY, Audience.TEAM)):
        return
    on_shift = workers_on_shift(
        service_id=person.service_id, person_id=person.pk, now=timezone.now()
    )
    told = on_shift or staff_of(person.service_id, StaffMember.Role.SUPPORT_WORKER)
    # A worker the person keeps "how I am today" from by name is not told either.
    today = PersonPart(person, Part.TODAY)
    notify(
        users=[u for u in told if u.has_perm("people.see_part", today)],
        kind=Kind.BAD_DAY,
        # Their own words for how they feel ("I feel low" is not "a bad day").
        text=(
            f"{person.preferred_name} said “{check_in.get_feeling_display()}” "
            "and asked the team to know."
        ),
        link=reverse("everyday:handover"),
    )


def late_actions(*, today: datetime.date) -> int:
    """Tell the managers of each person's service about open actions that are late and that
    nobody was told about yet (safe to run more than once a day, or after a missed day).
    A manager the person does not share their meetings with is not told."""
    count = 0
    late = MeetingAction.objects.filter(
        status=MeetingAction.Status.OPEN, by_when__lt=today, late_told_on__isnull=True
    ).select_related("person")
    for action in late:
        # Only managers the person shares their meetings with: the action's words are theirs.
        managers = [
            user
            for user in staff_of(action.person.service_id, StaffMember.Role.SERVICE_MANAGER)
            if user.has_perm("everyday.see_meetings", action.person)
        ]
        if not managers:
            # Nobody to tell yet: told later if the person shares their meetings again.
            continue
        notify(
            users=managers,
            kind=Kind.LATE_ACTION,
            text=f"An action for {action.person.preferred_name} is late: {action.what}",
            link=reverse("everyday:meetings", args=[action.person_id]),
        )
        # A plain update: this bookkeeping is not a change to the person's record.
        MeetingAction.objects.filter(pk=action.pk).update(late_told_on=today)
        count += 1
    return count


def action_given(*, action: MeetingAction) -> None:
    """Tell the one who will do an action from a meeting (they may see the person's meetings:
    the service checked)."""
    if action.owner is None:
        return
    person = action.person
    whose = "your" if action.owner_id == person.user_id else f"{person.preferred_name}'s"
    what = Truncator(action.what).chars(150)
    notify(
        users=[action.owner],
        kind=Kind.ACTION_GIVEN,
        text=f"You will do this, from {whose} meeting, by {action.by_when:%-d %B %Y}: {what}",
        link=reverse("everyday:meeting", args=[person.pk, action.meeting_id]),
    )


def idea_answered(*, suggestion: Suggestion) -> None:
    """Tell whoever made a named idea that its answer moved on. An anonymous idea stores
    nobody, so nobody is told and nothing says who made it. The message names the service
    and the answer's status; the manager's words are on "My ideas" (the link)."""
    if suggestion.anonymous or suggestion.suggested_by is None:
        return
    author = suggestion.suggested_by
    if not author.is_active:
        return
    notify(
        users=[author],
        kind=Kind.IDEA_ANSWERED,
        text=(
            f"Your idea for {suggestion.service.name} has an answer: "
            f"{suggestion.get_status_display()}."
        ),
        link=reverse("everyday:my-ideas"),
    )
