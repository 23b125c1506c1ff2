"""Invitations, forgotten passwords and leavers (issue 13) × every role."""

from __future__ import annotations

from typing import Any

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alongside.accounts.invitations import invite
from tests.world import World

from .answers import MISSING, NONE, NOT_ALLOWED, OK, Kwargs, everyone, only, role_page


def _invitation(w: World) -> dict[str, Any]:
    return {"token": invite(user=w.person.user, invited_by=w.users["org_admin"]).token}


def _wrong_reset_link(w: World) -> dict[str, Any]:
    # A link that does not work: the page says so, to anyone (a working one is tested in
    # tests/accounts/test_passwords.py).
    return {"uidb64": urlsafe_base64_encode(force_bytes(w.person.user.pk)), "token": "a-b"}


def _worker(w: World) -> dict[str, Any]:
    return {"user_id": w.users["worker_in_service"].pk}


EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    # Public: reached from an email, signed in or not.
    "accounts:invitation": (_invitation, everyone(OK)),
    "accounts:password-reset": (NONE, everyone(OK)),
    "accounts:password-reset-sent": (NONE, everyone(OK)),
    "accounts:password-reset-confirm": (_wrong_reset_link, everyone(OK)),
    "accounts:password-reset-done": (NONE, everyone(OK)),
    # The organisation admin's pages; another organisation's account answers as missing.
    "accounts:accounts": (NONE, role_page("org_admin")),
    "accounts:account-of": (_worker, only({"org_admin": OK}, MISSING)),
    "accounts:end-account": (_worker, only({"org_admin": OK}, MISSING)),
    # Switching back on is a button (POST).
    "accounts:reactivate-account": (_worker, only({"org_admin": NOT_ALLOWED}, MISSING)),
}
