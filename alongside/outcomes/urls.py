from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("service/<int:service_id>/", views.ServiceOutcomesView.as_view(), name="service"),
    path(
        "service/<int:service_id>/csv/<slug:figure>/",
        views.ServiceOutcomesCsvView.as_view(),
        name="service-csv",
    ),
    path("provider/", views.ProviderOutcomesView.as_view(), name="provider"),
    path(
        "provider/csv/<slug:figure>/", views.ProviderOutcomesCsvView.as_view(), name="provider-csv"
    ),
    path("council/", views.CouncilOutcomesView.as_view(), name="council"),
    path("council/csv/<slug:figure>/", views.CouncilOutcomesCsvView.as_view(), name="council-csv"),
    path("making-it-real/", views.SelfAssessmentsView.as_view(), name="self-assessments"),
    path(
        "making-it-real/<int:assessment_id>/",
        views.SelfAssessmentView.as_view(),
        name="self-assessment",
    ),
]
