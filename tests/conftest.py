from __future__ import annotations

import os
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

# Playwright's sync API runs an event loop; Django's ORM is used from the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def sign_in(client: Client, user: Any) -> Client:
    """Sign in as `user`; staff and council accounts are also passed through two-factor."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if user.needs_two_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def signed_in_client() -> Any:
    def make(user: Any) -> Client:
        return sign_in(Client(), user)

    return make
