"""`manage.py create_organisation`: a provider or council, and its first admin, from nothing."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from alongside.accounts.models import Invitation, User
from alongside.audit.models import SecurityEvent
from alongside.organisations.models import Organisation, Region, StaffMember

pytestmark = pytest.mark.django_db


def _create(**overrides: str) -> None:
    options = {
        "name": "Riverside Support",
        "kind": "provider",
        "admin_email": "Mo@Riverside.example",
        "admin_name": "Mo Peberdy",
    }
    options.update(overrides)
    call_command(
        "create_organisation", *[f"--{k.replace('_', '-')}={v}" for k, v in options.items()]
    )


def _counts() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        User.objects.count(),
        Invitation.objects.count(),
        len(mail.outbox),
    )


@override_settings(SITE_URL="https://alongside.example.org")
def test_on_an_empty_database_it_makes_the_organisation_its_admin_and_an_invitation() -> None:
    assert _counts() == (0, 0, 0, 0)
    _create()
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.kind) == ("Riverside Support", "provider")
    assert list(
        Region.objects.filter(organisation=organisation).values_list("name", flat=True)
    ) == ["Main region"]
    admin = User.objects.get()
    assert (admin.email, admin.display_name, admin.is_staff, admin.is_superuser) == (
        "mo@riverside.example",
        "Mo Peberdy",
        True,
        False,
    )
    assert not admin.has_usable_password()
    assert admin.staff_member.role == StaffMember.Role.ORG_ADMIN
    assert admin.staff_member.organisation == organisation
    (message,) = mail.outbox
    assert message.to == ["mo@riverside.example"]
    assert "for Riverside Support" in message.body
    link = re.search(r"https://alongside\.example\.org/invitation/\w+/", str(message.body))
    assert link is not None
    assert (
        Client().get(link.group(0).removeprefix("https://alongside.example.org")).status_code == 200
    )
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.INVITATION_SENT, user_id_at_time=admin.pk
    ).exists()


def test_a_council_has_no_region() -> None:
    _create(name="Northshire Council", kind="council")
    assert Organisation.objects.get().kind == "council"
    assert not Region.objects.exists()


def test_a_second_run_with_the_same_name_is_refused_and_changes_nothing() -> None:
    _create()
    before = _counts()
    with pytest.raises(
        CommandError, match="There is already an organisation called 'riverside support'"
    ):
        _create(name="riverside support", admin_email="someone@else.example")
    assert _counts() == before


def test_an_email_already_in_use_is_refused_and_changes_nothing() -> None:
    _create()
    before = _counts()
    with pytest.raises(
        CommandError,
        match=re.escape("The email address mo@riverside.example is already used by another"),
    ):
        _create(name="Hillside Care", admin_email="MO@riverside.example")
    assert _counts() == before


def test_a_wrong_email_is_refused_in_plain_words() -> None:
    with pytest.raises(
        CommandError,
        match=re.escape("'mo@' is not an email address. Use one like name@example.org. Nothing"),
    ):
        _create(admin_email="mo@")
    assert _counts() == (0, 0, 0, 0)
