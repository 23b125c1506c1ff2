from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("failed-emails/", views.FailedEmailsView.as_view(), name="failed-emails"),
    path("how-we-tell-you/", views.HowWeTellYouView.as_view(), name="how-we-tell-you"),
]
