"""Invitations, forgotten passwords and leavers. Thin views; the work is in services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import (
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from alongside.policy.access import PUBLIC, AuthenticatedHttpRequest, PolicyView

from . import invitations, selectors, services, throttle
from .forms import EndAccountForm, ForgottenPasswordForm, NewPasswordForm, ResetPasswordForm
from .models import User

_BACKEND = "django.contrib.auth.backends.ModelBackend"


@method_decorator(never_cache, name="dispatch")
class AcceptInvitationView(PolicyView):
    """ "Set your password" from an invitation link. GET only asks, so a link preview in an
    email app cannot use the link up; the password POSTed uses it."""

    policy_rule = PUBLIC

    def _refused(self, request: AuthenticatedHttpRequest, wait: int = 0) -> HttpResponse:
        return render(
            request,
            "accounts/invitation_refused.html",
            {"wait": throttle.wait_message(wait) if wait else ""},
            status=429 if wait else 410,
        )

    def _invitation(self, request: AuthenticatedHttpRequest, token: str) -> Any:
        place = throttle.place_of(request)
        wait = throttle.wait_seconds(kind="invitation", who=place)
        if wait:
            return None, self._refused(request, wait)
        try:
            return invitations.find_invitation(token=token), None
        except invitations.InvitationRefused:
            throttle.count_try(kind="invitation", who=place)
            return None, self._refused(request)

    def _page(
        self, request: AuthenticatedHttpRequest, invitation: Any, form: NewPasswordForm
    ) -> HttpResponse:
        return render(
            request,
            "accounts/invitation.html",
            {
                "form": form,
                "invited": invitation.user,
                "easy_read": invitation.easy_read,
                "two_factor": invitation.user.needs_two_factor,
            },
            status=400 if form.errors else 200,
        )

    def get(self, request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
        invitation, refused = self._invitation(request, token)
        if refused is not None:
            return refused
        return self._page(request, invitation, NewPasswordForm(user=invitation.user))

    def post(self, request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
        invitation, refused = self._invitation(request, token)
        if refused is not None:
            return refused
        form = NewPasswordForm(request.POST, user=invitation.user)
        if not form.is_valid():
            throttle.count_try(kind="invitation", who=throttle.place_of(request))
            return self._page(request, invitation, form)
        try:
            user = invitations.accept_invitation(
                token=token, password=form.cleaned_data["password"]
            )
        except (invitations.InvitationRefused, ValidationError):
            return self._refused(request)
        # Signed in with the password only: staff are now between password and code, and
        # the two-factor middleware lets them do nothing but set up their authenticator.
        login(request, user, backend=_BACKEND)
        if user.needs_two_factor:
            query = urlencode({"next": reverse("web:home")})
            return redirect(f"{reverse('accounts:two-factor-setup')}?{query}")
        messages.success(request, "Your password is set. You are signed in.")
        return redirect("web:home")


# --- Forgotten password: Django's own views, with our words and a background email -------


class ForgottenPasswordView(PasswordResetView):
    policy_rule = PUBLIC
    template_name = "accounts/password_forgotten.html"
    form_class = ForgottenPasswordForm
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form: Any) -> HttpResponse:
        place = throttle.place_of(self.request)
        wait = throttle.wait_seconds(kind="password-reset", who=place)
        if wait:
            form.add_error("email", throttle.wait_message(wait))
            return self.form_invalid(form)
        throttle.count_try(kind="password-reset", who=place)
        # The email is sent by a task; the page says the same whether or not there is an
        # account, so it cannot be used to find out who uses Alongside.
        services.ask_password_reset(email=form.cleaned_data["email"])
        return redirect(self.success_url)


class PasswordResetSentView(PasswordResetDoneView):
    policy_rule = PUBLIC
    template_name = "accounts/password_reset_sent.html"


@method_decorator(never_cache, name="dispatch")
class ResetPasswordView(PasswordResetConfirmView):
    policy_rule = PUBLIC
    template_name = "accounts/password_reset.html"
    form_class = ResetPasswordForm
    success_url = reverse_lazy("accounts:password-reset-done")
    # A reset never signs in: staff still need their authenticator code.
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_was_reset(user=self.user)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordChangedView(PasswordResetCompleteView):
    policy_rule = PUBLIC
    template_name = "accounts/password_reset_done.html"


# --- An organisation admin's accounts: invitations and leavers --------------------------


class AccountsListView(PolicyView):
    """Everyone in the organisation with an account: invited or not, accepted, ended."""

    policy_rule = "accounts.invite_people"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        accounts = selectors.managed_accounts_by_name(user=request.user)
        page = Paginator(accounts, 50).get_page(request.GET.get("page"))
        latest = invitations.latest_invitations(u.pk for u in page.object_list)
        rows = [(u, latest.get(u.pk)) for u in page.object_list]
        return render(request, "accounts/accounts.html", {"page": page, "rows": rows})


class _AccountPage(PolicyView):
    """A page about one account the admin looks after; any other answers 404."""

    def get_policy_object(self) -> User:
        found = selectors.user_by_id(user_id=self.kwargs["user_id"])
        if found is None:
            raise Http404
        return found

    @property
    def account(self) -> User:
        return self.policy_object


class AccountOfView(_AccountPage):
    """One account: its invitation, and sending it again (which ends the old link)."""

    policy_rule = "accounts.invite"

    def get(self, request: AuthenticatedHttpRequest, user_id: int, wait: str = "") -> HttpResponse:
        latest = invitations.latest_invitations([self.account.pk]).get(self.account.pk)
        return render(
            request,
            "accounts/account_of.html",
            {
                "account": self.account,
                "invitation": latest,
                "may_end": request.user.has_perm("accounts.end_account", self.account),
                "wait": wait,
            },
            status=429 if wait else 200,
        )

    def post(self, request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
        if not self.account.is_active:
            return redirect("accounts:account-of", user_id=self.account.pk)
        who = f"user-{request.user.pk}"
        wait = throttle.wait_seconds(kind="invite", who=who)
        if wait:
            return self.get(request, user_id, wait=throttle.wait_message(wait))
        throttle.count_try(kind="invite", who=who)
        invitations.invite(user=self.account, invited_by=request.user)
        messages.success(
            request,
            f"A new invitation is on its way to {self.account.email}. "
            "The old link no longer works.",
        )
        return redirect("accounts:account-of", user_id=self.account.pk)


class EndAccountView(_AccountPage):
    """A leaver: end their account (or switch an ended one back on)."""

    policy_rule = "accounts.end_account"

    def get(
        self, request: AuthenticatedHttpRequest, user_id: int, form: Any = None
    ) -> HttpResponse:
        return render(
            request,
            "accounts/end_account.html",
            {"account": self.account, "form": form or EndAccountForm()},
            status=400 if form is not None and form.errors else 200,
        )

    def post(self, request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
        if not self.account.is_active:
            return redirect("accounts:account-of", user_id=self.account.pk)
        form = EndAccountForm(request.POST)
        if not form.is_valid():
            return self.get(request, user_id, form=form)
        try:
            services.end_account(
                user=self.account,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.AccountRefused as refused:
            form.add_error("reason", str(refused))
            return self.get(request, user_id, form=form)
        messages.success(
            request, f"{self.account.display_name}'s account is ended. They are signed out."
        )
        return redirect("accounts:account-of", user_id=self.account.pk)


class ReactivateAccountView(_AccountPage):
    policy_rule = "accounts.end_account"

    def post(self, request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
        if self.account.is_active:
            return redirect("accounts:account-of", user_id=self.account.pk)
        services.reactivate_account(user=self.account, by=request.user)
        messages.success(
            request,
            f"{self.account.display_name}'s account is on again. "
            f"An invitation to set a password is on its way to {self.account.email}.",
        )
        return redirect("accounts:account-of", user_id=self.account.pk)
