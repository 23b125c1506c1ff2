from django.urls import path

from . import views

patterns = [
    path("failed-emails/", views.FailedEmailsView.as_view(), name="failed-emails"),
]
