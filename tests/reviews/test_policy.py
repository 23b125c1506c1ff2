"""The lists start from user-scoped querysets that match the rules exactly."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.policy import PersonPart, visible_budget_changes, visible_reviews
from alongside.reviews import services
from alongside.reviews.models import (
    BudgetChange,
    BudgetUse,
    Confirmation,
    Goal,
    PersonalBudget,
    Review,
    ReviewPreparation,
    Spending,
    TaskQuestion,
)
from tests.factories import ReviewFactory, budget_for
from tests.reviews.sending import send_budget_change
from tests.world import ROLES, build_world

pytestmark = pytest.mark.django_db


def test_visible_reviews_and_budget_changes_match_the_rules_for_every_role() -> None:
    world = build_world()
    review = ReviewFactory(person=world.person)
    ReviewFactory(person=world.other_person)
    budget = budget_for(world.person)
    uses = list(budget.uses.all())
    services.propose_budget_change(
        budget=budget,
        proposed_by=world.person.user,
        expected_version=budget.version,
        lines=[services.UseLine(u.pk, u.words, u.amount + Decimal("1")) for u in uses],
    )
    for role in ROLES:
        user = world.users[role]
        if user is None:
            continue
        listed = set(visible_reviews(Review.objects.all(), user))
        allowed = {
            r for r in Review.objects.all() if user.has_perm("reviews.conduct_review", r.person)
        }
        assert listed == allowed, role
        assert (review in listed) == (role == "council_worker"), role
        changes = set(visible_budget_changes(BudgetChange.objects.all(), user))
        answering = {
            c
            for c in BudgetChange.objects.all()
            if user.has_perm("reviews.answer_budget_change", c.budget.person)
        }
        assert changes == answering, role


def test_the_service_manager_sees_reviews_only_while_the_person_shares_them() -> None:
    world = build_world()
    manager = world.users["service_manager"]
    part = PersonPart(world.person, "reviews")
    assert manager.has_perm("reviews.see_reviews", part)
    world.person.sharing["reviews"] = ["council"]
    world.person.save()
    assert not manager.has_perm("reviews.see_reviews", part)
    # The council worker carries out the review whatever the sharing.
    assert world.users["council_worker"].has_perm("reviews.see_reviews", part)


def test_every_review_and_budget_record_keeps_its_history() -> None:
    for model in [
        Review,
        ReviewPreparation,
        Confirmation,
        TaskQuestion,
        Goal,
        PersonalBudget,
        BudgetUse,
        BudgetChange,
        Spending,
    ]:
        assert hasattr(model, "history"), model.__name__


def test_a_budget_change_from_an_old_page_is_refused(signed_in_client: Any) -> None:
    world = build_world()
    budget = budget_for(world.person)
    PersonalBudget.objects.filter(pk=budget.pk).update(version=2)
    data: dict[str, str] = {"version": "1", "why": ""}
    for use in budget.uses.all():
        data[f"use_{use.pk}"] = str(use.amount)
    data[f"use_{budget.uses.first().pk}"] = "0"  # type: ignore[union-attr]
    data["new_words"], data["new_amount"] = "Guitar", "120"
    response = send_budget_change(signed_in_client(world.person.user), world.person, data)
    assert "Your budget changed while you were writing" in response.content.decode()
    assert not BudgetChange.objects.exists()


@pytest.mark.parametrize(
    ("amount", "day", "message"),
    [
        ("0", None, "Write an amount more than £0."),
        ("£12.505", None, "at most two numbers after the point"),
        ("12", "31/12/2099", "The day cannot be in the future."),
        ("12", "yesterday", "The day it was spent must include a day and month."),
    ],
)
def test_spending_with_bad_input_gets_a_plain_message(
    signed_in_client: Any, amount: str, day: str | None, message: str
) -> None:
    world = build_world()
    budget = budget_for(world.person)
    use = budget.uses.first()
    response = signed_in_client(world.person.user).post(
        reverse("reviews:spending", args=[world.person.pk]),
        {
            "use": str(use.pk),  # type: ignore[union-attr]
            "amount": amount,
            "spent_on": day
            or (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
        },
    )
    assert message in response.content.decode()
    assert not Spending.objects.exists()
