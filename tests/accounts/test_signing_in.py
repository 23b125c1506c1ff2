from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.accounts.models import SignInLink
from alongside.accounts.services import issue_sign_in_link, sign_out_everywhere
from alongside.audit.models import SecurityEvent
from alongside.organisations.models import StaffMember
from tests.conftest import sign_in
from tests.factories import (
    CouncilWorkerFactory,
    PersonFactory,
    StaffMemberFactory,
    TOTPDeviceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PASSWORD = "a-good-long-password"


def _sign_in_with_password(client: Client, email: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("accounts:sign-in"), {"username": email, "password": password})


def _current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


class TestTwoFactor:
    def test_a_support_worker_with_only_a_password_is_sent_to_enter_a_code(self) -> None:
        worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
        TOTPDeviceFactory(user=worker)
        client = Client()
        _sign_in_with_password(client, worker.email)
        response = client.get(reverse("web:worker-home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two-factor-verify"))

    def test_a_council_worker_with_no_authenticator_is_sent_to_set_one_up(self) -> None:
        council_worker = CouncilWorkerFactory().user
        client = Client()
        _sign_in_with_password(client, council_worker.email)
        response = client.get(reverse("web:council-home"))
        assert response["Location"].startswith(reverse("accounts:two-factor-setup"))

    def test_the_api_is_closed_to_staff_until_they_enter_a_code(self) -> None:
        manager = StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER).user
        TOTPDeviceFactory(user=manager)
        client = Client()
        _sign_in_with_password(client, manager.email)
        assert client.get(reverse("api:person-list")).status_code == 302

    def test_the_right_code_lets_a_worker_in(self) -> None:
        worker = StaffMemberFactory().user
        device = TOTPDeviceFactory(user=worker)
        client = Client()
        _sign_in_with_password(client, worker.email)
        response = client.post(
            reverse("accounts:two-factor-verify"),
            {"code": _current_code(device), "next": reverse("web:worker-home")},
        )
        assert response["Location"] == reverse("web:worker-home")
        assert client.get(reverse("web:worker-home")).status_code == 200

    def test_a_wrong_code_is_refused_with_a_clear_message(self) -> None:
        worker = StaffMemberFactory().user
        device = TOTPDeviceFactory(user=worker)
        client = Client()
        _sign_in_with_password(client, worker.email)
        wrong = f"{(int(_current_code(device)) + 1) % 1_000_000:06d}"
        response = client.post(reverse("accounts:two-factor-verify"), {"code": wrong})
        assert response.status_code == 200
        assert "That code is not right" in response.content.decode()
        assert client.get(reverse("web:worker-home")).status_code == 302
        assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.TWO_FACTOR_FAILED).exists()

    def test_setting_up_an_authenticator_confirms_it_and_signs_in_with_it(self) -> None:
        council_worker = CouncilWorkerFactory().user
        client = Client()
        _sign_in_with_password(client, council_worker.email)
        assert client.get(reverse("accounts:two-factor-setup")).status_code == 200
        # The page's GET saves nothing: the new key waits in the session until a code comes.
        assert not TOTPDevice.objects.filter(user=council_worker).exists()
        shown = TOTPDevice(user=council_worker, key=client.session["alongside_totp_key"])
        response = client.post(reverse("accounts:two-factor-setup"), {"code": _current_code(shown)})
        assert "Your recovery codes" in response.content.decode()
        device = TOTPDevice.objects.get(user=council_worker)
        assert device.confirmed and device.key == shown.key
        assert client.get(reverse("web:council-home")).status_code == 200

    def test_a_person_we_support_does_not_need_a_second_factor(self) -> None:
        person = PersonFactory()
        client = Client()
        _sign_in_with_password(client, person.user.email)
        assert client.get(reverse("web:person-home")).status_code == 200


class TestThrottling:
    def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(self) -> None:
        person = PersonFactory()
        client = Client()
        for _ in range(5):
            response = _sign_in_with_password(client, person.user.email, "wrong-password")
        assert response.status_code in (403, 429)
        response = _sign_in_with_password(client, person.user.email)
        assert response.status_code in (403, 429)
        assert "Too many tries" in response.content.decode()
        assert client.get(reverse("web:person-home")).status_code == 302
        assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOCKED_OUT).exists()

    def test_a_failed_sign_in_is_logged_without_the_email_address(self, caplog: Any) -> None:
        person = PersonFactory()
        with caplog.at_level("INFO", logger="alongside.security"):
            _sign_in_with_password(Client(), person.user.email, "wrong-password")
        assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGN_IN_FAILED).exists()
        assert person.user.email not in caplog.text
        assert "sign_in_failed" in caplog.text


class TestSignInLinks:
    def test_a_link_signs_the_person_in_once(self) -> None:
        person = PersonFactory()
        token = issue_sign_in_link(for_user=person.user, issued_by=UserFactory())
        url = reverse("accounts:sign-in-link", args=[token])
        client = Client()
        assert client.get(url).status_code == 200  # asking first does not use the link
        assert client.post(url).status_code == 302
        assert client.get(reverse("web:person-home")).status_code == 200

        again = Client()
        assert again.post(url).status_code == 410
        assert again.get(reverse("web:person-home")).status_code == 302

    def test_an_expired_link_does_not_sign_in(self) -> None:
        person = PersonFactory()
        token = issue_sign_in_link(for_user=person.user, issued_by=UserFactory())
        SignInLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        client = Client()
        response = client.post(reverse("accounts:sign-in-link", args=[token]))
        assert response.status_code == 410
        assert "Ask your service manager for a new link" in response.content.decode()

    def test_only_a_hash_of_the_link_is_stored(self) -> None:
        person = PersonFactory()
        token = issue_sign_in_link(for_user=person.user, issued_by=UserFactory())
        assert not SignInLink.objects.filter(token_hash=token).exists()
        assert SignInLink.objects.filter(token_hash=SignInLink.hash_token(token)).exists()

    def test_staff_cannot_be_given_a_sign_in_link(self) -> None:
        worker = StaffMemberFactory().user
        with pytest.raises(ValueError):
            issue_sign_in_link(for_user=worker, issued_by=UserFactory())

    def test_a_service_manager_makes_a_link_that_is_shown_once(self) -> None:
        manager_staff = StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER)
        person = PersonFactory()
        manager_staff.services.set([person.service])
        client = sign_in(Client(), manager_staff.user)
        response = client.post(reverse("people:sign-in-link", args=[person.pk]))
        assert response.status_code == 200
        assert "/sign-in/link/" in response.content.decode()
        assert (
            SignInLink.objects.filter(user=person.user, issued_by=manager_staff.user).count() == 1
        )


class TestSigningOut:
    def test_sign_out_everywhere_ends_every_session(self) -> None:
        person = PersonFactory()
        phone, laptop = sign_in(Client(), person.user), sign_in(Client(), person.user)
        assert phone.get(reverse("web:person-home")).status_code == 200
        response = laptop.post(reverse("accounts:sign-out-everywhere"))
        assert response.status_code == 302
        assert phone.get(reverse("web:person-home")).status_code == 302
        assert laptop.get(reverse("web:person-home")).status_code == 302

    def test_signing_out_everywhere_is_done_by_the_service_too(self) -> None:
        person = PersonFactory()
        phone = sign_in(Client(), person.user)
        sign_out_everywhere(user=person.user)
        assert phone.get(reverse("web:person-home")).status_code == 302

    def test_sessions_expire_after_thirty_minutes_without_activity(self, settings: Any) -> None:
        assert settings.SESSION_COOKIE_AGE == 30 * 60
        assert settings.SESSION_SAVE_EVERY_REQUEST is True
