"""Signing in and out, second factors, sign-in links and account preferences."""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.audit.models import SecurityEvent
from alongside.audit.services import record_security_event, record_security_events

from .models import SignInLink, User

_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignInLinkRefused(Exception):
    """The link is unknown, used already, expired, or not for a person we support."""


def issue_sign_in_link(
    *, for_user: User, issued_by: User, lifetime: timedelta | None = None
) -> str:
    """Create a single-use sign-in link token for a person we support; returns the token.

    Staff and council accounts cannot have links: they must use two-factor sign-in.
    """
    if for_user.needs_two_factor:
        raise ValueError("Sign-in links are only for people we support.")
    token = secrets.token_urlsafe(32)
    link = SignInLink(
        user=for_user,
        token_hash=SignInLink.hash_token(token),
        issued_by=issued_by,
        expires_at=timezone.now() + (lifetime or settings.SIGN_IN_LINK_LIFETIME),
    )
    link.full_clean()
    link.save()
    return token


def use_sign_in_link(*, request: HttpRequest, token: str) -> User:
    """Sign in with a link, once. Raises SignInLinkRefused if it cannot be used."""
    with transaction.atomic():
        link = (
            SignInLink.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=SignInLink.hash_token(token))
            .first()
        )
        if link is None or not link.is_usable or not link.user.is_active:
            record_security_event(kind=SecurityEvent.Kind.SIGN_IN_LINK_REFUSED)
            raise SignInLinkRefused
        if link.user.needs_two_factor:
            record_security_event(
                kind=SecurityEvent.Kind.SIGN_IN_LINK_REFUSED, user_id=link.user.pk
            )
            raise SignInLinkRefused
        # Mark used before signing in, inside the lock, so a second click cannot race it.
        updated = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if updated != 1:
            raise SignInLinkRefused
    login(request, link.user, backend=_BACKEND)
    record_security_event(kind=SecurityEvent.Kind.SIGN_IN_LINK_USED, user_id=link.user.pk)
    return link.user


def sign_out_everywhere(*, user: User) -> None:
    """End every session the user has, on every device, including this one."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    record_security_event(kind=SecurityEvent.Kind.SIGNED_OUT_EVERYWHERE, user_id=user.pk)


def set_easy_read(*, user: User, easy_read: bool) -> User:
    """Switch easy read on or off for this user; it follows them to every device."""
    user.easy_read = easy_read
    user.save(update_fields=["easy_read"])
    return user


# --- Two-factor sign-in -----------------------------------------------------------------
# Before two-factor is passed, a session can only enter a code (or, for an account that has
# no authenticator yet, set one up). Moving to a new phone needs a code from the current
# authenticator or a recovery code; an admin's reset is the only other way, and is audited.

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"


class TwoFactorRefused(Exception):
    """A code was wrong, or the account is not in a state where this step is allowed."""


class TwoFactorWait(Exception):
    """Too many wrong codes in a row: no code is checked until `seconds` have passed."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds

    @property
    def message(self) -> str:
        unit = "second" if self.seconds == 1 else "seconds"
        return f"Too many wrong codes in a row. Wait {self.seconds} {unit}, then try again"


def _refuse_if_throttled(device: TOTPDevice | StaticDevice) -> None:
    # django-otp doubles the wait after each wrong code; say so rather than "wrong code",
    # because a right code typed too soon is refused too.
    allowed, data = device.verify_is_allowed()
    if not allowed and data and "locked_until" in data:
        wait = (data["locked_until"] - timezone.now()).total_seconds()
        raise TwoFactorWait(max(1, math.ceil(wait)))


def authenticator_of(*, user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_authenticator(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@contextmanager
def _one_at_a_time(user: User) -> Iterator[None]:
    """Two-factor steps of one user run one at a time, each reading the devices afresh.

    django-otp saves a device's whole row (its last used code, its count of wrong codes) from
    the copy it read; two requests at once could each pass a throttled guess, let a used code
    work again, or bring back a device a reset had just removed. Locking the user's row makes
    every step wait for the one before it."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()
        yield


def start_totp_setup(*, user: User, key: str | None = None) -> TOTPDevice:
    """An unconfirmed authenticator app device; confirmed once the user types a code.
    `key` is the one the set-up page showed (kept in the session, so the GET wrote nothing).

    Half-made devices of other sessions are left alone (removed when one is confirmed, or
    after a day), so setting up in two places at once does not spoil either."""
    a_day_ago = timezone.now() - timedelta(days=1)
    TOTPDevice.objects.filter(user=user, confirmed=False, created_at__lt=a_day_ago).delete()
    if key is None:
        return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False, key=key)


def verify_authenticator_code(*, user: User, code: str) -> TOTPDevice | None:
    """The user's authenticator if `code` is its current code; a failure is recorded as a
    security event. Raises TwoFactorWait while django-otp's wait after wrong codes runs."""
    with _one_at_a_time(user):
        device = authenticator_of(user=user)
        if device is not None:
            _refuse_if_throttled(device)
            if device.verify_token(code):
                return device
        record_security_event(kind=SecurityEvent.Kind.TWO_FACTOR_FAILED, user_id=user.pk)
        return None


def verify_recovery_code(*, user: User, code: str) -> StaticDevice | None:
    """The recovery-code device if `code` is one of the user's unused recovery codes.

    A recovery code works once: django-otp deletes it when it is used."""
    normalised = "".join(code.split()).lower()
    with _one_at_a_time(user):
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            _refuse_if_throttled(device)
            if normalised and device.verify_token(normalised):
                record_security_event(kind=SecurityEvent.Kind.RECOVERY_CODE_USED, user_id=user.pk)
                return device
        record_security_event(kind=SecurityEvent.Kind.TWO_FACTOR_FAILED, user_id=user.pk)
        return None


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def make_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones; returns them to show once."""
    with _one_at_a_time(user):
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    record_security_event(kind=SecurityEvent.Kind.RECOVERY_CODES_MADE, user_id=user.pk)
    return codes


def confirm_totp_device(*, device: TOTPDevice, code: str) -> bool:
    """Confirm the user's first authenticator if `code` is right.

    Refuses (TwoFactorRefused) when the user already has one: moving to a new phone
    goes through `replace_authenticator`, which asks for a code from the current one."""
    user = device.user
    with _one_at_a_time(user):
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise TwoFactorRefused("This account already has an authenticator.")
        device = TOTPDevice.objects.filter(pk=device.pk, user=user, confirmed=False).first()
        if device is None:
            raise TwoFactorRefused("This set-up was started again somewhere else.")
        _refuse_if_throttled(device)
        if not device.verify_token(code):
            record_security_event(kind=SecurityEvent.Kind.TWO_FACTOR_FAILED, user_id=user.pk)
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        record_security_event(kind=SecurityEvent.Kind.TWO_FACTOR_SET_UP, user_id=user.pk)
    return True


def replace_authenticator(
    *, user: User, new_device: TOTPDevice, current_code: str, new_code: str
) -> None:
    """Move two-factor sign-in to a new phone.

    Needs a code from the new authenticator and a code from the current one (or one of the
    user's recovery codes); only then is the old authenticator removed. The new phone's code
    is checked first, so a mistake there spends nothing: no recovery code is used up.
    Raises TwoFactorRefused ("new" or "current") or TwoFactorWait, keeping the old phone."""
    refused = ""
    with _one_at_a_time(user):
        fresh = TOTPDevice.objects.filter(pk=new_device.pk, user=user, confirmed=False).first()
        if fresh is None:
            raise TwoFactorRefused("new")
        _refuse_if_throttled(fresh)
        last_t = fresh.last_t
        if not fresh.verify_token(new_code):
            record_security_event(kind=SecurityEvent.Kind.TWO_FACTOR_FAILED, user_id=user.pk)
            refused = "new"
        else:
            # Six numbers are a code from the app; anything else is tried as a recovery code.
            proof: TOTPDevice | StaticDevice | None
            if current_code.isdigit() and len(current_code) == 6:
                proof = verify_authenticator_code(user=user, code=current_code)
            else:
                proof = verify_recovery_code(user=user, code=current_code)
            if proof is None:
                # Let the same new-phone code be typed again with the right current code.
                fresh.last_t = last_t
                fresh.save(update_fields=["last_t"])
                refused = "current"
            else:
                TOTPDevice.objects.filter(user=user).exclude(pk=fresh.pk).delete()
                fresh.confirmed = True
                fresh.save(update_fields=["confirmed"])
                record_security_event(kind=SecurityEvent.Kind.TWO_FACTOR_REPLACED, user_id=user.pk)
    # Raised after the block, so the count of wrong codes it saved is kept.
    if refused:
        raise TwoFactorRefused(refused)


def reset_two_factor(*, user: User, reset_by: User) -> None:
    """An admin's reset for someone who lost their phone and their recovery codes.

    Removes every authenticator and recovery code and ends all the user's sessions, so
    they must sign in again and set up a new authenticator. Recorded with who did it."""
    with _one_at_a_time(user):
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    record_security_event(
        kind=SecurityEvent.Kind.TWO_FACTOR_RESET, user_id=user.pk, done_by_id=reset_by.pk
    )


# --- Account life: leavers, coming back, password resets, a first organisation ----------


class AccountRefused(Exception):
    """The change cannot be made; the message says why in plain words."""


def end_account(*, user: User, by: User | None, reason: str) -> User:
    """A leaver: switch the account off and end every session it has, at once.

    Nothing they wrote is removed: the account stays, so their name stays on it. Links
    they were sent (invitations, sign-in links) stop working."""
    if not reason.strip():
        raise AccountRefused("Say why the account is ended")
    if by is not None and by.pk == user.pk:
        raise AccountRefused("You cannot end your own account")
    end_accounts(user_ids=[user.pk], by=by, reason=reason)
    user.refresh_from_db()
    return user


def end_accounts(*, user_ids: Iterable[int], by: User | None, reason: str) -> int:
    """End many leavers' accounts at once (a file brought in that marks them as left), as
    `end_account` does for one: a few queries however many. Accounts already ended are
    left as they are. Returns how many were ended."""
    from .invitations import Invitation

    now = timezone.now()
    with transaction.atomic():
        ids = list(
            User.objects.filter(pk__in=list(user_ids), is_active=True).values_list("pk", flat=True)
        )
        if not ids:
            return 0
        User.objects.filter(pk__in=ids).update(
            is_active=False,
            session_generation=F("session_generation") + 1,
            ended_at=now,
            ended_by=by,
            ended_reason=reason.strip()[:300],
        )
        Invitation.objects.filter(
            user_id__in=ids, accepted_at__isnull=True, ended_at__isnull=True
        ).update(ended_at=now)
        SignInLink.objects.filter(user_id__in=ids, used_at__isnull=True, expires_at__gt=now).update(
            expires_at=now
        )
        record_security_events(
            kind=SecurityEvent.Kind.ACCOUNT_ENDED, user_ids=ids, done_by_id=by.pk if by else None
        )
    return len(ids)


def reactivate_account(*, user: User, by: User | None) -> User:
    """Switch an ended account back on and send them a new invitation to set a password."""
    from .invitations import invite

    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(
            is_active=True, ended_at=None, ended_by=None, ended_reason=""
        )
        user.refresh_from_db()
        record_security_event(
            kind=SecurityEvent.Kind.ACCOUNT_REACTIVATED,
            user_id=user.pk,
            done_by_id=by.pk if by else None,
        )
        invite(user=user, invited_by=by)
    return user


def ask_password_reset(*, email: str) -> bool:
    """Someone asked for a reset link for `email`; it is emailed if it is an active account
    that has a password. The answer on the page is the same either way (no one learns who
    has an account), so this returns only whether an email is on its way."""
    from .tasks import send_password_reset

    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    record_security_event(
        kind=SecurityEvent.Kind.PASSWORD_RESET_ASKED, user_id=user.pk if user else None
    )
    if user is None or not user.has_usable_password():
        return False
    send_password_reset.enqueue(user_id=user.pk)
    return True


def password_was_reset(*, user: User) -> None:
    """After a reset: every other session ends. Two-factor is not passed by a reset, so
    staff still need their code when they sign in with the new password."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    record_security_event(kind=SecurityEvent.Kind.PASSWORD_RESET_DONE, user_id=user.pk)
