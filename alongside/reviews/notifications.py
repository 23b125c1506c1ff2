"""The reviews app's messages (a council's answer to a change to a personal budget), sent
through `alongside.notifications.services.notify`. Messages carry no more than the reader
may already see: the answer, never the amounts or the council's reasons (those are on the
budget page, behind the person's sharing choices)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from alongside.notifications.kinds import Kind
from alongside.notifications.services import notify

from .models import BudgetChange


def budget_change_decided(*, change: BudgetChange) -> None:
    """Tell the person, and whoever asked for the change for them (if they may still see the
    budget), that the council said yes or no."""
    person = change.budget.person
    answer = "agreed" if change.status == BudgetChange.Status.AGREED else "did not agree"
    readers: list[Any] = []
    if person.user is not None and person.user.is_active:
        readers.append(person.user)
    asker = change.proposed_by
    if (
        asker is not None
        and asker.pk != person.user_id
        and asker.is_active
        and asker.has_perm("reviews.see_budget", person)
    ):
        readers.append(asker)
    for reader in readers:
        whose = "your" if reader.pk == person.user_id else f"{person.preferred_name}'s"
        notify(
            users=[reader],
            kind=Kind.BUDGET_DECIDED,
            text=f"The council {answer} the change to how {whose} budget is used.",
            link=reverse("reviews:budget", args=[person.pk]),
        )
