"""Review, goal and budget pages, one module per page group. Thin: each names one rule of
the policy, fetches through the user's scope and leaves the work to services.py and
selectors.py."""

from .budget import (
    BudgetChangeCheckView,
    BudgetChangeDecisionView,
    BudgetChangeView,
    BudgetSetUpView,
    BudgetView,
    SpendingView,
)
from .conduct import (
    AddReviewGoalView,
    AddTaskQuestionView,
    ConductReviewView,
    ConfirmKnownView,
    DoingWhatMattersView,
    FinishReviewView,
    ReviewGoalProgressView,
    WhatMattersView,
)
from .pages import (
    AskForReviewView,
    GoalAddView,
    GoalView,
    MyReviewsView,
    PrepareCheckView,
    PrepareView,
    ReviewRecordView,
    ReviewsDueView,
)

__all__ = [
    "AddReviewGoalView",
    "AddTaskQuestionView",
    "AskForReviewView",
    "BudgetChangeCheckView",
    "BudgetChangeDecisionView",
    "BudgetChangeView",
    "BudgetSetUpView",
    "BudgetView",
    "ConductReviewView",
    "ConfirmKnownView",
    "DoingWhatMattersView",
    "FinishReviewView",
    "GoalAddView",
    "GoalView",
    "MyReviewsView",
    "PrepareCheckView",
    "PrepareView",
    "ReviewGoalProgressView",
    "ReviewRecordView",
    "ReviewsDueView",
    "SpendingView",
    "WhatMattersView",
]
