from django.urls import path

from . import views

app_name = "team"

urlpatterns = [
    path("settings/", views.TeamSettingsView.as_view(), name="settings"),
    path("people/<int:person_id>/", views.MyTeamView.as_view(), name="my-team"),
    path(
        "people/<int:person_id>/workers/<int:worker_id>/",
        views.TeamChoiceView.as_view(),
        name="choose",
    ),
    path(
        "people/<int:person_id>/what-i-look-for/",
        views.WhatILookForView.as_view(),
        name="what-i-look-for",
    ),
    path(
        "people/<int:person_id>/ask-for-change/",
        views.AskForChangeView.as_view(),
        name="ask-for-change",
    ),
    path("workers/<int:worker_id>/photo/", views.WorkerPhotoView.as_view(), name="worker-photo"),
    path("workers/<int:worker_id>/about/", views.WorkerWordsView.as_view(), name="worker-words"),
    path(
        "workers/<int:worker_id>/photo/change/",
        views.WorkerPhotoChangeView.as_view(),
        name="worker-photo-change",
    ),
    path("change-requests/", views.ChangeRequestListView.as_view(), name="change-requests"),
    path(
        "change-requests/<int:request_id>/",
        views.ChangeRequestView.as_view(),
        name="change-request",
    ),
]
