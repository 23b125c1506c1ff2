"""Review, goal and budget pages × every role. Person A (w.person) shares `reviews` with their
council worker and service manager and `budget` with their council worker (the starting
choices), and every part with the supporter with scope by name. The council worker of A's
council carries out reviews and answers budget changes whatever the sharing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from alongside.reviews import services
from alongside.reviews.models import Goal, Review
from tests.world import World

from .answers import (
    MISSING,
    NONE,
    NOT_ALLOWED,
    OK,
    PERSON,
    Kwargs,
    only,
    role_page,
)


def _open_review(w: World) -> Review:
    return Review.objects.filter(person=w.person).exclude(status="completed").first() or (
        services.schedule_review(
            person=w.person, due_on=datetime.date(2027, 1, 4), scheduled_by=None
        )
    )


def _review(w: World) -> dict[str, Any]:
    return {"person_id": w.person.pk, "review_id": _open_review(w).pk}


def _person_with_review(w: World) -> dict[str, Any]:
    _open_review(w)
    return {"person_id": w.person.pk}


def _goal(w: World) -> dict[str, Any]:
    goal = Goal.objects.create(person=w.person, words="Learn to swim.")
    return {"person_id": w.person.pk, "goal_id": goal.pk}


def _budget(w: World) -> Any:
    from alongside.reviews.models import PersonalBudget

    return PersonalBudget.objects.filter(person=w.person).first() or services.set_up_budget(
        person=w.person,
        amount=Decimal("300.00"),
        period="weekly",
        starts_on=datetime.date(2026, 1, 5),
        uses=[("Swimming", Decimal("160.00")), ("Days out", Decimal("140.00"))],
        set_up_by=None,
    )


def _person_with_budget(w: World) -> dict[str, Any]:
    _budget(w)
    return {"person_id": w.person.pk}


def _budget_change(w: World) -> dict[str, Any]:
    budget = _budget(w)
    uses = list(budget.uses.all())
    change = services.propose_budget_change(
        budget=budget,
        proposed_by=w.person.user,
        expected_version=budget.version,
        lines=[
            services.UseLine(uses[0].pk, uses[0].words, Decimal("120.00")),
            services.UseLine(uses[1].pk, uses[1].words, Decimal("180.00")),
        ],
    )
    return {"person_id": w.person.pk, "change_id": change.pk}


SEES_REVIEWS = {
    r: OK for r in ["person", "supporter_with_scope", "service_manager", "council_worker"]
}
SEES_BUDGET = {r: OK for r in ["person", "supporter_with_scope", "council_worker"]}
HELPS_WRITE = {r: OK for r in ["person", "supporter_with_scope"]}
CHANGES_GOALS = {r: OK for r in ["person", "supporter_with_scope", "council_worker"]}

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "reviews:due": (NONE, role_page("council_worker", "other_council_worker")),
    "reviews:mine": (PERSON, only(SEES_REVIEWS, MISSING)),
    "reviews:ask": (PERSON, only(HELPS_WRITE, MISSING)),
    "reviews:prepare": (_person_with_review, only(HELPS_WRITE, MISSING)),
    # Check your answers: with nothing waiting to be sent it says so, and links back.
    "reviews:prepare-check": (_person_with_review, only(HELPS_WRITE, MISSING)),
    "reviews:conduct": (_review, only({"council_worker": OK}, MISSING)),
    # The review's actions are POSTs: a GET from the council worker is "not allowed".
    "reviews:conduct-what-matters": (_review, only({"council_worker": NOT_ALLOWED}, MISSING)),
    "reviews:conduct-doing": (_review, only({"council_worker": NOT_ALLOWED}, MISSING)),
    "reviews:conduct-confirm": (_review, only({"council_worker": NOT_ALLOWED}, MISSING)),
    "reviews:conduct-goal": (_review, only({"council_worker": NOT_ALLOWED}, MISSING)),
    "reviews:conduct-goal-progress": (_review, only({"council_worker": NOT_ALLOWED}, MISSING)),
    "reviews:conduct-task": (_review, only({"council_worker": NOT_ALLOWED}, MISSING)),
    "reviews:conduct-finish": (_review, only({"council_worker": NOT_ALLOWED}, MISSING)),
    "reviews:record": (_review, only(SEES_REVIEWS, MISSING)),
    # Adding a goal is a POST; a GET from those allowed is "not allowed", from others 404.
    "reviews:goal-add": (
        PERSON,
        only({r: NOT_ALLOWED for r in CHANGES_GOALS}, MISSING),
    ),
    "reviews:goal": (_goal, only(CHANGES_GOALS, MISSING)),
    "reviews:budget": (PERSON, only(SEES_BUDGET, MISSING)),
    # Set up only for a person with no budget yet (A has none until another row makes one).
    "reviews:budget-set-up": (PERSON, only({"council_worker": OK}, MISSING)),
    "reviews:budget-change": (_person_with_budget, only(HELPS_WRITE, MISSING)),
    "reviews:budget-change-check": (_person_with_budget, only(HELPS_WRITE, MISSING)),
    "reviews:budget-decision": (_budget_change, only(SEES_BUDGET, MISSING)),
    "reviews:spending": (_person_with_budget, only(SEES_BUDGET, MISSING)),
}
