"""Template helpers for reviews and budgets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from alongside.reviews import selectors
from alongside.reviews.models import PersonalBudget
from alongside.reviews.money import pounds as _pounds

register = template.Library()


@register.filter
def pounds(amount: Decimal | None) -> str:
    """£1,200.50; whole pounds as £300."""
    return _pounds(amount)


@register.filter
def pounds_abs(amount: Decimal | None) -> str:
    return _pounds(abs(amount)) if amount is not None else ""


@register.simple_tag
def open_review_for(person: Any) -> Any:
    return selectors.open_review(person=person)


@register.simple_tag
def budget_for(person: Any) -> Any:
    budget = PersonalBudget.objects.filter(person=person).first()
    return selectors.budget_summary(budget=budget) if budget else None


@register.simple_tag
def reviews_due_for(user: Any, count: int = 5) -> Any:
    reviews = selectors.reviews_due(user=user)
    return {"first": list(reviews[:count]), "total": reviews.count()}


@register.simple_tag
def budget_changes_for(user: Any) -> Any:
    return list(selectors.budget_changes_waiting(user=user)[:10])
