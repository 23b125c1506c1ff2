"""Two council workers answering the same change to a budget: the second is told, and the
note they wrote is kept on the page for them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from alongside.reviews.models import BudgetChange
from tests.factories import CouncilWorkerFactory, PersonFactory, budget_for
from tests.reviews.sending import send_budget_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def change_to_answer(signed_in_client: Any) -> dict[str, Any]:
    person = PersonFactory()
    budget = budget_for(person)
    data = {"version": str(budget.version), "why": ""}
    for use in budget.uses.filter(is_active=True):
        first = use.words.split()[0].lower()
        data[f"use_{use.pk}"] = {"days": "100", "swimming": "160.00"}.get(first, str(use.amount))
    send_budget_change(signed_in_client(person.user), person, data)
    change = BudgetChange.objects.get()
    return {
        "change": change,
        "url": reverse("reviews:budget-decision", args=[person.pk, change.pk]),
        "first": signed_in_client(CouncilWorkerFactory(council=person.council).user),
        "second": signed_in_client(CouncilWorkerFactory(council=person.council).user),
    }


@pytest.mark.parametrize("first_answer", ["agree", "decline"])
def test_the_second_council_worker_to_answer_is_told_and_keeps_their_note(
    change_to_answer: dict[str, Any], first_answer: str
) -> None:
    url, change = change_to_answer["url"], change_to_answer["change"]
    # Both opened the page while the change was waiting.
    assert 'value="decline"' in change_to_answer["second"].get(url).content.decode()
    change_to_answer["first"].post(url, {"action": first_answer, "note": "Too much at once."})
    response = change_to_answer["second"].post(
        url, {"action": "decline", "note": "Please talk to me first.\nCall me on Monday."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This change has already been answered." in page
    assert "The note you wrote was not sent" in page
    assert "Please talk to me first.<br>Call me on Monday." in page
    change.refresh_from_db()
    assert change.status != BudgetChange.Status.PROPOSED
    assert "Please talk to me first." not in change.decision_note


def test_no_note_box_is_shown_back_when_nothing_was_written(
    change_to_answer: dict[str, Any],
) -> None:
    url = change_to_answer["url"]
    change_to_answer["first"].post(url, {"action": "agree"})
    page = change_to_answer["second"].post(url, {"action": "agree"}).content.decode()
    assert "already been answered" in page
    assert "The note you wrote was not sent" not in page
