from django.urls import path

from . import views

patterns = [
    path("", views.BringInView.as_view(), name="start"),
    path("<str:kind>/template/", views.TemplateView.as_view(), name="template"),
    path("<str:kind>/guide/", views.GuideView.as_view(), name="guide"),
    path("<str:kind>/download/", views.ExportView.as_view(), name="export"),
    path("checked/<int:run_id>/", views.RunView.as_view(), name="run"),
]
