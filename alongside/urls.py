from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.routers import DefaultRouter

from alongside.accounts import account_views as account_life
from alongside.accounts import views as accounts
from alongside.api import pages as api_pages
from alongside.api import views as api
from alongside.api.urls import patterns as api_resource_patterns
from alongside.downloads.urls import patterns as download_patterns
from alongside.everyday.urls import patterns as everyday_patterns
from alongside.fhir.urls import patterns as fhir_patterns
from alongside.imports.urls import patterns as import_patterns
from alongside.notifications.urls import patterns as notification_patterns
from alongside.organisations import setup_views as setup
from alongside.organisations import views as organisations
from alongside.outcomes.urls import patterns as outcomes_patterns
from alongside.people import views as people
from alongside.quality.urls import patterns as quality_patterns
from alongside.reviews.urls import patterns as review_patterns
from alongside.rota.urls import patterns as rota_patterns
from alongside.team.urls import patterns as team_patterns
from alongside.web import views as web

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

web_patterns = [
    path("", web.StartView.as_view(), name="start"),
    path("about/", web.AboutView.as_view(), name="about"),
    path("home/", web.HomeView.as_view(), name="home"),
    path("home/me/", web.PersonHomeView.as_view(), name="person-home"),
    path("home/supporter/", web.SupporterHomeView.as_view(), name="supporter-home"),
    path("home/worker/", web.WorkerHomeView.as_view(), name="worker-home"),
    path("home/manager/", web.ManagerHomeView.as_view(), name="manager-home"),
    path("home/quality/", web.QualityLeadHomeView.as_view(), name="quality-lead-home"),
    path("home/council/", web.CouncilHomeView.as_view(), name="council-home"),
    path("home/admin/", web.AdminHomeView.as_view(), name="admin-home"),
]

account_patterns = [
    path("sign-in/", accounts.SignInView.as_view(), name="sign-in"),
    path("sign-out/", accounts.SignOutView.as_view(), name="sign-out"),
    path(
        "sign-out-everywhere/", accounts.SignOutEverywhereView.as_view(), name="sign-out-everywhere"
    ),
    path("account/", accounts.AccountView.as_view(), name="account"),
    path(
        "account/two-factor/set-up/", accounts.TwoFactorSetupView.as_view(), name="two-factor-setup"
    ),
    path("account/two-factor/", accounts.TwoFactorVerifyView.as_view(), name="two-factor-verify"),
    path(
        "account/two-factor/recovery/",
        accounts.RecoveryCodeSignInView.as_view(),
        name="two-factor-recovery",
    ),
    path(
        "account/two-factor/recovery-codes/",
        accounts.RecoveryCodesView.as_view(),
        name="recovery-codes",
    ),
    path("sign-in/link/<str:token>/", accounts.SignInLinkView.as_view(), name="sign-in-link"),
    path("demo/sign-in/<str:role>/", accounts.DemoSignInView.as_view(), name="demo-sign-in"),
    # Invitations, forgotten passwords and leavers (issue 13).
    path("invitation/<str:token>/", account_life.AcceptInvitationView.as_view(), name="invitation"),
    path(
        "password/forgotten/", account_life.ForgottenPasswordView.as_view(), name="password-reset"
    ),
    path(
        "password/forgotten/sent/",
        account_life.PasswordResetSentView.as_view(),
        name="password-reset-sent",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        account_life.ResetPasswordView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/done/",
        account_life.PasswordChangedView.as_view(),
        name="password-reset-done",
    ),
    path("organisation/accounts/", account_life.AccountsListView.as_view(), name="accounts"),
    path(
        "organisation/accounts/<int:user_id>/",
        account_life.AccountOfView.as_view(),
        name="account-of",
    ),
    path(
        "organisation/accounts/<int:user_id>/end/",
        account_life.EndAccountView.as_view(),
        name="end-account",
    ),
    path(
        "organisation/accounts/<int:user_id>/switch-on/",
        account_life.ReactivateAccountView.as_view(),
        name="reactivate-account",
    ),
]

people_patterns = [
    path("<int:person_id>/", people.PersonRecordView.as_view(), name="record"),
    path("<int:person_id>/details/", people.PersonDetailsEditView.as_view(), name="details"),
    path("<int:person_id>/sharing/", people.SharingView.as_view(), name="sharing"),
    path("<int:person_id>/supporters/", people.SupportersView.as_view(), name="supporters"),
    path(
        "<int:person_id>/supporters/<int:supporter_id>/",
        people.SupporterEditView.as_view(),
        name="supporter-edit",
    ),
    path("<int:person_id>/who-looked/", people.WhoLookedView.as_view(), name="who-looked"),
    path("<int:person_id>/about-me/", people.AboutMeView.as_view(), name="about-me"),
    path(
        "<int:person_id>/about-me/history/",
        people.AboutMeHistoryView.as_view(),
        name="about-me-history",
    ),
    path(
        "<int:person_id>/about-me/<str:part>/",
        people.AboutMeSectionEditView.as_view(),
        name="about-me-edit",
    ),
    path(
        "<int:person_id>/about-me/<str:part>/suggest/",
        people.AboutMeProposeView.as_view(),
        name="about-me-suggest",
    ),
    path("<int:person_id>/suggestions/", people.ProposalsView.as_view(), name="proposals"),
    path(
        "<int:person_id>/suggestions/<int:proposal_id>/answer/",
        people.ProposalAnswerView.as_view(),
        name="proposal-answer",
    ),
    path("<int:person_id>/plan/", people.PlanView.as_view(), name="plan"),
    path("<int:person_id>/plan/write/", people.PlanEditView.as_view(), name="plan-edit"),
    path("<int:person_id>/plan/history/", people.PlanHistoryView.as_view(), name="plan-history"),
    path("<int:person_id>/download/", people.DownloadView.as_view(), name="download"),
    path(
        "<int:person_id>/sign-in-link/", people.SignInLinkIssueView.as_view(), name="sign-in-link"
    ),
]

organisation_patterns = [
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

urlpatterns = [
    path("", include((web_patterns, "web"))),
    path("", include((account_patterns, "accounts"))),
    path("people/", include((people_patterns, "people"))),
    path("people/", include((download_patterns, "downloads"))),
    path("people/", include((fhir_patterns, "fhir"))),
    path("", include((organisation_patterns, "organisations"))),
    path("team/", include((team_patterns, "team"))),
    path("rota/", include((rota_patterns, "rota"))),
    path("quality/", include((quality_patterns, "quality"))),
    path("everyday/", include((everyday_patterns, "everyday"))),
    path("reviews/", include((review_patterns, "reviews"))),
    path("outcomes/", include((outcomes_patterns, "outcomes"))),
    path("bring-in/", include((import_patterns, "imports"))),
    path("notifications/", include((notification_patterns, "notifications"))),
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
