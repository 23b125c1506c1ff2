from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.routers import DefaultRouter

from alongside.api import pages as api_pages
from alongside.api import views as api
from alongside.api.urls import patterns as api_resource_patterns

# The admin asks for the same two-factor sign-in as every staff page.
admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Alongside admin"
admin.site.site_title = "Alongside admin"
admin.site.index_title = "Set up your organisation"
# django-otp's own device pages would show anyone's secret key and let a superuser add or
# remove devices past the audited paths (set-up, moving phones, the reset): not offered.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)

router = DefaultRouter()
router.APIRootView = api.ApiRootView
router.register("people", api.PersonViewSet, basename="person")
router.register("services", api.ServiceViewSet, basename="service")
router.register("suggestions", api.SuggestionViewSet, basename="suggestion")


urlpatterns = [
    path("", include("alongside.web.urls")),
    path("", include("alongside.accounts.urls")),
    path("people/", include("alongside.people.urls")),
    path("people/", include("alongside.downloads.urls")),
    path("people/", include("alongside.fhir.urls")),
    path("", include("alongside.organisations.urls")),
    path("team/", include("alongside.team.urls")),
    path("rota/", include("alongside.rota.urls")),
    path("quality/", include("alongside.quality.urls")),
    path("everyday/", include("alongside.everyday.urls")),
    path("reviews/", include("alongside.reviews.urls")),
    path("outcomes/", include("alongside.outcomes.urls")),
    path("bring-in/", include("alongside.imports.urls")),
    path("notifications/", include("alongside.notifications.urls")),
    path(
        "api/services/<int:service_id>/you-said-we-did/",
        api.YouSaidWeDidView.as_view(),
        name="api-you-said-we-did",
    ),
    path("api-clients/", api_pages.ClientsView.as_view(), name="api-clients"),
    path(
        "api-clients/<int:client_id>/revoke/",
        api_pages.ClientRevokeView.as_view(),
        name="api-client-revoke",
    ),
    path("api/", include(([*api_resource_patterns, *router.urls], "api"))),
    path("api/schema/", api.SchemaView.as_view(), name="api-schema"),
    path("api/docs/", api.DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

# Bad values in an address or a form: a plain page that says what was wrong (never a 500).
handler400 = "alongside.web.bad_input.bad_request"
# Under /api/, an address that matches nothing answers in JSON, as the schema says.
handler404 = "alongside.api.errors.not_found"
