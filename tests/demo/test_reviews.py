"""The demo has a review, goals and a budget for Josie, and review history for the large demo."""

from __future__ import annotations

from decimal import Decimal

import pytest

from alongside.demo.load import load_demo
from alongside.demo.organisations import LARGE_COUNCILS
from alongside.demo.reviews import load_small, seed_review_history
from alongside.reviews.models import Goal, PersonalBudget, Review, ReviewStatus
from alongside.reviews.selectors import budget_summary
from tests.factories import CouncilFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_josie_has_a_review_due_goals_and_a_budget_of_300_a_week() -> None:
    load_demo(scale="small", seed=2026, log=lambda _: None)
    load_small(2026)  # safe to run twice
    review = Review.objects.filter(person__preferred_name="Josie").first()
    assert review is not None
    josie = review.person
    assert josie.reviews.filter(status=ReviewStatus.DUE).count() == 1
    assert josie.reviews.filter(status=ReviewStatus.COMPLETED).count() == 1
    assert Goal.objects.filter(person=josie).count() == 2
    budget = PersonalBudget.objects.get(person=josie)
    assert budget.amount == Decimal("300.00") and budget.period == "weekly"
    assert budget.uses.count() == 3
    assert budget_summary(budget=budget).spent > 0
    # Everyone of the council has a review waiting.
    assert Review.objects.exclude(status=ReviewStatus.COMPLETED).count() == 12


def test_review_history_gives_two_years_of_reviews_to_every_large_demo_person() -> None:
    council = CouncilFactory(name=LARGE_COUNCILS[0])
    people = [PersonFactory(council=council) for _ in range(4)]
    added = seed_review_history(seed=1, log=lambda _: None)
    assert added == Review.objects.count()
    for person in people:
        assert person.reviews.filter(status=ReviewStatus.COMPLETED).count() >= 1
        assert person.reviews.exclude(status=ReviewStatus.COMPLETED).count() == 1
        assert person.goals.exists()
    assert seed_review_history(seed=1, log=lambda _: None) == 0  # safe to run twice
