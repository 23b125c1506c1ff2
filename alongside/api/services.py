"""Making and revoking integration clients. Only an organisation admin does either, for the
staff of their own organisation (the views ask the policy; these check the organisation)."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from alongside.organisations.models import Organisation, StaffMember

from .models import ApiClient, hash_token

if TYPE_CHECKING:
    from alongside.accounts.models import User

MOST_DAYS = 365


def create_client(
    *,
    organisation: Organisation,
    name: str,
    acts_as: User,
    scope: str,
    days: int,
    created_by: User,
) -> tuple[ApiClient, str]:
    """A new client and its token. The token is given back once and never kept: only its
    hash is stored. Raises ValidationError (nothing saved) for bad choices."""
    if not StaffMember.objects.filter(user=acts_as, organisation=organisation).exists():
        raise ValidationError({"acts_as": "Choose someone who works for your organisation."})
    if not 1 <= days <= MOST_DAYS:
        raise ValidationError({"days": f"Choose between 1 and {MOST_DAYS} days."})
    if scope not in ApiClient.Scope.values:
        raise ValidationError({"scope": "Choose read only, or read and write."})
    token = secrets.token_urlsafe(32)
    client = ApiClient(
        organisation=organisation,
        name=name.strip(),
        acts_as=acts_as,
        scope=scope,
        token_hash=hash_token(token),
        token_start=token[:8],
        created_by=created_by,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    client.full_clean()
    client.save()
    return client, token


def revoke_client(*, client: ApiClient, revoked_by: User) -> ApiClient:
    """Stop the client's token working at once. Revoking twice keeps the first time."""
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.revoked_by = revoked_by
        client.save(update_fields=["revoked_at", "revoked_by"])
    return client
