"""Sign-in events go to the security log, by user id only."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from alongside.audit.models import SecurityEvent
from alongside.audit.services import record_security_event


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_security_event(kind=SecurityEvent.Kind.SIGNED_IN, user_id=user.pk)


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_security_event(kind=SecurityEvent.Kind.SIGNED_OUT, user_id=getattr(user, "pk", None))


@receiver(user_login_failed)
def _sign_in_failed(sender: Any, credentials: Any, request: Any = None, **kwargs: Any) -> None:
    # The email typed is personal data and may not even be an account: not logged.
    record_security_event(kind=SecurityEvent.Kind.SIGN_IN_FAILED)


@receiver(user_locked_out)
def _locked_out(sender: Any, request: Any = None, **kwargs: Any) -> None:
    record_security_event(kind=SecurityEvent.Kind.LOCKED_OUT)
