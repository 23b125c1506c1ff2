"""Reads for the email pages and for who is told by email."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from alongside.organisations.models import StaffMember
from alongside.people.models import Person

from .kinds import COUNCIL, KINDS, PERSON, SUPPORTER, KindInfo
from .models import EmailChoice, Notification, OutgoingEmail

FAILED_SHOWN = 200


def failed_emails_of(*, organisation_id: int) -> QuerySet[OutgoingEmail]:
    """The newest emails to this organisation's staff and people that could not be sent."""
    return OutgoingEmail.objects.filter(
        organisation_id=organisation_id, status=OutgoingEmail.Status.FAILED
    ).order_by("-created_at", "-pk")[:FAILED_SHOWN]


def audiences_of(*, user: Any) -> frozenset[str]:
    """Who `user` is, in the words of `KindInfo.for_whom`."""
    from alongside.policy import standing_of

    standing = standing_of(user)
    found: set[str] = set()
    if standing.person_id is not None:
        found.add(PERSON)
    if standing.supporting:
        found.add(SUPPORTER)
    if standing.staff_role:
        found.add(str(standing.staff_role))
    if standing.council_id is not None:
        found.add(COUNCIL)
    return frozenset(found)


def kinds_for(*, user: Any) -> list[KindInfo]:
    """The kinds of message `user` may be sent, in the registry's order."""
    mine = audiences_of(user=user)
    return [info for info in KINDS.values() if info.for_whom & mine]


def email_kinds_of(*, user: Any) -> set[str]:
    """The kinds that come to `user` by email: their choice, else each kind's default."""
    chosen = dict(EmailChoice.objects.filter(user=user).values_list("kind", "by_email"))
    return {kind for kind, info in KINDS.items() if chosen.get(kind, info.by_email_at_first)}


def wants_email(*, user: Any, kind: str) -> bool:
    choice = EmailChoice.objects.filter(user=user, kind=kind).values_list("by_email", flat=True)
    found = choice.first()
    return KINDS[kind].by_email_at_first if found is None else bool(found)


def reads_easy_read(*, user: Any) -> bool:
    """The person we support reads easy read, as does anyone who chose it."""
    return bool(user.easy_read) or Person.objects.filter(user=user).exists()


def staff_of(service_id: int, role: str) -> list[Any]:
    """The users on the staff of a service in one role."""
    return [
        s.user
        for s in StaffMember.objects.filter(services__pk=service_id, role=role).select_related(
            "user"
        )
    ]


def messages_of(*, user_id: int) -> QuerySet[Notification]:
    """The user's own messages in "My messages", newest first."""
    return Notification.objects.filter(user_id=user_id).order_by("-created_at", "-pk")
