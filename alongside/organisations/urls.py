from django.urls import path

from . import setup_views as setup
from . import views as organisations

app_name = "organisations"

urlpatterns = [
    # Alongside's own set-up pages (issue 13): services, staff and supporters, one at a time.
    path("organisation/set-up/<str:kind>/", setup.RecordListView.as_view(), name="setup-list"),
    path("organisation/set-up/<str:kind>/add/", setup.RecordAddView.as_view(), name="setup-add"),
    path(
        "organisation/set-up/<str:kind>/<int:pk>/",
        setup.RecordEditView.as_view(),
        name="setup-edit",
    ),
    path(
        "organisation/set-up/<str:kind>/<int:pk>/end/",
        setup.RecordEndView.as_view(),
        name="setup-end",
    ),
    path(
        "services/<int:service_id>/people/add/",
        setup.PersonAddView.as_view(),
        name="add-person",
    ),
    path("services/<int:service_id>/", organisations.ServiceView.as_view(), name="service"),
]
