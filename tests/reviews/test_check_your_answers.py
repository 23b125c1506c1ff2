""" "Check your answers" before a review preparation or a budget change is sent (GOV.UK
pattern, issue 18): the person sees what will be sent; each "Change" goes back to the exact
question with the answer kept; nothing is saved until "Send"."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from alongside.reviews.models import BudgetChange, PersonalBudget, ReviewPreparation
from tests.factories import GoalFactory, PersonFactory, ReviewFactory, budget_for
from tests.web.html_answers import shown

pytestmark = pytest.mark.django_db


def _change_links(html: str) -> list[str]:
    return [href for href, words in shown(html).links if words.startswith("Change")]


def _follow(client: Any, href: str) -> tuple[str, str]:
    """Open a "Change" link: the page it lands on, and the id it points at."""
    parts = urlsplit(href)
    assert parts.path and parts.fragment, f"{href!r} does not name a question"
    response = client.get(parts.path)
    assert response.status_code == 200
    return response.content.decode(), parts.fragment


# --- Get ready for my review ---------------------------------------------------------------


@pytest.fixture
def getting_ready(signed_in_client: Any) -> dict[str, Any]:
    person = PersonFactory()
    review = ReviewFactory(person=person)
    swim, cook = (
        GoalFactory(person=person, words="Learn to swim."),
        GoalFactory(person=person, words="Cook a curry."),
    )
    return {
        "person": person,
        "review": review,
        "goals": (swim, cook),
        "client": signed_in_client(person.user),
        "prepare": reverse("reviews:prepare", args=[person.pk]),
        "check": reverse("reviews:prepare-check", args=[person.pk]),
    }


def _shared_answers(setting: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": "0",
        "what_matters_now": "My new flat.",
        "goals": [str(setting["goals"][1].pk)],
        "anything_else": "My cat, Biscuit.",
        "ready_to_share": "on",
    }


def test_ticking_share_shows_the_answers_to_check_and_saves_nothing(
    getting_ready: dict[str, Any],
) -> None:
    client = getting_ready["client"]
    response = client.post(getting_ready["prepare"], _shared_answers(getting_ready))
    assert response["Location"] == getting_ready["check"]
    assert not ReviewPreparation.objects.exists()
    html = client.get(getting_ready["check"]).content.decode()
    assert "My new flat." in html and "Cook a curry." in html and "My cat, Biscuit." in html
    assert "Learn to swim." not in html
    assert not ReviewPreparation.objects.exists()


def test_every_change_link_lands_on_its_question_with_the_answer_kept(
    getting_ready: dict[str, Any],
) -> None:
    client = getting_ready["client"]
    client.post(getting_ready["prepare"], _shared_answers(getting_ready))
    links = _change_links(client.get(getting_ready["check"]).content.decode())
    expected = {
        "id_what_matters_now": "My new flat.",
        "id_goals_0": False,  # "Learn to swim.": not chosen
        "id_anything_else": "My cat, Biscuit.",
        "id_ready_to_share": True,
    }
    landed = {}
    for href in links:
        html, question = _follow(client, href)
        assert urlsplit(href).path == getting_ready["prepare"]
        page = shown(html)
        landed[question] = page.value_of(question)
        # Every other answer is kept too, not only the one being changed.
        assert page.value_of("id_goals_1") is True
        assert page.value_of("id_what_matters_now") == "My new flat."
    assert landed == expected
    assert not ReviewPreparation.objects.exists()


def test_changing_an_answer_and_coming_back_shows_the_new_answer(
    getting_ready: dict[str, Any],
) -> None:
    client = getting_ready["client"]
    client.post(getting_ready["prepare"], _shared_answers(getting_ready))
    changed = {**_shared_answers(getting_ready), "what_matters_now": "Seeing my sister."}
    client.post(getting_ready["prepare"], changed)
    html = client.get(getting_ready["check"]).content.decode()
    assert "Seeing my sister." in html and "My new flat." not in html
    assert not ReviewPreparation.objects.exists()


def test_send_saves_the_checked_answers_and_shares_them(getting_ready: dict[str, Any]) -> None:
    client = getting_ready["client"]
    client.post(getting_ready["prepare"], _shared_answers(getting_ready))
    response = client.post(getting_ready["check"])
    assert response["Location"] == reverse("reviews:mine", args=[getting_ready["person"].pk])
    saved = ReviewPreparation.objects.get(review=getting_ready["review"])
    assert saved.ready_to_share
    assert saved.what_matters_now == "My new flat."
    assert saved.anything_else == "My cat, Biscuit."
    assert list(saved.goals_to_talk_about.all()) == [getting_ready["goals"][1]]
    # Sent: nothing waits to be checked any more.
    assert "There is nothing to check yet." in client.get(getting_ready["check"]).content.decode()


def test_saving_without_sharing_saves_a_private_draft_straight_away(
    getting_ready: dict[str, Any],
) -> None:
    answers = {**_shared_answers(getting_ready)}
    del answers["ready_to_share"]
    response = getting_ready["client"].post(getting_ready["prepare"], answers)
    assert response["Location"] == reverse("reviews:mine", args=[getting_ready["person"].pk])
    assert not ReviewPreparation.objects.get().ready_to_share


def test_send_with_nothing_to_check_changes_nothing(getting_ready: dict[str, Any]) -> None:
    client = getting_ready["client"]
    html = client.get(getting_ready["check"]).content.decode()
    assert "There is nothing to check yet." in html
    assert _change_links(html) == []
    response = client.post(getting_ready["check"])
    assert response["Location"] == getting_ready["prepare"]
    assert not ReviewPreparation.objects.exists()


def test_send_after_someone_else_saved_keeps_the_answers_and_saves_nothing_new(
    getting_ready: dict[str, Any],
) -> None:
    client = getting_ready["client"]
    client.post(getting_ready["prepare"], _shared_answers(getting_ready))
    ReviewPreparation.objects.create(
        review=getting_ready["review"], what_matters_now="Saved by my supporter.", version=1
    )
    html = client.post(getting_ready["check"]).content.decode()
    assert "Saved by my supporter." in html
    assert shown(html).value_of("id_what_matters_now") == "My new flat."
    saved = ReviewPreparation.objects.get()
    assert saved.what_matters_now == "Saved by my supporter." and not saved.ready_to_share


# --- Change how I use my budget ------------------------------------------------------------


@pytest.fixture
def budget_setting(signed_in_client: Any) -> dict[str, Any]:
    person = PersonFactory()
    budget = budget_for(person)
    uses = {u.words: u for u in budget.uses.all()}
    return {
        "person": person,
        "budget": budget,
        "uses": uses,
        "client": signed_in_client(person.user),
        "form": reverse("reviews:budget-change", args=[person.pk]),
        "check": reverse("reviews:budget-change-check", args=[person.pk]),
    }


def _moved(setting: dict[str, Any]) -> dict[str, str]:
    uses = setting["uses"]
    return {
        "version": str(setting["budget"].version),
        f"use_{uses['Swimming'].pk}": "100.00",
        f"use_{uses['Days out'].pk}": "0",
        f"use_{uses['Art class'].pk}": "40.00",
        "new_words": "Guitar lessons",
        "new_amount": "160",
        "why": "I want to play in a band.",
    }


def test_a_budget_change_is_shown_to_check_and_nothing_is_saved(
    budget_setting: dict[str, Any],
) -> None:
    client = budget_setting["client"]
    response = client.post(budget_setting["form"], _moved(budget_setting))
    assert response["Location"] == budget_setting["check"]
    html = client.get(budget_setting["check"]).content.decode()
    assert "Guitar lessons: £160" in html and "I want to play in a band." in html
    assert "£0: stop this use" in html and "Now £140" in html
    assert "All together: £300 " in html
    assert not BudgetChange.objects.exists()
    budget = PersonalBudget.objects.get()
    assert budget.version == budget_setting["budget"].version
    assert {u.words: u.amount for u in budget.uses.all()} == {
        "Swimming": Decimal("120.00"),
        "Days out": Decimal("140.00"),
        "Art class": Decimal("40.00"),
    }


def test_every_budget_change_link_lands_on_its_question_with_the_answer_kept(
    budget_setting: dict[str, Any],
) -> None:
    client = budget_setting["client"]
    answers = _moved(budget_setting)
    client.post(budget_setting["form"], answers)
    links = _change_links(client.get(budget_setting["check"]).content.decode())
    uses = budget_setting["uses"]
    expected = {
        f"id_use_{uses['Swimming'].pk}": "100.00",
        f"id_use_{uses['Days out'].pk}": "0",
        f"id_use_{uses['Art class'].pk}": "40.00",
        "id_new_words": "Guitar lessons",
        "id_why": "I want to play in a band.",
    }
    landed = {}
    for href in links:
        html, question = _follow(client, href)
        assert urlsplit(href).path == budget_setting["form"]
        page = shown(html)
        landed[question] = page.value_of(question)
        assert page.value_of("id_new_amount") == "160"
    assert landed == expected
    assert not BudgetChange.objects.exists()


def test_send_sends_the_checked_budget_change(budget_setting: dict[str, Any]) -> None:
    client = budget_setting["client"]
    client.post(budget_setting["form"], _moved(budget_setting))
    response = client.post(budget_setting["check"])
    assert response["Location"] == reverse("reviews:budget", args=[budget_setting["person"].pk])
    change = BudgetChange.objects.get()
    assert change.why == "I want to play in a band." and not change.raises_total
    assert sorted((line.words, line.amount) for line in change.lines.all()) == [
        ("Art class", Decimal("40.00")),
        ("Guitar lessons", Decimal("160.00")),
        ("Swimming", Decimal("100.00")),
    ]
    # Sent once: pressing Send again sends nothing more.
    client.post(budget_setting["check"])
    assert BudgetChange.objects.count() == 1


def test_a_rise_says_on_the_check_page_that_the_council_must_approve_it(
    budget_setting: dict[str, Any],
) -> None:
    client = budget_setting["client"]
    client.post(budget_setting["form"], {**_moved(budget_setting), "new_amount": "200"})
    html = client.get(budget_setting["check"]).content.decode()
    assert "The council has to approve it." in html and "All together: £340 " in html
    assert not BudgetChange.objects.exists()


def test_a_budget_change_with_a_problem_stays_on_the_form_and_saves_nothing(
    budget_setting: dict[str, Any],
) -> None:
    client = budget_setting["client"]
    response = client.post(budget_setting["form"], {**_moved(budget_setting), "new_amount": ""})
    assert response.status_code == 200
    assert "Write an amount for the new use." in response.content.decode()
    assert "There is nothing to check yet." in client.get(budget_setting["check"]).content.decode()
    assert not BudgetChange.objects.exists()


def test_send_after_the_budget_changed_meanwhile_says_so_and_saves_nothing(
    budget_setting: dict[str, Any],
) -> None:
    client = budget_setting["client"]
    client.post(budget_setting["form"], _moved(budget_setting))
    PersonalBudget.objects.update(version=budget_setting["budget"].version + 1)
    html = client.post(budget_setting["check"]).content.decode()
    assert "Your budget changed while you were writing" in html
    assert not BudgetChange.objects.exists()
