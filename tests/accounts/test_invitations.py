"""Invitations: a single-use emailed link, for 7 days, to set a password (issue 13)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from alongside.accounts.invitations import (
    InvitationRefused,
    accept_invitation,
    invite,
    invite_many,
)
from alongside.accounts.models import Invitation, User
from alongside.audit.models import SecurityEvent
from alongside.organisations.models import StaffMember
from tests.conftest import sign_in
from tests.factories import PersonFactory, StaffMemberFactory, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "river-lantern-biscuit"


def _new_worker() -> User:
    user = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
    user.set_unusable_password()
    user.save()
    return user


def _link_in(message: Any) -> str:
    found = re.search(r"https?://\S+", message.body)
    assert found, message.body
    return found.group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def _accept(
    client: Client, path: str, password: str = NEW_PASSWORD, again: str | None = None
) -> Any:
    return client.post(path, {"password": password, "password_again": again or password})


def _events(kind: str) -> list[tuple[int | None, int | None]]:
    return list(
        SecurityEvent.objects.filter(kind=kind).values_list("user_id_at_time", "done_by_id_at_time")
    )


class TestTheEmail:
    @override_settings(SITE_URL="https://alongside.example.org")
    def test_the_email_has_an_absolute_link_from_the_site_url_that_opens_set_your_password(
        self,
    ) -> None:
        worker = _new_worker()
        admin = UserFactory(display_name="Mo Peberdy")
        invitation = invite(user=worker, invited_by=admin)
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [worker.email]
        link = _link_in(message)
        assert link == f"https://alongside.example.org/invitation/{invitation.token}/"
        assert "Mo Peberdy has invited you" in message.body
        assert "authenticator app" in message.body
        page = Client().get(_path(link))
        assert page.status_code == 200
        assert "Set your password" in page.content.decode()

    def test_only_a_hash_of_the_token_is_stored(self) -> None:
        invitation = invite(user=_new_worker(), invited_by=None)
        stored = Invitation.objects.values().get(pk=invitation.pk)
        assert invitation.token not in [str(v) for v in stored.values()]
        assert stored["token_hash"] == Invitation.hash_token(invitation.token)

    def test_a_person_we_support_is_invited_in_easy_read(self) -> None:
        person = PersonFactory()
        invite(user=person.user, invited_by=None)
        body = mail.outbox[0].body
        assert "Click this link to make your password" in body
        assert "Ask your service manager" in body
        page = Client().get(_path(_link_in(mail.outbox[0])))
        assert 'class="govuk-template__body alongside-easy-read"' in page.content.decode()
        assert "Make a password. Only you know it." in page.content.decode()

    def test_inviting_many_sends_one_email_each_and_records_each(self) -> None:
        users = [_new_worker() for _ in range(3)]
        admin = UserFactory()
        invite_many(users=users, invited_by=admin)
        assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
        assert sorted(_events(SecurityEvent.Kind.INVITATION_SENT)) == sorted(
            (u.pk, admin.pk) for u in users
        )


class TestAccepting:
    def test_a_staff_account_sets_a_password_then_is_held_at_authenticator_set_up(self) -> None:
        worker = _new_worker()
        invitation = invite(user=worker, invited_by=None)
        client = Client()
        response = _accept(client, reverse("accounts:invitation", args=[invitation.token]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two-factor-setup"))
        worker.refresh_from_db()
        assert worker.check_password(NEW_PASSWORD)
        # Two-factor still holds: the new password alone opens no page but the set-up.
        home = client.get(reverse("web:worker-home"))
        assert home.status_code == 302
        assert home["Location"].startswith(reverse("accounts:two-factor-setup"))
        assert "Set up two-factor sign-in" in client.get(home["Location"]).content.decode()
        assert _events(SecurityEvent.Kind.INVITATION_ACCEPTED) == [(worker.pk, None)]

    def test_a_person_we_support_goes_straight_home(self) -> None:
        person = PersonFactory()
        invitation = invite(user=person.user, invited_by=None)
        client = Client()
        response = _accept(client, reverse("accounts:invitation", args=[invitation.token]))
        assert response["Location"] == reverse("web:home")
        assert client.get(reverse("web:person-home")).status_code == 200

    def test_a_link_works_once(self) -> None:
        worker = _new_worker()
        path = reverse("accounts:invitation", args=[invite(user=worker, invited_by=None).token])
        _accept(Client(), path)
        again = _accept(Client(), path, password="another-fine-password")
        assert again.status_code == 410
        assert "Ask your organisation admin for a new invitation" in again.content.decode()
        worker.refresh_from_db()
        assert worker.check_password(NEW_PASSWORD)
        assert _events(SecurityEvent.Kind.INVITATION_REFUSED) == [(worker.pk, None)]

    def test_a_link_stops_working_after_7_days(self, clock: time_machine.Traveller) -> None:
        worker = _new_worker()
        path = reverse("accounts:invitation", args=[invite(user=worker, invited_by=None).token])
        clock.shift(timedelta(days=7, seconds=-60))
        assert Client().get(path).status_code == 200
        clock.shift(timedelta(seconds=61))
        response = _accept(Client(), path)
        assert response.status_code == 410
        assert "This invitation does not work" in response.content.decode()
        worker.refresh_from_db()
        assert not worker.has_usable_password()
        assert _events(SecurityEvent.Kind.INVITATION_REFUSED) == [(worker.pk, None)]

    def test_a_wrong_token_is_refused_plainly(self) -> None:
        response = Client().get(reverse("accounts:invitation", args=["not-a-real-token"]))
        assert response.status_code == 410
        assert "Ask your organisation admin for a new invitation" in response.content.decode()
        assert _events(SecurityEvent.Kind.INVITATION_REFUSED) == [(None, None)]

    def test_sending_again_ends_the_old_link(self) -> None:
        worker = _new_worker()
        admin = UserFactory()
        old = invite(user=worker, invited_by=admin)
        new = invite(user=worker, invited_by=admin)
        assert (
            _accept(Client(), reverse("accounts:invitation", args=[old.token])).status_code == 410
        )
        assert (
            _accept(Client(), reverse("accounts:invitation", args=[new.token])).status_code == 302
        )
        assert _events(SecurityEvent.Kind.INVITATION_RESENT) == [(worker.pk, admin.pk)]

    def test_a_weak_password_gets_plain_words_and_changes_nothing(self) -> None:
        worker = _new_worker()
        invitation = invite(user=worker, invited_by=None)
        path = reverse("accounts:invitation", args=[invitation.token])
        response = _accept(Client(), path, password="12345")
        page = response.content.decode()
        assert response.status_code == 400
        assert "Your password must be at least 8 characters long" in page
        assert "Your password cannot be only numbers. Add some letters" in page
        mismatch = _accept(Client(), path, again="river-lantern-biscuiT").content.decode()
        assert "The two passwords are not the same. Type them again" in mismatch
        worker.refresh_from_db()
        assert not worker.has_usable_password()
        assert Invitation.objects.get(pk=invitation.pk).accepted_at is None

    def test_an_ended_account_cannot_accept(self) -> None:
        worker = _new_worker()
        invitation = invite(user=worker, invited_by=None)
        User.objects.filter(pk=worker.pk).update(is_active=False)
        with pytest.raises(InvitationRefused):
            accept_invitation(token=invitation.token, password=NEW_PASSWORD)
        worker.refresh_from_db()
        assert not worker.has_usable_password()


class TestThrottling:
    @override_settings(ACCOUNT_THROTTLE_LIMIT=3)
    def test_after_too_many_wrong_links_even_a_right_one_waits(
        self, clock: time_machine.Traveller
    ) -> None:
        invitation = invite(user=_new_worker(), invited_by=None)
        right = reverse("accounts:invitation", args=[invitation.token])
        for n in range(3):
            Client().get(reverse("accounts:invitation", args=[f"guess-{n}"]))
        response = Client().get(right)
        assert response.status_code == 429
        assert (
            "Too many tries from here. Wait 15 minutes, then try again" in response.content.decode()
        )
        clock.shift(timedelta(minutes=15, seconds=1))
        assert Client().get(right).status_code == 200

    @override_settings(ACCOUNT_THROTTLE_LIMIT=3)
    def test_an_admin_sending_invitations_again_and_again_is_made_to_wait(self) -> None:
        admin = StaffMemberFactory(role=StaffMember.Role.ORG_ADMIN).user
        worker = StaffMemberFactory(
            role=StaffMember.Role.SUPPORT_WORKER, organisation=admin.staff_member.organisation
        ).user
        client = sign_in(Client(), admin)
        url = reverse("accounts:account-of", args=[worker.pk])
        for _ in range(3):
            assert client.post(url).status_code == 302
        response = client.post(url)
        assert response.status_code == 429
        assert "Too many tries from here" in response.content.decode()
        assert len(mail.outbox) == 3


def test_a_link_made_before_tokens_left_out_the_id_still_works() -> None:
    from django.conf import settings
    from django.utils.crypto import salted_hmac

    invitation = invite(user=_new_worker(), invited_by=None)
    # As rows were written before: the token had the id in front of the salt.
    old_token = salted_hmac(
        "alongside.accounts.Invitation.token",
        f"{invitation.pk}:{invitation.token_salt}",
        secret=settings.SECRET_KEY,
        algorithm="sha256",
    ).hexdigest()
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=Invitation.hash_token(old_token))
    invitation.refresh_from_db()
    assert invitation.token == old_token  # the email sent later carries the old link
    user = accept_invitation(token=old_token, password=NEW_PASSWORD)
    assert user.check_password(NEW_PASSWORD)


def test_many_invitations_each_have_their_own_working_link() -> None:
    users = [_new_worker() for _ in range(3)]
    made = invite_many(users=users, invited_by=None)
    assert len({i.token for i in made}) == 3
    for invitation in made:
        stored = Invitation.objects.get(pk=invitation.pk)
        assert stored.token_hash == Invitation.hash_token(invitation.token)
    accept_invitation(token=made[1].token, password=NEW_PASSWORD)
    assert User.objects.get(pk=users[1].pk).check_password(NEW_PASSWORD)
