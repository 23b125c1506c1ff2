"""Telling people in Alongside and by email (Django's email backend; the console in
development). Messages carry no more than the reader may already see."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone

from alongside.notifications.services import absolute, send_email
from alongside.organisations.models import StaffMember
from alongside.people.sharing import Audience, Part
from alongside.policy import PersonPart
from alongside.rota.selectors import workers_on_shift

from .models import CheckIn, MeetingAction, Notification, Suggestion

if TYPE_CHECKING:
    from alongside.team.models import ChangeRequest


def notify(*, users: Iterable[Any], kind: str, text: str, link: str) -> list[Notification]:
    """Store one message per user and email each of them (queued, with retries)."""
    notes = Notification.objects.bulk_create(
        [Notification(user=u, kind=kind, text=text, link=link) for u in users]
    )
    for note in notes:
        if note.user.email:
            send_email(
                to=note.user.email,
                subject=f"Alongside: {note.get_kind_display()}",
                body=f"{text}\n\nSign in to Alongside to see it: {absolute(link)}",
                kind=note.kind,
            )
    return notes


def _staff_of(service_id: int, role: str) -> list[Any]:
    return [
        s.user
        for s in StaffMember.objects.filter(services__pk=service_id, role=role).select_related(
            "user"
        )
    ]


def suggestion_made(*, suggestion: Suggestion) -> None:
    """Ask the service's managers to answer. Only the service and the idea, never a name."""
    notify(
        users=_staff_of(suggestion.service_id, StaffMember.Role.SERVICE_MANAGER),
        kind=Notification.Kind.SUGGESTION,
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
    told = on_shift or _staff_of(person.service_id, StaffMember.Role.SUPPORT_WORKER)
    # A worker the person keeps "how I am today" from by name is not told either.
    today = PersonPart(person, Part.TODAY)
    notify(
        users=[u for u in told if u.has_perm("people.see_part", today)],
        kind=Notification.Kind.BAD_DAY,
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
            for user in _staff_of(action.person.service_id, StaffMember.Role.SERVICE_MANAGER)
            if user.has_perm("everyday.see_meetings", action.person)
        ]
        if not managers:
            # Nobody to tell yet: told later if the person shares their meetings again.
            continue
        notify(
            users=managers,
            kind=Notification.Kind.LATE_ACTION,
            text=f"An action for {action.person.preferred_name} is late: {action.what}",
            link=reverse("everyday:meetings", args=[action.person_id]),
        )
        # A plain update: this bookkeeping is not a change to the person's record.
        MeetingAction.objects.filter(pk=action.pk).update(late_told_on=today)
        count += 1
    return count


def change_request_made(request: ChangeRequest) -> None:
    """Ask the person's service managers to arrange a change to the team. The worker's name
    stays out of the message: managers read it on the request's page."""
    person = request.person
    notify(
        users=_staff_of(person.service_id, StaffMember.Role.SERVICE_MANAGER),
        kind=Notification.Kind.CHANGE_REQUEST,
        text=(
            f"{person.preferred_name} asked for a change to their team. "
            f"Please answer by {request.deadline:%-d %B}."
        ),
        link=reverse("team:change-request", args=[request.pk]),
    )


def change_request_moved(request: ChangeRequest) -> None:
    """Tell the person (and whoever asked for them, if they still may) where it is now."""
    person = request.person
    status = request.get_status_display().lower()
    readers: list[Any] = []
    if person.user is not None:
        readers.append(person.user)
    asker = request.asked_by
    if asker.pk != person.user_id and asker.has_perm("team.ask_for_change", person):
        readers.append(asker)
    for reader in readers:
        whose = "Your" if reader.pk == person.user_id else f"{person.preferred_name}'s"
        notify(
            users=[reader],
            kind=Notification.Kind.CHANGE_REQUEST,
            text=f"{whose} request for a change to the team: {status}.",
            link=reverse("team:my-team", args=[person.pk]),
        )
