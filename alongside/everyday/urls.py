from django.urls import path

from . import views

patterns = [
    path("today/", views.HandoverView.as_view(), name="handover"),
    path("people/<int:person_id>/today/", views.CheckInView.as_view(), name="check-in"),
    path("people/<int:person_id>/patterns/", views.PatternsView.as_view(), name="patterns"),
]
