"""Telling people in Alongside and by email (Django's email backend; the console in
development). Messages carry no more than the reader may already see."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.mail import send_mail
from django.urls import reverse

from alongside.organisations.models import StaffMember
from alongside.people.sharing import Audience, Part

from .models import CheckIn, MeetingAction, Notification, Suggestion


def notify(*, users: Iterable[Any], kind: str, text: str, link: str) -> list[Notification]:
    """Store one message per user and email each of them."""
    notes = Notification.objects.bulk_create(
        [Notification(user=u, kind=kind, text=text, link=link) for u in users]
    )
    for note in notes:
        if note.user.email:
            send_mail(
                subject=f"Alongside: {note.get_kind_display()}",
                message=f"{text}\n\nSign in to Alongside to see it: {link}",
                from_email=None,
                recipient_list=[note.user.email],
                fail_silently=True,
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
    """The person chose to tell their team on shift: the support workers at their service,
    and only if they share how they are today with their team."""
    person = check_in.person
    if not (check_in.alerts_team and person.shares(Part.TODAY, Audience.TEAM)):
        return
    notify(
        users=_staff_of(person.service_id, StaffMember.Role.SUPPORT_WORKER),
        kind=Notification.Kind.BAD_DAY,
        text=f"{person.preferred_name} is having a bad day and asked us to know.",
        link=reverse("everyday:handover"),
    )


def late_actions(*, today: datetime.date) -> int:
    """Tell the managers of each person's service about actions that became late today."""
    count = 0
    late = MeetingAction.objects.filter(
        status=MeetingAction.Status.OPEN, by_when=today - datetime.timedelta(days=1)
    ).select_related("person")
    for action in late:
        notify(
            users=_staff_of(action.person.service_id, StaffMember.Role.SERVICE_MANAGER),
            kind=Notification.Kind.LATE_ACTION,
            text=f"An action for {action.person.preferred_name} is late: {action.what}",
            link=reverse("everyday:meetings", args=[action.person_id]),
        )
        count += 1
    return count
