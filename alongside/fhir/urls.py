from django.urls import path

from . import views

app_name = "fhir"

urlpatterns = [
    path("<int:person_id>/download/fhir/", views.FhirDownloadView.as_view(), name="download"),
    path("<int:person_id>/bring-in/", views.BringInView.as_view(), name="bring-in"),
]
