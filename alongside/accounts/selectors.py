"""Reads for the account pages: accounts, and the authenticator apps set up for them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.policy import managed_accounts

from .models import User


def half_made_device(*, user: Any, device_id: Any) -> TOTPDevice | None:
    """The user's authenticator app being set up (not confirmed yet), or None."""
    return TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()


def confirmed_device(*, user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def user_by_email(*, email: str) -> User | None:
    """The account with this email address, or None."""
    return User.objects.filter(email=email).first()


def user_by_id(*, user_id: Any) -> User | None:
    """The account with this id, or None; the page's rule then says who may see it."""
    return User.objects.filter(pk=user_id).first()


def managed_accounts_by_name(*, user: Any) -> QuerySet[User]:
    """The accounts the organisation admin looks after, by name."""
    return managed_accounts(User.objects.all(), user).order_by("display_name", "pk")
