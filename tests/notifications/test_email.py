"""Email goes through a task with retries; a failure is kept with its reason, logged and
shown to the admin, never dropped."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alongside.everyday.models import Meeting, MeetingAction
from alongside.everyday.notifications import late_actions
from alongside.notifications import services
from alongside.notifications.models import OutgoingEmail
from alongside.organisations.models import StaffMember
from tests.conftest import SignedInClient
from tests.factories import PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

FAILING = "tests.notifications.test_email.RefusingBackend"
FLAKY = "tests.notifications.test_email.FlakyBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("the mail server refused the connection")


class FlakyBackend(BaseEmailBackend):
    """A mail server that is down for the first try only."""

    tries = 0

    def send_messages(self, email_messages: Any) -> int:
        FlakyBackend.tries += 1
        if FlakyBackend.tries == 1:
            raise TimeoutError("timed out")
        mail.outbox.extend(email_messages)
        return len(email_messages)


def test_an_email_is_kept_then_sent_by_the_task() -> None:
    email = services.send_email(
        to="sam@example.org",
        subject="Hello",
        body="Plain words",
        html_body="<p>Plain words</p>",
        kind="test",
    )
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attempts == 1
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]
    sent = mail.outbox[0]
    assert isinstance(sent, EmailMultiAlternatives)
    assert sent.alternatives[0][0] == "<p>Plain words</p>"


def test_an_email_that_keeps_failing_is_tried_four_times_then_kept_as_failed_and_logged(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = FAILING
    with caplog.at_level(logging.WARNING, logger="alongside.notifications.services"):
        email = services.send_email(to="sam@example.org", subject="Hi", body="B", kind="test")
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert email.attempts == services.ATTEMPTS == 4
    assert email.reason == "ConnectionRefusedError: the mail server refused the connection"
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "failed after 4 tries" in errors[0].getMessage()
    assert not mail.outbox


def test_an_email_that_fails_once_is_sent_on_the_next_try(settings: Any) -> None:
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.tries = 0
    email = services.send_email(to="sam@example.org", subject="Hi", body="B", kind="test")
    email.refresh_from_db()
    assert (email.status, email.attempts, email.reason) == (OutgoingEmail.Status.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_a_failed_try_is_queued_again_after_a_wait_that_grows(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = FAILING
    email = services.send_email(to="sam@example.org", subject="Hi", body="B", kind="test")
    assert DBTaskResult.objects.count() == 1  # queued, not sent in the request
    waits = []
    for _ in range(3):
        before = timezone.now()
        services.deliver(email_id=email.pk)
        newest = DBTaskResult.objects.order_by("-enqueued_at").first()
        assert newest is not None
        waits.append(round((newest.run_after - before).total_seconds() / 60))
    assert waits == [1, 5, 30]
    services.deliver(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert DBTaskResult.objects.count() == 4  # no fifth try
    services.deliver(email_id=email.pk)  # a stray second run changes nothing
    email.refresh_from_db()
    assert email.attempts == 4


def test_the_late_action_email_links_to_the_site_from_site_url(settings: Any) -> None:
    settings.SITE_URL = "https://alongside.example.org"
    person = PersonFactory()
    manager = StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[person.service])
    meeting = Meeting.objects.create(
        person=person, on=timezone.localdate(), how_often="weekly", with_whom="Sam"
    )
    MeetingAction.objects.create(
        person=person,
        meeting=meeting,
        what="Book the dentist",
        who="Sam",
        by_when=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert late_actions(today=timezone.localdate()) == 1
    sent = OutgoingEmail.objects.get()
    assert sent.to == manager.user.email
    assert sent.kind == "late_action"
    assert sent.organisation_id == manager.organisation_id
    link = "https://alongside.example.org" + reverse("everyday:meetings", args=[person.pk])
    assert f"See it in Alongside: {link}\n" in mail.outbox[0].body


def test_the_admin_sees_their_organisations_failed_emails_with_the_reason(
    settings: Any,
    signed_in_client: SignedInClient,
) -> None:
    settings.EMAIL_BACKEND = FAILING
    worker = StaffMemberFactory()
    other_org_worker = StaffMemberFactory()
    admin = StaffMemberFactory(organisation=worker.organisation, role="org_admin")
    services.send_email(to=worker.user.email, subject="Your shifts", body="B", kind="test")
    services.send_email(to=other_org_worker.user.email, subject="Not ours", body="B", kind="t")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.send_email(to=worker.user.email, subject="Sent fine", body="B", kind="test")
    page = signed_in_client(admin.user).get(reverse("notifications:failed-emails"))
    text = page.content.decode()
    assert "Your shifts" in text
    assert "ConnectionRefusedError: the mail server refused the connection" in text
    assert "Not ours" not in text
    assert "Sent fine" not in text


def test_an_invitation_email_is_sent_through_the_queue_and_its_link_is_not_kept_once_sent() -> None:
    from alongside.accounts.invitations import invite

    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER)
    admin = StaffMemberFactory(role=StaffMember.Role.ORG_ADMIN, organisation=worker.organisation)

    invite(user=worker.user, invited_by=admin.user)

    email = OutgoingEmail.objects.get(kind="invitation")
    assert email.status == OutgoingEmail.Status.SENT
    assert email.to == worker.user.email
    assert email.body == ""  # the link in it lets someone in: kept only in the inbox
    assert "/invitation/" in mail.outbox[-1].body
