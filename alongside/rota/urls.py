from django.urls import path

from . import views

app_name = "rota"

urlpatterns = [
    path("settings/", views.RotaSettingsView.as_view(), name="settings"),
    path(
        "services/<int:service_id>/weeks/<str:week>/",
        views.ServiceWeekView.as_view(),
        name="service-week",
    ),
    path(
        "services/<int:service_id>/weeks/<str:week>/solve/",
        views.SolveWeekView.as_view(),
        name="solve",
    ),
    path(
        "services/<int:service_id>/weeks/<str:week>/solve/progress/",
        views.SolveProgressView.as_view(),
        name="solve-progress",
    ),
    path(
        "services/<int:service_id>/weeks/<str:week>/publish/",
        views.PublishWeekView.as_view(),
        name="publish",
    ),
    path(
        "services/<int:service_id>/weeks/<str:week>/fix/",
        views.FixWeekView.as_view(),
        name="fix",
    ),
    path("solve-runs/<int:run_id>/", views.SolveRunView.as_view(), name="solve-run"),
    path("shifts/<int:shift_id>/", views.ShiftView.as_view(), name="shift"),
    path("my-shifts/", views.MyShiftsView.as_view(), name="my-shifts"),
    path("people/<int:person_id>/", views.PersonWeekView.as_view(), name="person-week"),
    path("people/<int:person_id>/pattern/", views.SupportPatternView.as_view(), name="pattern"),
    path(
        "people/<int:person_id>/personal-care/",
        views.PersonalCareView.as_view(),
        name="personal-care",
    ),
    path("workers/<int:worker_id>/", views.WorkerPlanView.as_view(), name="worker"),
    path(
        "availability/<int:availability_id>/",
        views.AvailabilityEditView.as_view(),
        name="availability",
    ),
    path(
        "availability/<int:availability_id>/delete/",
        views.AvailabilityDeleteView.as_view(),
        name="availability-delete",
    ),
    path("absences/<int:absence_id>/", views.AbsenceEditView.as_view(), name="absence"),
    path(
        "absences/<int:absence_id>/delete/",
        views.AbsenceDeleteView.as_view(),
        name="absence-delete",
    ),
]
