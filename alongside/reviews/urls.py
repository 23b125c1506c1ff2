from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("due/", views.ReviewsDueView.as_view(), name="due"),
    path("people/<int:person_id>/", views.MyReviewsView.as_view(), name="mine"),
    path("people/<int:person_id>/ask/", views.AskForReviewView.as_view(), name="ask"),
    path("people/<int:person_id>/prepare/", views.PrepareView.as_view(), name="prepare"),
    path(
        "people/<int:person_id>/prepare/check/",
        views.PrepareCheckView.as_view(),
        name="prepare-check",
    ),
    path(
        "people/<int:person_id>/reviews/<int:review_id>/",
        views.ConductReviewView.as_view(),
        name="conduct",
    ),
    # The review's actions, one view each (POST only), all back to the review page.
    path(
        "people/<int:person_id>/reviews/<int:review_id>/what-matters/",
        views.WhatMattersView.as_view(),
        name="conduct-what-matters",
    ),
    path(
        "people/<int:person_id>/reviews/<int:review_id>/doing/",
        views.DoingWhatMattersView.as_view(),
        name="conduct-doing",
    ),
    path(
        "people/<int:person_id>/reviews/<int:review_id>/confirm/",
        views.ConfirmKnownView.as_view(),
        name="conduct-confirm",
    ),
    path(
        "people/<int:person_id>/reviews/<int:review_id>/goals/",
        views.AddReviewGoalView.as_view(),
        name="conduct-goal",
    ),
    path(
        "people/<int:person_id>/reviews/<int:review_id>/goals/progress/",
        views.ReviewGoalProgressView.as_view(),
        name="conduct-goal-progress",
    ),
    path(
        "people/<int:person_id>/reviews/<int:review_id>/tasks/",
        views.AddTaskQuestionView.as_view(),
        name="conduct-task",
    ),
    path(
        "people/<int:person_id>/reviews/<int:review_id>/finish/",
        views.FinishReviewView.as_view(),
        name="conduct-finish",
    ),
    path(
        "people/<int:person_id>/reviews/<int:review_id>/record/",
        views.ReviewRecordView.as_view(),
        name="record",
    ),
    path("people/<int:person_id>/goals/add/", views.GoalAddView.as_view(), name="goal-add"),
    path("people/<int:person_id>/goals/<int:goal_id>/", views.GoalView.as_view(), name="goal"),
    path("people/<int:person_id>/budget/", views.BudgetView.as_view(), name="budget"),
    path(
        "people/<int:person_id>/budget/set-up/",
        views.BudgetSetUpView.as_view(),
        name="budget-set-up",
    ),
    path(
        "people/<int:person_id>/budget/change/",
        views.BudgetChangeView.as_view(),
        name="budget-change",
    ),
    path(
        "people/<int:person_id>/budget/change/check/",
        views.BudgetChangeCheckView.as_view(),
        name="budget-change-check",
    ),
    path(
        "people/<int:person_id>/budget/changes/<int:change_id>/",
        views.BudgetChangeDecisionView.as_view(),
        name="budget-decision",
    ),
    path("people/<int:person_id>/budget/spending/", views.SpendingView.as_view(), name="spending"),
]
