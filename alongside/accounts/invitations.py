"""Invitations: a single-use emailed link to set a password and start using Alongside.

Staff, council workers and admins then set up their authenticator app (the two-factor
middleware sends them there); people we support get their invitation in easy read, or
their service manager gives them a sign-in link in person instead.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alongside.audit.models import SecurityEvent
from alongside.audit.services import record_security_event, record_security_events

from .models import Invitation, User


class InvitationRefused(Exception):
    """The link is unknown, used already, sent again since, or expired."""


def _wants_easy_read(users: list[User], easy_read: bool | None) -> dict[int, bool]:
    """Easy read or not, for each of `users` by id (one query for them all)."""
    if easy_read is not None:
        return {u.pk: easy_read for u in users}
    from alongside.people.models import Person

    # People we support get easy read unless they are asked for otherwise.
    people: set[int] = set()
    ids = [u.pk for u in users]
    for start in range(0, len(ids), 900):  # below any database's limit on parameters
        people.update(
            Person.objects.filter(user_id__in=ids[start : start + 900]).values_list(
                "user_id", flat=True
            )
        )
    return {u.pk: bool(u.easy_read or u.pk in people) for u in users}


def invitation_link(invitation: Invitation) -> str:
    """The absolute address of the invitation, for the email (there is no request)."""
    return settings.SITE_URL + reverse("accounts:invitation", kwargs={"token": invitation.token})


def _make(user: User, invited_by: User | None, easy_read: bool) -> Invitation:
    now = timezone.now()
    salt = secrets.token_hex(32)
    return Invitation(
        user=user,
        invited_by=invited_by,
        easy_read=easy_read,
        token_salt=salt,
        token_hash=Invitation.hash_token(Invitation.token_for(salt)),
        created_at=now,
        expires_at=now + settings.INVITATION_LIFETIME,
    )


def invite_many(
    *, users: Iterable[User], invited_by: User | None, easy_read: bool | None = None
) -> list[Invitation]:
    """Invite each of `users` by email, ending any link they were sent before.

    Used by the importer for many accounts at once: a few queries whatever the number,
    and one background task sends all the emails."""
    from .tasks import send_invitations

    users = list(users)
    if not users:
        return []
    already = set(
        Invitation.objects.filter(user__in=users).values_list("user_id", flat=True).distinct()
    )
    with transaction.atomic():
        now = timezone.now()
        # Sending again ends the old link, so only the newest one works.
        Invitation.objects.filter(
            user__in=users, accepted_at__isnull=True, ended_at__isnull=True
        ).update(ended_at=now)
        wants = _wants_easy_read(users, easy_read)
        made = Invitation.objects.bulk_create(
            [_make(u, invited_by, wants[u.pk]) for u in users], batch_size=500
        )
        if any(i.pk is None for i in made):  # a database that does not return ids
            made = list(Invitation.objects.filter(user__in=users, created_at=made[0].created_at))
        # One event for each invitation, written in bulk (two queries, however many).
        for kind, again in (
            (SecurityEvent.Kind.INVITATION_SENT, False),
            (SecurityEvent.Kind.INVITATION_RESENT, True),
        ):
            record_security_events(
                kind=kind,
                user_ids=[i.user_id for i in made if (i.user_id in already) is again],
                done_by_id=invited_by.pk if invited_by else None,
            )
        send_invitations.enqueue(invitation_ids=[i.pk for i in made])
    return made


def invite(*, user: User, invited_by: User | None, easy_read: bool | None = None) -> Invitation:
    """Invite one account by email to set a password; an older link stops working.

    `easy_read` None means: easy read for people we support (and anyone who has it on)."""
    return invite_many(users=[user], invited_by=invited_by, easy_read=easy_read)[0]


def find_invitation(*, token: str) -> Invitation:
    """The usable invitation with this token; InvitationRefused (recorded) otherwise."""
    invitation = (
        Invitation.objects.select_related("user")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_usable or not invitation.user.is_active:
        record_security_event(
            kind=SecurityEvent.Kind.INVITATION_REFUSED,
            user_id=invitation.user_id if invitation else None,
        )
        raise InvitationRefused
    return invitation


def accept_invitation(*, token: str, password: str) -> User:
    """Set the invited account's password and use the link up. Raises InvitationRefused
    if the link cannot be used, or ValidationError if the password is not good enough.

    Signing in afterwards is the view's job; staff accounts are then between password and
    code until they have set up their authenticator."""
    invitation = find_invitation(token=token)  # outside the transaction: a refusal is kept
    user = invitation.user
    password_validation.validate_password(password, user)
    with transaction.atomic():
        # Used up inside the lock, so a second click or a second tab cannot use it again.
        updated = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, ended_at__isnull=True
        ).update(accepted_at=timezone.now())
        if updated != 1:
            raise InvitationRefused
        user.set_password(password)
        user.save(update_fields=["password"])
    record_security_event(kind=SecurityEvent.Kind.INVITATION_ACCEPTED, user_id=user.pk)
    return user


def end_invitations(*, user: User) -> None:
    """Stop every link the user was sent from working (their account was ended)."""
    Invitation.objects.filter(user=user, accepted_at__isnull=True, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )


def latest_invitations(user_ids: Iterable[int]) -> dict[int, Invitation]:
    """The newest invitation of each of these accounts, for the admin's list."""
    newest: dict[int, Invitation] = {}
    for invitation in Invitation.objects.filter(user_id__in=list(user_ids)).order_by(
        "user_id", "-created_at", "-pk"
    ):
        newest.setdefault(invitation.user_id, invitation)
    return newest


def password_problems(password: str, user: User | None) -> list[str]:
    """Django's password checks, said in plain words."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return [_PLAIN.get(e.code or "", " ".join(e.messages)) for e in error.error_list]
    return []


_PLAIN: dict[str, str] = {
    "password_too_short": "Your password must be at least 8 characters long",
    "password_too_common": "That password is too easy to guess. Choose a different one",
    "password_entirely_numeric": "Your password cannot be only numbers. Add some letters",
    "password_too_similar": (
        "Your password is too like your name or email address. Choose a different one"
    ),
}
