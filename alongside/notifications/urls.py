from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("failed-emails/", views.FailedEmailsView.as_view(), name="failed-emails"),
]
