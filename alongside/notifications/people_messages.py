"""Messages about the people app's records (it sits below this app, so it sends a signal
and this module tells the person, through `notify`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from alongside.people.models import Proposal

from .kinds import Kind
from .services import notify


def plan_change_suggested(*, proposal: Proposal, **_: Any) -> None:
    """Tell the person (and each supporter who may answer for them) that someone suggested a
    change to their plan. Who suggested it, never the plan's words: those are on the page."""
    person = proposal.person
    who = proposal.proposed_by.display_name if proposal.proposed_by else "Someone"
    readers: list[Any] = []
    if (
        person.user is not None
        and person.user.is_active
        and person.user_id != proposal.proposed_by_id
    ):
        readers.append(person.user)
    for supporter in person.supporters.filter(is_active=True).select_related("user"):
        user = supporter.user
        if (
            user.is_active
            and user.pk != proposal.proposed_by_id
            and user.has_perm("people.answer_plan_proposal", person)
        ):
            readers.append(user)
    for reader in readers:
        whose = "your" if reader.pk == person.user_id else f"{person.preferred_name}'s"
        notify(
            users=[reader],
            kind=Kind.PLAN_SUGGESTION,
            text=f"{who} suggested a change to {whose} plan. Please say yes or no.",
            link=reverse("people:proposals", args=[person.pk]),
        )
