from django.urls import path

from . import views

app_name = "downloads"

urlpatterns = [
    path("<int:person_id>/download/ask/", views.AskView.as_view(), name="ask"),
    path(
        "<int:person_id>/download/<int:download_id>/",
        views.StatusView.as_view(),
        name="status",
    ),
    path("<int:person_id>/download/<int:download_id>/pdf/", views.PdfView.as_view(), name="pdf"),
    path("<int:person_id>/download/<int:download_id>/json/", views.JsonView.as_view(), name="json"),
]
