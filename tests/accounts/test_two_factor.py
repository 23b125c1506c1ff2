"""Two-factor sign-in cannot be skipped, replaced or reset without the owner or an admin."""

from __future__ import annotations

import base64
import re
import threading
import time
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.accounts.models import User
from alongside.accounts.services import (
    TwoFactorRefused,
    confirm_totp_device,
    make_recovery_codes,
    start_totp_setup,
    verify_recovery_code,
)
from alongside.audit.models import SecurityEvent
from alongside.organisations.models import StaffMember
from tests.conftest import sign_in
from tests.factories import PersonFactory, ProviderFactory, StaffMemberFactory, TOTPDeviceFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-good-long-password"


def _code(device: TOTPDevice, offset: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{(value + offset) % 1_000_000:06d}"


def _shown_device(client: Client, user: Any) -> TOTPDevice:
    """The new app the set-up page showed: its key is in the session until a code is sent
    (the page's GET saves nothing)."""
    return TOTPDevice(user=user, key=client.session["alongside_totp_key"])


def _password_only(email: str) -> Client:
    client = Client()
    client.post(reverse("accounts:sign-in"), {"username": email, "password": PASSWORD})
    return client


def _is_verified(client: Client) -> bool:
    return client.get(reverse("accounts:account")).status_code == 200


def _staff(role: str = StaffMember.Role.QUALITY_LEAD, **kwargs: Any) -> Any:
    return StaffMemberFactory(role=role, **kwargs).user


def _every_url() -> list[tuple[str, str]]:
    """Every named URL, with a made-up value for each argument: the two-factor check runs
    before any view, so the values never need to exist."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns, prefix)
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}{p.name}"
                converters = getattr(p.pattern, "converters", {})
                kwargs: dict[str, Any] = {
                    key: 1 if isinstance(conv, IntConverter) else "x"
                    for key, conv in converters.items()
                }
                for group in p.pattern.regex.groupindex:
                    if group != "format":
                        # The admin's `(?P<app_label>auth|people)`: take the first choice.
                        choice = re.search(rf"\(\?P<{group}>([\w-]+)[|)]", str(p.pattern))
                        kwargs[group] = choice.group(1) if choice else "1"
                        if re.search(rf"\(\?P<{group}>\\d\{{4\}}-", str(p.pattern)):
                            kwargs[group] = "2026-05-01"  # a day, as in the API's check-ins
                regex = p.pattern.regex
                if regex.groups > len(regex.groupindex):  # unnamed groups: positional
                    found.append((name, reverse(name, args=["1"] * regex.groups)))
                else:
                    found.append((name, reverse(name, kwargs=kwargs)))

    walk(get_resolver().url_patterns, "", "")
    return found


class TestAPasswordAloneCannotPassTwoFactor:
    def test_the_set_up_page_sends_an_account_with_an_authenticator_to_enter_a_code(self) -> None:
        lead = _staff()
        TOTPDeviceFactory(user=lead)
        client = _password_only(lead.email)
        response = client.get(reverse("accounts:two-factor-setup"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two-factor-verify"))
        # No half-made device is left waiting to be confirmed.
        assert not TOTPDevice.objects.filter(user=lead, confirmed=False).exists()

    def test_enrolling_a_new_authenticator_with_a_password_alone_is_refused(self) -> None:
        admin = _staff(StaffMember.Role.ORG_ADMIN)
        admin.is_staff = True
        admin.save()
        owners = TOTPDeviceFactory(user=admin)
        client = _password_only(admin.email)
        # Even with a device of their own making already in the session:
        attackers = start_totp_setup(user=admin)
        session = client.session
        session["alongside_totp_setup"] = attackers.pk
        session.save()
        response = client.post(reverse("accounts:two-factor-setup"), {"code": _code(attackers)})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two-factor-verify"))
        assert TOTPDevice.objects.filter(pk=owners.pk, confirmed=True).exists()
        attackers.refresh_from_db()
        assert not attackers.confirmed
        assert not _is_verified(client)
        assert client.get("/admin/").status_code == 302

    def test_the_service_never_confirms_a_second_authenticator(self) -> None:
        lead = _staff()
        TOTPDeviceFactory(user=lead)
        new = start_totp_setup(user=lead)
        with pytest.raises(TwoFactorRefused):
            confirm_totp_device(device=new, code=_code(new))
        assert TOTPDevice.objects.filter(user=lead, confirmed=True).count() == 1

    def test_between_password_and_code_every_page_but_entering_a_code_is_closed(self) -> None:
        # Every URL in the configuration, the set-up pages (Django admin) and the API too.
        manager = _staff(StaffMember.Role.SERVICE_MANAGER)
        manager.is_staff = True
        manager.save()
        TOTPDeviceFactory(user=manager)
        client = _password_only(manager.email)
        allowed = {
            "accounts:two-factor-verify",
            "accounts:two-factor-recovery",
            "accounts:sign-out",
            "web:start",
            "web:about",
        }
        open_pages = []
        urls = _every_url()
        assert len(urls) > 150 and any(name.startswith("admin:") for name, _ in urls)
        for name, url in urls:
            if name in allowed:
                continue
            for method in (client.get, client.post):
                response = method(url)
                location = response.get("Location", "")
                if not (
                    response.status_code == 302
                    and location.startswith(reverse("accounts:two-factor-verify"))
                ):
                    open_pages.append((name, response.status_code, location))
        assert open_pages == []
        assert client.get(reverse("accounts:two-factor-verify")).status_code == 200

    def test_an_account_with_no_authenticator_may_only_set_one_up(self) -> None:
        lead = _staff()
        client = _password_only(lead.email)
        assert client.get(reverse("accounts:two-factor-setup")).status_code == 200
        response = client.get(reverse("accounts:two-factor-recovery"))
        assert response["Location"].startswith(reverse("accounts:two-factor-setup"))
        response = client.get(reverse("accounts:account"))
        assert response["Location"].startswith(reverse("accounts:two-factor-setup"))


class TestRecoveryCodes:
    def test_setting_up_the_first_authenticator_shows_ten_recovery_codes_once(self) -> None:
        lead = _staff()
        client = _password_only(lead.email)
        client.get(reverse("accounts:two-factor-setup"))
        device = _shown_device(client, lead)
        response = client.post(reverse("accounts:two-factor-setup"), {"code": _code(device)})
        page = response.content.decode()
        tokens = list(StaticToken.objects.filter(device__user=lead).values_list("token", flat=True))
        assert len(tokens) == 10
        assert all(token in page for token in tokens)
        assert _is_verified(client)
        assert SecurityEvent.objects.filter(
            kind=SecurityEvent.Kind.TWO_FACTOR_SET_UP, user_id_at_time=lead.pk
        ).exists()
        # The codes page afterwards tells how many are left, not the codes.
        later = client.get(reverse("accounts:recovery-codes")).content.decode()
        assert "10 recovery codes left" in later
        assert not any(token in later for token in tokens)

    def test_a_recovery_code_passes_two_factor_once(self) -> None:
        lead = _staff()
        TOTPDeviceFactory(user=lead)
        code = make_recovery_codes(user=lead)[0]
        client = _password_only(lead.email)
        response = client.post(reverse("accounts:two-factor-recovery"), {"code": code.upper()})
        assert response.status_code == 302
        assert _is_verified(client)
        assert StaticToken.objects.filter(device__user=lead).count() == 9
        again = _password_only(lead.email)
        response = again.post(reverse("accounts:two-factor-recovery"), {"code": code})
        assert "That is not one of your recovery codes, or it was used already" in (
            response.content.decode()
        )
        assert not _is_verified(again)

    def test_a_recovery_code_is_not_taken_as_an_authenticator_code_or_the_other_way(
        self,
    ) -> None:
        lead = _staff()
        device = TOTPDeviceFactory(user=lead)
        make_recovery_codes(user=lead)
        client = _password_only(lead.email)
        client.post(reverse("accounts:two-factor-recovery"), {"code": _code(device)})
        assert not _is_verified(client)

    def test_making_new_recovery_codes_needs_a_code_from_the_app_and_ends_the_old_ones(
        self,
    ) -> None:
        lead = _staff()
        device = TOTPDeviceFactory(user=lead)
        old = make_recovery_codes(user=lead)
        client = Client()
        client.force_login(lead)
        client.post(reverse("accounts:two-factor-recovery"), {"code": old[0]})
        response = client.post(reverse("accounts:recovery-codes"), {"code": _code(device, 1)})
        assert "That code is not right" in response.content.decode()
        assert StaticToken.objects.filter(device__user=lead).count() == 9
        # After a wrong code even the right one must wait, and the person is told so.
        response = client.post(reverse("accounts:recovery-codes"), {"code": _code(device)})
        assert "Too many wrong codes in a row. Wait 1 second" in response.content.decode()
        assert StaticToken.objects.filter(device__user=lead).count() == 9
        device.refresh_from_db()
        device.throttle_reset()  # as if the second had passed
        response = client.post(reverse("accounts:recovery-codes"), {"code": _code(device)})
        new = set(StaticToken.objects.filter(device__user=lead).values_list("token", flat=True))
        assert len(new) == 10 and not new & set(old)
        assert all(token in response.content.decode() for token in new)

    def test_a_person_we_support_has_no_recovery_codes_page(self) -> None:
        person = PersonFactory()
        client = Client()
        client.force_login(person.user)
        assert client.get(reverse("accounts:recovery-codes")).status_code == 403


class TestMovingToANewPhone:
    def _start(self, user: Any, old: TOTPDevice) -> tuple[Client, TOTPDevice]:
        # Signed in with two-factor some time ago (a code is used only once).
        client = sign_in(Client(), user)
        page = client.get(reverse("accounts:two-factor-setup")).content.decode()
        assert "Move two-factor sign-in to a new phone" in page
        return client, _shown_device(client, user)

    def test_a_wrong_code_from_the_current_app_keeps_the_old_phone(self) -> None:
        lead = _staff()
        old = TOTPDeviceFactory(user=lead)
        client, new = self._start(lead, old)
        response = client.post(
            reverse("accounts:two-factor-setup"),
            {"current_code": _code(old, 1), "code": _code(new)},
        )
        assert "That is not a code from your current app" in response.content.decode()
        assert TOTPDevice.objects.filter(pk=old.pk, confirmed=True).exists()
        assert not TOTPDevice.objects.get(key=new.key).confirmed

    def test_codes_from_the_current_and_the_new_app_move_it_and_the_old_one_stops(
        self,
    ) -> None:
        lead = _staff()
        old = TOTPDeviceFactory(user=lead)
        client, new = self._start(lead, old)
        response = client.post(
            reverse("accounts:two-factor-setup"),
            {"current_code": _code(old), "code": _code(new)},
        )
        assert response.status_code == 302
        assert list(TOTPDevice.objects.filter(user=lead).values_list("key", flat=True)) == [new.key]
        assert SecurityEvent.objects.filter(
            kind=SecurityEvent.Kind.TWO_FACTOR_REPLACED, user_id_at_time=lead.pk
        ).exists()

    def test_a_recovery_code_stands_in_for_a_lost_phone(self) -> None:
        lead = _staff()
        old = TOTPDeviceFactory(user=lead)
        codes = make_recovery_codes(user=lead)
        client = _password_only(lead.email)
        client.post(reverse("accounts:two-factor-recovery"), {"code": codes[0]})
        client.get(reverse("accounts:two-factor-setup"))
        new = _shown_device(client, lead)
        response = client.post(
            reverse("accounts:two-factor-setup"), {"current_code": codes[1], "code": _code(new)}
        )
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(pk=old.pk).exists()
        assert StaticToken.objects.filter(device__user=lead).count() == 8


class TestAnAdminsReset:
    def test_an_organisation_admin_resets_their_own_staff_and_it_is_recorded(self) -> None:
        provider = ProviderFactory()
        admin = _staff(StaffMember.Role.ORG_ADMIN, organisation=provider)
        worker = _staff(StaffMember.Role.SUPPORT_WORKER, organisation=provider)
        TOTPDeviceFactory(user=worker)
        make_recovery_codes(user=worker)
        signed_in = Client()
        signed_in.force_login(worker)
        call_command("reset_two_factor", email=worker.email, by=admin.email)
        assert not TOTPDevice.objects.filter(user=worker).exists()
        assert not StaticDevice.objects.filter(user=worker).exists()
        event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.TWO_FACTOR_RESET)
        assert (event.user_id_at_time, event.done_by_id_at_time) == (worker.pk, admin.pk)
        # Their sessions end: they sign in again and set up a new authenticator.
        assert signed_in.get(reverse("accounts:account")).status_code == 302

    def test_an_admin_of_another_organisation_or_of_themselves_cannot_reset(self) -> None:
        admin = _staff(StaffMember.Role.ORG_ADMIN)
        worker = _staff(StaffMember.Role.SUPPORT_WORKER)
        TOTPDeviceFactory(user=worker)
        TOTPDeviceFactory(user=admin)
        with pytest.raises(CommandError, match="may not reset"):
            call_command("reset_two_factor", email=worker.email, by=admin.email)
        with pytest.raises(CommandError, match="may not reset"):
            call_command("reset_two_factor", email=admin.email, by=admin.email)
        assert TOTPDevice.objects.filter(user__in=[worker, admin]).count() == 2
        assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.TWO_FACTOR_RESET).exists()


class TestFoundInReview:
    def test_a_superuser_without_the_admin_flag_still_needs_two_factor(self) -> None:
        root = User.objects.create_superuser(
            "root@example.org", PASSWORD, display_name="Root", is_staff=False
        )
        assert root.needs_two_factor
        client = _password_only(root.email)
        response = client.get(reverse("api:person-list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two-factor-setup"))

    def test_a_wrong_code_from_the_new_phone_uses_up_no_recovery_code(self) -> None:
        lead = _staff()
        TOTPDeviceFactory(user=lead)
        codes = make_recovery_codes(user=lead)
        client = sign_in(Client(), lead)
        client.get(reverse("accounts:two-factor-setup"))
        new = _shown_device(client, lead)
        response = client.post(
            reverse("accounts:two-factor-setup"),
            {"current_code": codes[0], "code": _code(new, 1)},
        )
        assert "That code is not right" in response.content.decode()
        assert StaticToken.objects.filter(device__user=lead).count() == 10

    def test_a_wrong_current_code_lets_the_same_new_phone_code_be_typed_again(self) -> None:
        lead = _staff()
        old = TOTPDeviceFactory(user=lead)
        codes = make_recovery_codes(user=lead)
        client = sign_in(Client(), lead)
        client.get(reverse("accounts:two-factor-setup"))
        new = _shown_device(client, lead)
        response = client.post(
            reverse("accounts:two-factor-setup"),
            {"current_code": "notarecoverycode", "code": _code(new)},
        )
        assert "That is not a code from your current app" in response.content.decode()
        StaticDevice.objects.filter(user=lead).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )  # as if the wait after a wrong code had passed
        response = client.post(
            reverse("accounts:two-factor-setup"), {"current_code": codes[0], "code": _code(new)}
        )
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(pk=old.pk).exists()

    def test_the_set_up_page_saves_nothing_until_a_code_is_sent(self) -> None:
        lead = _staff()
        client = _password_only(lead.email)
        first = client.get(reverse("accounts:two-factor-setup")).content.decode()
        again = client.get(reverse("accounts:two-factor-setup")).content.decode()
        assert not TOTPDevice.objects.filter(user=lead).exists()
        shown = _shown_device(client, lead)
        secret = base64.b32encode(shown.bin_key).decode().rstrip("=")
        grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        assert grouped in first and grouped in again  # the same key on every look
        client.post(reverse("accounts:two-factor-setup"), {"code": _code(shown)})
        assert TOTPDevice.objects.get(user=lead).confirmed

    def test_pages_with_the_secret_key_or_recovery_codes_are_never_cached(self) -> None:
        lead = _staff()
        client = _password_only(lead.email)
        setup_page = client.get(reverse("accounts:two-factor-setup"))
        assert "no-store" in setup_page["Cache-Control"]
        device = _shown_device(client, lead)
        codes_page = client.post(reverse("accounts:two-factor-setup"), {"code": _code(device)})
        assert "Your recovery codes" in codes_page.content.decode()
        assert "no-store" in codes_page["Cache-Control"]
        assert "no-store" in client.get(reverse("accounts:recovery-codes"))["Cache-Control"]

    def test_passing_two_factor_gives_the_session_a_new_key(self) -> None:
        lead = _staff()
        device = TOTPDeviceFactory(user=lead)
        client = _password_only(lead.email)
        before = client.session.session_key
        client.post(reverse("accounts:two-factor-verify"), {"code": _code(device)})
        assert _is_verified(client)
        assert client.session.session_key != before

    def test_the_admin_offers_no_page_that_shows_or_changes_devices(self) -> None:
        root = User.objects.create_superuser("root@example.org", PASSWORD, display_name="Root")
        victim = TOTPDeviceFactory(user=_staff())
        client = sign_in(Client(), root)
        assert client.get(f"/admin/otp_totp/totpdevice/{victim.pk}/config/").status_code == 404
        assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 404
        assert client.get("/admin/otp_static/staticdevice/").status_code == 404

    def test_a_switched_off_admin_or_an_organisation_admin_cannot_reset_a_superuser(
        self,
    ) -> None:
        provider = ProviderFactory()
        admin = _staff(StaffMember.Role.ORG_ADMIN, organisation=provider)
        worker = _staff(StaffMember.Role.SUPPORT_WORKER, organisation=provider)
        root = User.objects.create_superuser("root@example.org", PASSWORD, display_name="Root")
        StaffMemberFactory(user=root, organisation=provider)
        admin.is_active = False
        admin.save()
        with pytest.raises(CommandError, match="may not reset"):
            call_command("reset_two_factor", email=worker.email, by=admin.email)
        admin.is_active = True
        admin.save()
        with pytest.raises(CommandError, match="may not reset"):
            call_command("reset_two_factor", email=root.email, by=admin.email)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite has none)"
)
@pytest.mark.django_db(transaction=True)
def test_two_factor_steps_of_one_user_wait_for_each_other_and_read_afresh() -> None:
    """A recovery code used in one request while another is checking the same code is
    refused there: the second waits for the first and reads the codes again."""
    lead = _staff()
    TOTPDeviceFactory(user=lead)
    code = make_recovery_codes(user=lead)[0]
    locked, result = threading.Event(), {}

    def first_request_uses_the_code() -> None:
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=lead.pk).first()
            locked.set()
            time.sleep(0.5)  # the second request arrives while this one holds the lock
            StaticToken.objects.filter(device__user=lead, token=code).delete()
        connection.close()

    def second_request_checks_it() -> None:
        locked.wait(5)
        result["device"] = verify_recovery_code(user=lead, code=code)
        connection.close()

    threads = [
        threading.Thread(target=first_request_uses_the_code),
        threading.Thread(target=second_request_checks_it),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert result == {"device": None}
    assert StaticToken.objects.filter(device__user=lead).count() == 9
