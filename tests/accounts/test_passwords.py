"""Forgotten password by email: Django's own reset, which never skips two-factor."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from alongside.audit.models import SecurityEvent
from alongside.organisations.models import StaffMember
from tests.conftest import sign_in
from tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "harbour-marmalade-kite"


def _ask(client: Client, email: str) -> Any:
    return client.post(reverse("accounts:password-reset"), {"email": email})


def _reset_link() -> str:
    found = re.search(r"https?://\S+", str(mail.outbox[-1].body))
    assert found
    return found.group(0)


def _kinds() -> list[tuple[str, int | None]]:
    return list(
        SecurityEvent.objects.filter(kind__startswith="password_reset")
        .order_by("occurred_at", "pk")
        .values_list("kind", "user_id_at_time")
    )


@override_settings(SITE_URL="https://alongside.example.org")
def test_a_staff_member_resets_their_password_and_still_needs_their_code() -> None:
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
    elsewhere = sign_in(Client(), worker)  # signed in on another device
    assert elsewhere.get(reverse("web:worker-home")).status_code == 200
    client = Client()
    response = _ask(client, worker.email.upper())
    assert response["Location"] == reverse("accounts:password-reset-sent")
    link = _reset_link()
    assert link.startswith("https://alongside.example.org/password/reset/")
    # The link asks for the new password on a page of its own (the token leaves the address).
    opened = client.get("/" + link.split("/", 3)[3])
    assert opened.status_code == 302
    page = client.get(opened["Location"])
    assert "Choose a new password" in page.content.decode()
    done = client.post(
        opened["Location"], {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    )
    assert done["Location"] == reverse("accounts:password-reset-done")
    worker.refresh_from_db()
    assert worker.check_password(NEW_PASSWORD)
    # Other sessions have ended.
    assert elsewhere.get(reverse("web:worker-home"))["Location"].startswith(
        reverse("accounts:sign-in")
    )
    # Signing in with the new password is only the first step: the code is still asked.
    signed = client.post(
        reverse("accounts:sign-in"), {"username": worker.email, "password": NEW_PASSWORD}
    )
    home = client.get(signed["Location"])
    assert home["Location"].startswith(reverse("accounts:two-factor-verify"))
    assert client.get(reverse("web:worker-home"))["Location"].startswith(
        reverse("accounts:two-factor-verify")
    )
    assert _kinds() == [
        (SecurityEvent.Kind.PASSWORD_RESET_ASKED, worker.pk),
        (SecurityEvent.Kind.PASSWORD_RESET_DONE, worker.pk),
    ]


def test_an_unknown_email_gets_the_same_answer_and_no_email() -> None:
    response = _ask(Client(), "nobody@example.org")
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert mail.outbox == []
    assert _kinds() == [(SecurityEvent.Kind.PASSWORD_RESET_ASKED, None)]


def test_a_used_reset_link_says_so_plainly(clock: time_machine.Traveller) -> None:
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
    _ask(Client(), worker.email)
    path = "/" + _reset_link().split("/", 3)[3]
    client = Client()
    form = client.get(path)["Location"]
    client.post(form, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    again = Client().get(path)
    assert again.status_code == 200
    assert "This link does not work" in again.content.decode()
    assert "Ask for a new link" in again.content.decode()


def test_a_weak_new_password_is_refused_in_plain_words() -> None:
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
    _ask(Client(), worker.email)
    client = Client()
    form = client.get("/" + _reset_link().split("/", 3)[3])["Location"]
    response = client.post(form, {"password": "password", "password_again": "password"})
    assert response.status_code == 400
    assert "That password is too easy to guess" in response.content.decode()
    worker.refresh_from_db()
    assert worker.check_password("a-good-long-password")


@override_settings(ACCOUNT_THROTTLE_LIMIT=2)
def test_asking_for_resets_again_and_again_is_made_to_wait(
    clock: time_machine.Traveller,
) -> None:
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
    _ask(Client(), worker.email)
    _ask(Client(), worker.email)
    response = _ask(Client(), worker.email)
    assert response.status_code == 200
    assert "Too many tries from here. Wait 15 minutes" in response.content.decode()
    assert len(mail.outbox) == 2
    clock.shift(timedelta(minutes=16))
    assert _ask(Client(), worker.email).status_code == 302
    assert len(mail.outbox) == 3
