"""Leavers: an organisation admin ends an account; access ends on the very next request."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, timezone

from alongside.accounts.models import Invitation, User
from alongside.accounts.services import AccountRefused, end_account
from alongside.audit.models import SecurityEvent
from alongside.organisations.models import StaffMember
from alongside.people.about_me import propose_about_me_change
from tests.conftest import sign_in
from tests.factories import (
    PersonFactory,
    ServiceFactory,
    StaffMemberFactory,
    SupporterFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _admin_and_worker() -> tuple[User, User]:
    admin = StaffMemberFactory(role=StaffMember.Role.ORG_ADMIN).user
    organisation = admin.staff_member.organisation
    service = ServiceFactory(organisation=organisation)
    worker = StaffMemberFactory(
        role=StaffMember.Role.SUPPORT_WORKER, organisation=organisation, services=[service]
    ).user
    return admin, worker


def _end(client: Client, user: User, reason: str = "Left on 30 November") -> object:
    return client.post(reverse("accounts:end-account", args=[user.pk]), {"reason": reason})


def test_a_worker_whose_account_is_ended_is_refused_on_their_very_next_request() -> None:
    admin, worker = _admin_and_worker()
    worker_client = sign_in(Client(), worker)
    assert worker_client.get(reverse("web:worker-home")).status_code == 200
    response = _end(sign_in(Client(), admin), worker)
    assert response["Location"] == reverse("accounts:account-of", args=[worker.pk])  # type: ignore[index]
    refused = worker_client.get(reverse("web:worker-home"))
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("accounts:sign-in"))
    worker.refresh_from_db()
    assert not worker.is_active
    assert worker.ended_reason == "Left on 30 November"
    assert worker.ended_by == admin
    events = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.ACCOUNT_ENDED)
    assert list(events.values_list("user_id_at_time", "done_by_id_at_time")) == [
        (worker.pk, admin.pk)
    ]


def test_what_a_leaver_wrote_stays_with_their_name() -> None:
    admin, worker = _admin_and_worker()
    worker.display_name = "Jo Leaver"
    worker.save()
    person = PersonFactory(service=worker.staff_member.services.get())
    propose_about_me_change(
        person=person, part="what_matters", text="Likes swimming.", proposed_by=worker
    )
    end_account(user=worker, by=admin, reason="Left")
    page = sign_in(Client(), person.user).get(reverse("people:proposals", args=[person.pk]))
    assert "Jo Leaver suggests a change" in page.content.decode()


def test_an_ended_account_page_offers_switching_back_on_which_sends_a_new_invitation() -> None:
    admin, worker = _admin_and_worker()
    end_account(user=worker, by=admin, reason="Left by mistake")
    client = sign_in(Client(), admin)
    page = client.get(reverse("accounts:account-of", args=[worker.pk])).content.decode()
    assert "Left by mistake" in page
    assert "Switch the account back on" in page
    client.post(reverse("accounts:reactivate-account", args=[worker.pk]))
    worker.refresh_from_db()
    assert worker.is_active and worker.ended_at is None
    assert [m.to for m in mail.outbox] == [[worker.email]]
    assert Invitation.objects.get(user=worker).is_usable
    reactivated = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.ACCOUNT_REACTIVATED)
    assert list(reactivated.values_list("user_id_at_time", "done_by_id_at_time")) == [
        (worker.pk, admin.pk)
    ]


def test_ending_an_account_stops_its_waiting_invitation() -> None:
    from alongside.accounts.invitations import invite

    admin, worker = _admin_and_worker()
    invitation = invite(user=worker, invited_by=admin)
    end_account(user=worker, by=admin, reason="Did not start")
    response = Client().get(reverse("accounts:invitation", args=[invitation.token]))
    assert response.status_code == 410


def test_a_reason_is_needed_and_without_one_nothing_changes() -> None:
    admin, worker = _admin_and_worker()
    response = _end(sign_in(Client(), admin), worker, reason=" ")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Say why the account is ended" in response.content.decode()  # type: ignore[attr-defined]
    worker.refresh_from_db()
    assert worker.is_active
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.ACCOUNT_ENDED).exists()


def test_an_admin_ends_a_supporter_of_a_person_at_their_services() -> None:
    admin, worker = _admin_and_worker()
    person = PersonFactory(service=worker.staff_member.services.get())
    supporter = SupporterFactory(person=person).user
    _end(sign_in(Client(), admin), supporter)
    supporter.refresh_from_db()
    assert not supporter.is_active


def test_an_admin_cannot_end_their_own_a_superusers_or_another_organisations_account() -> None:
    admin, _ = _admin_and_worker()
    superuser = UserFactory(is_superuser=True, is_staff=True)
    StaffMemberFactory(
        user=superuser,
        organisation=admin.staff_member.organisation,
        role=StaffMember.Role.SUPPORT_WORKER,
    )
    elsewhere = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
    person = PersonFactory(service=ServiceFactory(organisation=admin.staff_member.organisation))
    client = sign_in(Client(), admin)
    for user in (admin, superuser, elsewhere, person.user):
        assert _end(client, user).status_code == 404  # type: ignore[attr-defined]
        user.refresh_from_db()
        assert user.is_active
    with pytest.raises(AccountRefused, match="You cannot end your own account"):
        end_account(user=admin, by=admin, reason="Testing")


def test_the_accounts_list_shows_each_invitation_and_whether_it_was_accepted() -> None:
    from alongside.accounts.invitations import accept_invitation, invite

    admin, worker = _admin_and_worker()
    worker.display_name = "Ada Accepted"
    worker.save()
    other = StaffMemberFactory(
        role=StaffMember.Role.SUPPORT_WORKER, organisation=admin.staff_member.organisation
    ).user
    other.display_name = "Wyn Waiting"
    other.save()
    elsewhere = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER).user
    accept_invitation(token=invite(user=worker, invited_by=admin).token, password="a-fine-pass-1")
    invite(user=other, invited_by=admin)
    page = sign_in(Client(), admin).get(reverse("accounts:accounts")).content.decode()
    rows = {
        name: state
        for name, state in re.findall(
            r'">([^<]+)</a></td>\s*<td class="govuk-table__cell">([^<]+)</td>', page
        )
    }
    today = dateformat.format(timezone.localtime(), "j M Y")
    assert rows == {
        "Ada Accepted": f"Accepted, sent {today}",
        "Wyn Waiting": f"Waiting, sent {today}",
    }
    assert elsewhere.display_name not in page
