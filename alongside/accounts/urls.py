from django.urls import path

from . import account_views as account_life
from . import views as accounts

app_name = "accounts"

urlpatterns = [
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
