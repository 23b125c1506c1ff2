"""Telling people: a message in "My messages" (`notify`), also by email to those who chose
it, and sending email through a background task, with retries (ADR 0005).

Every email goes through `send_email`: a row is kept for it, and a task sends it, trying
again with a growing wait, then keeps it as failed with the reason for an admin to see.
Nothing is sent with fail_silently.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import User
from alongside.background import enqueue_after
from alongside.organisations.models import StaffMember
from alongside.people.models import Person
from alongside.saving import set_history_user

from .kinds import KINDS, Kind
from .models import EmailChoice, Notification, OutgoingEmail
from .selectors import reads_easy_read, wants_email

logger = logging.getLogger(__name__)

# The wait before each try again: four tries in all over about three quarters of an hour.
RETRY_WAITS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
)
ATTEMPTS = len(RETRY_WAITS) + 1


def _organisation_id_of(email: str) -> int | None:
    staff = StaffMember.objects.filter(user__email__iexact=email).values("organisation_id")
    found = staff.first()
    if found:
        return int(found["organisation_id"])
    person = Person.objects.filter(user__email__iexact=email).values("service__organisation_id")
    row = person.first()
    return int(row["service__organisation_id"]) if row else None


def absolute(link: str) -> str:
    """A link in an email: absolute, from SITE_URL (the reader is not on the site)."""
    if link.startswith(("http://", "https://")):
        return link
    return f"{settings.SITE_URL.rstrip('/')}/{link.lstrip('/')}"


# Emails whose link signs someone in or sets a password.
SECRET_KINDS = frozenset({"invitation", "password_reset"})


def send_email(
    *, to: str, subject: str, body: str, html_body: str | None = None, kind: str
) -> OutgoingEmail:
    """Keep the email and queue sending it; returns at once.

    In the caller's transaction: if that is rolled back, no email is kept or sent.
    """
    email = OutgoingEmail.objects.create(
        to=to,
        subject=subject,
        body=body,
        html_body=html_body or "",
        kind=kind,
        organisation_id=_organisation_id_of(to),
    )
    from .tasks import deliver_email  # the task module imports these services

    deliver_email.enqueue(email_id=email.pk)
    return email


def deliver(*, email_id: int) -> OutgoingEmail | None:
    """Try to send one waiting email (the task's body). Safe to run twice: an email that is
    not waiting is left alone. A failure is tried again after a wait, up to ATTEMPTS tries,
    then kept as failed with the reason and logged."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != OutgoingEmail.Status.QUEUED:
            return email
        email.attempts += 1
        email.last_tried_at = timezone.now()
        message = EmailMultiAlternatives(
            subject=email.subject, body=email.body, from_email=None, to=[email.to]
        )
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        try:
            message.send(fail_silently=False)
        except Exception as error:
            email.reason = f"{type(error).__name__}: {error}"
            if email.attempts >= ATTEMPTS:
                email.status = OutgoingEmail.Status.FAILED
                logger.error(
                    "Email %s (%s) to %s failed after %s tries: %s",
                    email.pk,
                    email.kind,
                    email.to,
                    email.attempts,
                    email.reason,
                )
            email.save()
        else:
            email.status = OutgoingEmail.Status.SENT
            email.sent_at = timezone.now()
            email.reason = ""
            if email.kind in SECRET_KINDS:
                # Its link lets someone in: once sent, it is kept nowhere but the inbox.
                email.body = email.html_body = ""
            email.save()
            return email
    if email.status == OutgoingEmail.Status.QUEUED:
        from .tasks import deliver_email

        logger.warning(
            "Email %s failed (try %s), trying again: %s", email.pk, email.attempts, email.reason
        )
        enqueue_after(deliver_email, delay=RETRY_WAITS[email.attempts - 1], email_id=email.pk)
        email.refresh_from_db()
    return email


def notify(*, users: Iterable[Any], kind: Kind | str, text: str, link: str) -> list[Notification]:
    """Store one message per user in "My messages", and email it (queued, with retries) to
    each who chose this kind by email. Messages carry no more than the reader may already
    see; the email's links are absolute (SITE_URL), and the person we support (or anyone
    who chose easy read) gets the easy-read email."""
    kind = Kind(kind)
    notes = Notification.objects.bulk_create(
        [Notification(user=u, kind=kind, text=text, link=link) for u in users]
    )
    for note in notes:
        user = note.user
        if user.email and user.is_active and wants_email(user=user, kind=kind):
            send_email(to=user.email, kind=kind.value, **message_email(note=note))
    return notes


def message_email(*, note: Notification) -> dict[str, str]:
    """The subject and body of the email for one message, in easy read for those who read it."""
    info = KINDS[note.kind]
    easy = reads_easy_read(user=note.user)
    context = {
        "name": note.user.display_name,
        "text": note.text,
        "link": absolute(note.link or reverse("everyday:notifications")),
        "choose_link": absolute(reverse("notifications:how-we-tell-you")),
        "info": info,
        "label": Kind(note.kind).label,
    }
    template = "notifications/email/message_easy.txt" if easy else "notifications/email/message.txt"
    subject = f"Alongside: {info.easy_read if easy else Kind(note.kind).label}"
    return {"subject": subject, "body": render_to_string(template, context).strip() + "\n"}


def choose_email_kinds(*, user: User, by_email: Iterable[str], kinds: Iterable[str]) -> None:
    """Save which of `kinds` (those the page asked about) come to `user` by email: those in
    `by_email`, and not the others. The history keeps each change. Raises ValueError for a
    kind we do not know (nothing is saved)."""
    asked = [str(k) for k in kinds]
    chosen = {str(k) for k in by_email}
    unknown = (chosen | set(asked)) - set(KINDS)
    if unknown:
        raise ValueError(f"Not kinds of message we know: {sorted(unknown)}")
    with transaction.atomic():
        existing = {c.kind: c for c in EmailChoice.objects.select_for_update().filter(user=user)}
        for kind in asked:
            wanted = kind in chosen
            choice = existing.get(kind) or EmailChoice(user=user, kind=kind, by_email=wanted)
            if choice.pk is not None and choice.by_email == wanted:
                continue
            if choice.pk is None and wanted == KINDS[kind].by_email_at_first:
                # Saying the default again is no change (and keeps the default if it moves).
                continue
            choice.by_email = wanted
            set_history_user(choice, user)
            choice.full_clean()
            choice.save()
