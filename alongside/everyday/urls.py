from django.urls import path

from . import views

app_name = "everyday"

urlpatterns = [
    path("today/", views.HandoverView.as_view(), name="handover"),
    path("people/<int:person_id>/today/", views.CheckInView.as_view(), name="check-in"),
    path("people/<int:person_id>/patterns/", views.PatternsView.as_view(), name="patterns"),
    path("people/<int:person_id>/meetings/", views.MeetingsView.as_view(), name="meetings"),
    path(
        "people/<int:person_id>/meetings/<int:meeting_id>/",
        views.MeetingView.as_view(),
        name="meeting",
    ),
    path("messages/", views.NotificationsView.as_view(), name="notifications"),
    path("suggestions/times/", views.ResponseTimesView.as_view(), name="response-times"),
    path("suggest/", views.SuggestView.as_view(), name="suggest"),
    path("my-ideas/", views.MyIdeasView.as_view(), name="my-ideas"),
    path("suggestions/", views.SuggestionsView.as_view(), name="suggestions"),
    path("suggestions/<int:suggestion_id>/", views.SuggestionView.as_view(), name="suggestion"),
    path(
        "services/<int:service_id>/you-said-we-did/",
        views.YouSaidWeDidView.as_view(),
        name="you-said-we-did",
    ),
]
