"""Staff, council and admin accounts must pass two-factor before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Pages a signed-in user may reach before their second factor. An account that has an
# authenticator may only enter a code from it (or a recovery code); only an account with
# none yet may set one up. Setting up a new one over an existing one would let a password
# alone replace the owner's phone.
_ALWAYS_ALLOWED = {"accounts:sign-out", "web:start", "web:about"}
_ALLOWED_WITH_AUTHENTICATOR = _ALWAYS_ALLOWED | {
    "accounts:two-factor-verify",
    "accounts:two-factor-recovery",
}
_ALLOWED_WITHOUT_AUTHENTICATOR = _ALWAYS_ALLOWED | {"accounts:two-factor-setup"}


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not user.needs_two_factor or user.is_verified():
            return None
        if request.path.startswith("/static/"):
            return None
        from .services import has_authenticator

        has_device = has_authenticator(user=user)
        allowed = _ALLOWED_WITH_AUTHENTICATOR if has_device else _ALLOWED_WITHOUT_AUTHENTICATOR
        match = request.resolver_match
        if match is not None and match.view_name in allowed:
            return None
        target = "accounts:two-factor-verify" if has_device else "accounts:two-factor-setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
