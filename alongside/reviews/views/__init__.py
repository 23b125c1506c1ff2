"""Review, goal and budget pages, one module per page group. Thin: each names one rule of
the policy, fetches through the user's scope and leaves the work to services.py and
selectors.py."""

from .budget import (
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
    PrepareView,
    ReviewRecordView,
    ReviewsDueView,
)

__all__ = [
    "AddReviewGoalView",
    "AddTaskQuestionView",
    "AskForReviewView",
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
    "PrepareView",
    "ReviewGoalProgressView",
    "ReviewRecordView",
    "ReviewsDueView",
    "SpendingView",
    "WhatMattersView",
]
