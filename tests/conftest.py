from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

# Every test runs on the same clock, never the real one: a test that passes today passes at
# midnight too. The clock starts here for each test and ticks on (so timeouts and the live
# server still work). CI runs the suite once more with ALONGSIDE_TEST_CLOCK at an awkward
# instant (23:30 in London, a Sunday, the last day of a month) to catch any test that only
# passes at an ordinary time of day; such a test should set the time it needs with `clock`.
DEFAULT_TEST_CLOCK = "2026-12-02T10:00:00+00:00"  # a Wednesday morning


def test_clock_start() -> datetime.datetime:
    """Where the tests' clock starts: ALONGSIDE_TEST_CLOCK (ISO 8601, with its offset)."""
    raw = os.environ.get("ALONGSIDE_TEST_CLOCK") or DEFAULT_TEST_CLOCK
    start = datetime.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    if start.tzinfo is None:
        raise ValueError(f"ALONGSIDE_TEST_CLOCK needs an offset, such as Z: {raw!r}")
    return start


test_clock_start.__test__ = False  # type: ignore[attr-defined]  # not a test itself


def move_to_day(clock: time_machine.Traveller, day: datetime.date) -> None:
    """Make today (in London) `day`, keeping the clock's time of day, for a test whose dates
    are fixed: it then passes whatever the clock's start, and still at 23:30."""
    from django.utils import timezone

    clock.shift(day - timezone.localdate())


@pytest.fixture(autouse=True)
def clock() -> Iterator[time_machine.Traveller]:
    """The tests' clock; `clock.move_to(...)` sets the time a test needs."""
    with time_machine.travel(test_clock_start(), tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Counters kept in the cache (throttles of invitations and resets) start at nothing in
    every test, so one test's tries never hold up another's."""
    from django.core.cache import cache

    cache.clear()
    yield


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


# What the `signed_in_client` fixture gives: a maker of a test client signed in as a user.
SignedInClient = Callable[[Any], Client]


@pytest.fixture
def signed_in_client() -> SignedInClient:
    def make(user: Any) -> Client:
        return sign_in(Client(), user)

    return make
