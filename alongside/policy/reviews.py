"""reviews: reviews, goals and personal budgets."""

from __future__ import annotations

from typing import Any

import rules
from django.apps import apps
from django.db.models import QuerySet

from alongside.people.sharing import (
    Part,
    SupporterScope,
)
from alongside.policy.standing import (
    PersonPart,
    _person_of,
    is_council_worker,
    is_persons_council_worker,
    is_the_person,
    standing_of,
    supporter_may_on_part,
)

# --- reviews: reviews, goals and personal budgets ---------------------------------------
# The council worker of the person's council carries out the review and answers budget
# changes (it is the council's duty), whatever the person's sharing choices. Everyone else
# sees the person's reviews and budget only as the person shares them (Part.REVIEWS,
# Part.BUDGET): by default their service manager sees reviews, nobody else sees the budget.
# A budget rise is approved by a named budget approver of the council (ADR 0041).


def _review_part(obj: Any) -> Any:
    from alongside.people.sharing import Part

    return obj if isinstance(obj, PersonPart) else PersonPart(_person_of(obj), Part.REVIEWS)


def _budget_part(obj: Any) -> Any:
    from alongside.people.sharing import Part

    return obj if isinstance(obj, PersonPart) else PersonPart(_person_of(obj), Part.BUDGET)


@rules.predicate
def may_see_reviews_part(user: Any, obj: Any) -> bool:
    return obj is not None and bool(user.has_perm("people.see_part", _review_part(obj)))


@rules.predicate
def may_see_budget_part(user: Any, obj: Any) -> bool:
    return obj is not None and bool(user.has_perm("people.see_part", _budget_part(obj)))


@rules.predicate
def approves_budgets_for_persons_council(user: Any, obj: Any) -> bool:
    s = standing_of(user)
    if obj is None or s.council_id is None or _person_of(obj).council_id != s.council_id:
        return False
    # The reviews app is a floor above the policy: its model is looked up, not imported.
    approvers = apps.get_model("reviews", "BudgetApprover")
    return approvers.objects.filter(council_worker__user=user).exists()


rules.add_perm("reviews.see_reviews_due", is_council_worker)
rules.add_perm("reviews.see_reviews", may_see_reviews_part | is_persons_council_worker)
rules.add_perm("reviews.conduct_review", is_persons_council_worker)
# A supporter helps with reviews and goals only if the person shares that part with them.
helps_with_reviews = supporter_may_on_part(SupporterScope.HELP_EDIT, Part.REVIEWS)
helps_with_budget = supporter_may_on_part(SupporterScope.BUDGET, Part.BUDGET)
rules.add_perm("reviews.prepare_review", is_the_person | helps_with_reviews)
rules.add_perm("reviews.ask_for_review", is_the_person | helps_with_reviews)
rules.add_perm(
    "reviews.change_goals", is_the_person | helps_with_reviews | is_persons_council_worker
)
rules.add_perm("reviews.see_budget", may_see_budget_part | is_persons_council_worker)
rules.add_perm("reviews.propose_budget_change", is_the_person | helps_with_budget)
# Who may ask for a change may take it back before the council answers.
rules.add_perm("reviews.withdraw_budget_change", is_the_person | helps_with_budget)
rules.add_perm(
    "reviews.record_spending", is_the_person | helps_with_budget | is_persons_council_worker
)
rules.add_perm("reviews.answer_budget_change", is_persons_council_worker)
rules.add_perm("reviews.set_up_budget", is_persons_council_worker)
rules.add_perm("reviews.approve_budget_change", approves_budgets_for_persons_council)


def visible_reviews(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Reviews a council worker carries out: those of people of their council."""
    s = standing_of(user)
    if s.council_id is None:
        return queryset.none()
    return queryset.filter(person__council_id=s.council_id)


def visible_budget_changes(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Budget changes a council worker answers: those of people of their council."""
    s = standing_of(user)
    if s.council_id is None:
        return queryset.none()
    return queryset.filter(budget__person__council_id=s.council_id)
