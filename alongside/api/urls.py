"""The person's resources over the API (resources.py), under /api/ beside the router's."""

from __future__ import annotations

from django.urls import path

from . import resources as r

P = "people/<int:person_id>"

patterns = [
    path(f"{P}/about-me/", r.AboutMeView.as_view(), name="about-me"),
    path(f"{P}/about-me/<str:part>/", r.AboutMeSectionView.as_view(), name="about-me-section"),
    path(
        f"{P}/about-me/<str:part>/proposals/",
        r.AboutMeProposalsView.as_view(),
        name="about-me-proposals",
    ),
    path(f"{P}/proposals/", r.ProposalsView.as_view(), name="proposals"),
    path(f"{P}/plan/proposals/", r.PlanProposalsView.as_view(), name="plan-proposals"),
    path(f"{P}/meetings/", r.MeetingsView.as_view(), name="meetings"),
    path(f"{P}/meetings/<int:meeting_id>/", r.MeetingView.as_view(), name="meeting"),
    path(f"{P}/meeting-actions/", r.MeetingActionsView.as_view(), name="meeting-actions"),
    path(
        f"{P}/meeting-actions/<int:action_id>/",
        r.MeetingActionView.as_view(),
        name="meeting-action",
    ),
    path(f"{P}/team-choices/", r.TeamChoicesView.as_view(), name="team-choices"),
    path(f"{P}/team-choices/<int:worker_id>/", r.TeamChoiceView.as_view(), name="team-choice"),
    path(f"{P}/change-requests/", r.ChangeRequestsView.as_view(), name="change-requests"),
    path(f"{P}/budget/", r.BudgetView.as_view(), name="budget"),
    path(f"{P}/budget/changes/", r.BudgetChangesView.as_view(), name="budget-changes"),
    path(f"{P}/budget/spending/", r.SpendingView.as_view(), name="budget-spending"),
    path(f"{P}/reviews/", r.ReviewsView.as_view(), name="reviews"),
    path(f"{P}/reviews/<int:review_id>/", r.ReviewView.as_view(), name="review"),
    path(
        f"{P}/reviews/<int:review_id>/finish/", r.ReviewFinishView.as_view(), name="review-finish"
    ),
    path(f"{P}/goals/", r.GoalsView.as_view(), name="goals"),
    path(f"{P}/goals/<int:goal_id>/", r.GoalView.as_view(), name="goal"),
    path(f"{P}/shifts/", r.PersonShiftsView.as_view(), name="person-shifts"),
    path(
        "services/<int:service_id>/suggestions/",
        r.ServiceSuggestionsView.as_view(),
        name="service-suggestions",
    ),
    path(
        "suggestions/<int:suggestion_id>/response/",
        r.SuggestionResponseView.as_view(),
        name="suggestion-response",
    ),
    path("rota-weeks/", r.RotaWeeksView.as_view(), name="rota-weeks"),
    path(
        "rota-weeks/<int:week_id>/shifts/", r.RotaWeekShiftsView.as_view(), name="rota-week-shifts"
    ),
]
