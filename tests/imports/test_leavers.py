"""A staff row that says the worker has left closes their account and ends their sessions."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from alongside.accounts.models import User
from alongside.accounts.services import end_accounts
from alongside.audit.models import SecurityEvent
from tests.conftest import sign_in

from .helpers import SERVICE_HEADINGS, STAFF_HEADINGS, bring_in_file, service_row, staff_row


def test_a_worker_marked_as_left_is_signed_out_and_cannot_come_back(
    provider: Any, admin: Any
) -> None:
    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1")])
    bring_in_file(provider, "staff", [STAFF_HEADINGS, staff_row("P1")], by=admin)
    worker = User.objects.get(email="p1@example.org")
    client = sign_in(Client(), worker)
    assert client.get(reverse("web:worker-home")).status_code == 200

    run = bring_in_file(provider, "staff", [STAFF_HEADINGS, staff_row("P1", left="yes")], by=admin)

    assert (run.changed, run.unchanged) == (1, 0)
    worker.refresh_from_db()
    assert (worker.is_active, worker.session_generation) == (False, 1)
    assert worker.ended_reason == "Marked as left in a file brought in"
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.ACCOUNT_ENDED,
        user_id_at_time=worker.pk,
        done_by_id_at_time=admin.pk,
    ).exists()
    answer = client.get(reverse("web:worker-home"))
    assert answer.status_code == 302 and reverse("accounts:sign-in") in answer["Location"]
    # The same file again: they have already left, so nothing changes.
    again = bring_in_file(provider, "staff", [STAFF_HEADINGS, staff_row("P1", left="yes")])
    assert (again.changed, again.unchanged) == (0, 1)
    worker.refresh_from_db()
    assert worker.session_generation == 1


def test_ending_access_leaves_accounts_already_closed_as_they_are(admin: Any) -> None:
    closed = User.objects.create_user("gone@example.org", display_name="Gone", is_active=False)
    assert end_accounts(user_ids=[admin.pk, closed.pk], by=None, reason="Left") == 1
    admin.refresh_from_db()
    closed.refresh_from_db()
    assert (admin.is_active, admin.session_generation) == (False, 1)
    assert (closed.is_active, closed.session_generation) == (False, 0)


def test_staff_and_supporters_brought_in_are_sent_an_invitation_and_a_leaver_is_not(
    provider: Any, admin: Any
) -> None:
    from django.core import mail

    from alongside.accounts.models import Invitation

    bring_in_file(provider, "services", [SERVICE_HEADINGS, service_row("S-1")])
    bring_in_file(
        provider,
        "staff",
        [STAFF_HEADINGS, staff_row("P1"), staff_row("P2", left="yes")],
        by=admin,
    )
    invited = set(Invitation.objects.values_list("user__email", flat=True))
    assert invited == {"p1@example.org"}
    assert [m.to for m in mail.outbox] == [["p1@example.org"]]
    assert "/invitation/" in mail.outbox[0].body
