"""Signing in and out, second factors, sign-in links and account preferences."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.audit.models import SecurityEvent
from alongside.audit.services import record_security_event

from .models import SignInLink, User

_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignInLinkRefused(Exception):
    """The link is unknown, used already, expired, or not for a person we support."""


def issue_sign_in_link(
    *, for_user: User, issued_by: User, lifetime: timedelta | None = None
) -> str:
    """Create a single-use sign-in link token for a person we support; returns the token.

    Staff and council accounts cannot have links: they must use two-factor sign-in.
    """
    if for_user.needs_two_factor:
        raise ValueError("Sign-in links are only for people we support.")
    token = secrets.token_urlsafe(32)
    link = SignInLink(
        user=for_user,
        token_hash=SignInLink.hash_token(token),
        issued_by=issued_by,
        expires_at=timezone.now() + (lifetime or settings.SIGN_IN_LINK_LIFETIME),
    )
    link.full_clean()
    link.save()
    return token


def use_sign_in_link(*, request: HttpRequest, token: str) -> User:
    """Sign in with a link, once. Raises SignInLinkRefused if it cannot be used."""
    with transaction.atomic():
        link = (
            SignInLink.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=SignInLink.hash_token(token))
            .first()
        )
        if link is None or not link.is_usable or not link.user.is_active:
            record_security_event(kind=SecurityEvent.Kind.SIGN_IN_LINK_REFUSED)
            raise SignInLinkRefused
        if link.user.needs_two_factor:
            record_security_event(
                kind=SecurityEvent.Kind.SIGN_IN_LINK_REFUSED, user_id=link.user.pk
            )
            raise SignInLinkRefused
        # Mark used before signing in, inside the lock, so a second click cannot race it.
        updated = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if updated != 1:
            raise SignInLinkRefused
    login(request, link.user, backend=_BACKEND)
    record_security_event(kind=SecurityEvent.Kind.SIGN_IN_LINK_USED, user_id=link.user.pk)
    return link.user


def sign_out_everywhere(*, user: User) -> None:
    """End every session the user has, on every device, including this one."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    record_security_event(kind=SecurityEvent.Kind.SIGNED_OUT_EVERYWHERE, user_id=user.pk)


def set_easy_read(*, user: User, easy_read: bool) -> User:
    """Switch easy read on or off for this user; it follows them to every device."""
    user.easy_read = easy_read
    user.save(update_fields=["easy_read"])
    return user


def start_totp_setup(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator app device; confirmed once the user types a code."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def confirm_totp_device(*, device: TOTPDevice, code: str) -> bool:
    """Confirm a new device if `code` is right. Other devices of the user are removed."""
    if not device.verify_token(code):
        record_security_event(kind=SecurityEvent.Kind.TWO_FACTOR_FAILED, user_id=device.user_id)
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True
