from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.BringInView.as_view(), name="start"),
    path("<str:kind>/csv/template/", views.TemplateView.as_view(), name="template"),
    path("<str:kind>/guide/", views.GuideView.as_view(), name="guide"),
    path("<str:kind>/csv/records/", views.ExportView.as_view(), name="export"),
    path("checked/<int:run_id>/", views.RunView.as_view(), name="run"),
]
