"""Signing in and out, two-factor, sign-in links and my account. Thin views."""

from __future__ import annotations

import base64
import io
from typing import Any

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from alongside.policy.access import PUBLIC, AuthenticatedHttpRequest, PolicyView

from . import selectors, services
from .demo import DEMO_ROLES
from .forms import (
    EasyReadForm,
    MoveTwoFactorForm,
    RecoveryCodeForm,
    SignInForm,
    TwoFactorCodeForm,
)


def _safe_next(request: HttpRequest, fallback: str = "/home/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


class SignInView(LoginView):
    policy_rule = PUBLIC
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(PolicyView):
    policy_rule = PUBLIC

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        logout(request)
        return redirect("web:start")


class SignOutEverywhereView(PolicyView):
    policy_rule = "accounts.manage_own_account"

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        services.sign_out_everywhere(user=request.user)
        logout(request)
        return redirect("web:start")


class AccountView(PolicyView):
    policy_rule = "accounts.manage_own_account"

    def get(
        self, request: AuthenticatedHttpRequest, form: EasyReadForm | None = None
    ) -> HttpResponse:
        easy_read = getattr(request.user, "easy_read", False)
        form = form or EasyReadForm(initial={"easy_read": "on" if easy_read else "off"})
        return render(request, "accounts/account.html", {"form": form})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = EasyReadForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        services.set_easy_read(user=request.user, easy_read=form.cleaned_data["easy_read"])
        messages.success(
            request, "Easy read is on." if form.cleaned_data["easy_read"] else "Easy read is off."
        )
        return redirect("accounts:account")


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


_WRONG_CODE = "That code is not right. Check your app and try again"


def _pass_two_factor(request: AuthenticatedHttpRequest, device: Any) -> None:
    # A new session key once two-factor is passed, so a key learnt before it is worth nothing.
    request.session.cycle_key()
    django_otp.login(request, device)


@method_decorator(never_cache, name="dispatch")  # the secret key must not stay in a cache
class TwoFactorSetupView(PolicyView):
    """Set up an authenticator app: scan the code, then type the 6 numbers it shows.

    An account with no authenticator sets up its first one here (then gets its recovery
    codes). An account that has one may move it to a new phone only after two-factor is
    passed, and only with a code from the current app or a recovery code."""

    policy_rule = "accounts.manage_own_account"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        # Asked once a request: an account with an authenticator is moving it to a new phone.
        self.moving = False
        if user.is_authenticated:
            self.moving = services.has_authenticator(user=user)
            if self.moving and not user.is_verified():
                # The middleware already stops this; asked again here because a password
                # alone must never reach the form that replaces the owner's phone.
                query = urlencode({"next": _safe_next(request)})
                return redirect(f"{reverse('accounts:two-factor-verify')}?{query}")
        return super().dispatch(request, *args, **kwargs)

    def _pending_key(self) -> str:
        """The new app's key, kept in the session until a code is sent: a GET writes
        nothing to the database."""
        key = self.request.session.get("alongside_totp_key")
        if not key:
            key = random_hex(20)
            self.request.session["alongside_totp_key"] = key
        return str(key)

    def _saved_device(self) -> TOTPDevice | None:
        device_id = self.request.session.get("alongside_totp_setup")
        return selectors.half_made_device(user=self.request.user, device_id=device_id)

    def _shown_device(self) -> TOTPDevice:
        """What the page shows: the half-made device, or an unsaved one with the key."""
        return self._saved_device() or TOTPDevice(
            user=self.request.user,
            name="Authenticator app",
            confirmed=False,
            key=self._pending_key(),
        )

    def _device(self) -> TOTPDevice:
        device = self._saved_device()
        if device is None:
            device = services.start_totp_setup(
                user=self.request.user,
                key=self._pending_key(),
            )
            self.request.session["alongside_totp_setup"] = device.pk
        return device

    def _forget_setup(self) -> None:
        self.request.session.pop("alongside_totp_setup", None)
        self.request.session.pop("alongside_totp_key", None)

    def _form(self, data: Any = None) -> TwoFactorCodeForm:
        return MoveTwoFactorForm(data) if self.moving else TwoFactorCodeForm(data)

    def get(
        self, request: AuthenticatedHttpRequest, form: TwoFactorCodeForm | None = None
    ) -> HttpResponse:
        device = self._shown_device()
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        return render(
            request,
            "accounts/two_factor_setup.html",
            {
                "form": form or self._form(),
                "moving": self.moving,
                "qr": _qr_svg(device.config_url),
                "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
                "next": _safe_next(request),
            },
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        user = request.user
        form = self._form(request.POST)
        device = self._device()
        if not form.is_valid():
            return self.get(request, form=form)
        if isinstance(form, MoveTwoFactorForm):
            try:
                services.replace_authenticator(
                    user=user,
                    new_device=device,
                    current_code=form.cleaned_data["current_code"],
                    new_code=form.cleaned_data["code"],
                )
            except services.TwoFactorWait as wait:
                form.add_error("current_code", wait.message)
                return self.get(request, form=form)
            except services.TwoFactorRefused as refused:
                if str(refused) == "current":
                    form.add_error(
                        "current_code",
                        "That is not a code from your current app or one of your recovery "
                        "codes. Check it and try again",
                    )
                else:
                    form.add_error("code", _WRONG_CODE)
                return self.get(request, form=form)
            self._forget_setup()
            _pass_two_factor(request, device)
            messages.success(request, "Two-factor sign-in is moved to your new phone.")
            return redirect(_safe_next(request, fallback=reverse("accounts:account")))
        try:
            confirmed = services.confirm_totp_device(device=device, code=form.cleaned_data["code"])
        except services.TwoFactorWait as wait:
            form.add_error("code", wait.message)
            return self.get(request, form=form)
        except services.TwoFactorRefused:
            # Set up at the same moment in another place: that one counts; enter its code.
            self._forget_setup()
            return redirect("accounts:two-factor-verify")
        if not confirmed:
            form.add_error("code", _WRONG_CODE)
            return self.get(request, form=form)
        self._forget_setup()
        _pass_two_factor(request, device)
        codes = services.make_recovery_codes(user=user)
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "just_set_up": True, "next": _safe_next(request)},
        )


def _device_for_code(
    request: AuthenticatedHttpRequest,
    form: TwoFactorCodeForm | RecoveryCodeForm,
    verify: Any,
    wrong: str,
) -> Any:
    """The device the form's code is from, or None with the true reason on the form
    (the code is wrong, or it must wait after wrong codes)."""
    if not form.is_valid():
        return None
    try:
        device = verify(user=request.user, code=form.cleaned_data["code"])
    except services.TwoFactorWait as wait:
        form.add_error("code", wait.message)
        return None
    if device is None:
        form.add_error("code", wrong)
    return device


@method_decorator(never_cache, name="dispatch")
class TwoFactorVerifyView(PolicyView):
    policy_rule = "accounts.manage_own_account"

    def get(
        self, request: AuthenticatedHttpRequest, form: TwoFactorCodeForm | None = None
    ) -> HttpResponse:
        if not services.has_authenticator(user=request.user):
            return redirect("accounts:two-factor-setup")
        return render(
            request,
            "accounts/two_factor_verify.html",
            {"form": form or TwoFactorCodeForm(), "next": _safe_next(request)},
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = TwoFactorCodeForm(request.POST)
        device = _device_for_code(request, form, services.verify_authenticator_code, _WRONG_CODE)
        if device is None:
            return self.get(request, form=form)
        _pass_two_factor(request, device)
        return redirect(_safe_next(request))


@method_decorator(never_cache, name="dispatch")
class RecoveryCodeSignInView(PolicyView):
    """Lost the phone: pass two-factor once with one of the recovery codes."""

    policy_rule = "accounts.manage_own_account"

    def get(
        self, request: AuthenticatedHttpRequest, form: RecoveryCodeForm | None = None
    ) -> HttpResponse:
        if not services.has_authenticator(user=request.user):
            return redirect("accounts:two-factor-setup")
        return render(
            request,
            "accounts/two_factor_recovery.html",
            {"form": form or RecoveryCodeForm(), "next": _safe_next(request)},
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not services.has_authenticator(user=request.user):
            return redirect("accounts:two-factor-setup")
        form = RecoveryCodeForm(request.POST)
        device = _device_for_code(
            request,
            form,
            services.verify_recovery_code,
            "That is not one of your recovery codes, or it was used already",
        )
        if device is None:
            return self.get(request, form=form)
        _pass_two_factor(request, device)
        left = services.recovery_codes_left(user=request.user)
        messages.success(
            request,
            f"You are signed in with a recovery code. You have {left} left. "
            "If you lost your phone, move two-factor sign-in to a new one now.",
        )
        return redirect(_safe_next(request, fallback=reverse("accounts:account")))


@method_decorator(never_cache, name="dispatch")  # recovery codes must not stay in a cache
class RecoveryCodesView(PolicyView):
    """See how many recovery codes are left and make new ones (with a code from the app)."""

    policy_rule = "accounts.manage_two_factor"

    def get(
        self, request: AuthenticatedHttpRequest, form: TwoFactorCodeForm | None = None
    ) -> HttpResponse:
        return render(
            request,
            "accounts/recovery_codes.html",
            {
                "form": form or TwoFactorCodeForm(),
                "left": services.recovery_codes_left(user=request.user),
            },
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = TwoFactorCodeForm(request.POST)
        device = _device_for_code(request, form, services.verify_authenticator_code, _WRONG_CODE)
        if device is None:
            return self.get(request, form=form)
        codes = services.make_recovery_codes(user=request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes})


class SignInLinkView(PolicyView):
    """A person we support signs in with a link. GET asks first, so link previews in
    email or chat apps cannot use the link up."""

    policy_rule = PUBLIC

    def get(self, request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
        return render(request, "accounts/sign_in_link.html")

    def post(self, request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
        try:
            services.use_sign_in_link(request=request, token=token)
        except services.SignInLinkRefused:
            return render(request, "accounts/sign_in_link_refused.html", status=410)
        return redirect("web:home")


class DemoSignInView(PolicyView):
    """Only with the demo setting on: sign in as a demo role in one click."""

    policy_rule = PUBLIC

    def post(self, request: AuthenticatedHttpRequest, role: str) -> HttpResponse:
        if not settings.ALONGSIDE_DEMO:
            raise Http404
        demo = next((r for r in DEMO_ROLES if r.key == role), None)
        user = selectors.user_by_email(email=demo.email) if demo else None
        if user is None:
            raise Http404
        from django.contrib.auth import login

        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        device = selectors.confirmed_device(user=user)
        if device is not None:
            _pass_two_factor(request, device)
        return redirect("web:home")

    def get(self, request: AuthenticatedHttpRequest, role: str) -> HttpResponse:
        if not settings.ALONGSIDE_DEMO:
            raise Http404
        return redirect("web:start")
