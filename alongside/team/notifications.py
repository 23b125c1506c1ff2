"""The team app's messages: requests for a change to a team, sent through
`alongside.notifications.services.notify`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from alongside.notifications.kinds import Kind
from alongside.notifications.selectors import staff_of
from alongside.notifications.services import notify
from alongside.organisations.models import StaffMember

from .models import ChangeRequest


def change_request_made(*, request: ChangeRequest) -> None:
    """Ask the person's service managers to arrange a change to the team. The worker's name
    stays out of the message: managers read it on the request's page."""
    person = request.person
    notify(
        users=staff_of(person.service_id, StaffMember.Role.SERVICE_MANAGER),
        kind=Kind.CHANGE_REQUEST,
        text=(
            f"{person.preferred_name} asked for a change to their team. "
            f"Please answer by {request.deadline:%-d %B}."
        ),
        link=reverse("team:change-request", args=[request.pk]),
    )


def change_request_moved(*, request: ChangeRequest) -> None:
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
            kind=Kind.CHANGE_REQUEST,
            text=f"{whose} request for a change to the team: {status}.",
            link=reverse("team:my-team", args=[person.pk]),
        )
