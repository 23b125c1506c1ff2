"""Integration clients of the API: one token each, made and revoked by an organisation admin.

Only a hash of the token is kept: the token is shown once, when it is made. A client acts as
one member of the organisation's staff, so it asks the same policy as that person would,
and no more: its scope may narrow that to reading only.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.organisations.models import Organisation


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiClient(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "Read only"
        READ_WRITE = "read_write", "Read and write"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_clients"
    )
    name = models.CharField("what the client is", max_length=100)
    acts_as = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_clients"
    )
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.READ)
    token_hash = models.CharField(max_length=64, unique=True)
    # The token's first characters, to tell clients apart on the page (never enough to use).
    token_start = models.CharField(max_length=12)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_start}…)"

    @property
    def may_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE

    def refusal(self) -> str:
        """Why this client may not use the API now, or "" when it may."""
        if self.revoked_at is not None:
            return "This client's token was revoked. Ask your organisation admin for a new one."
        if self.expires_at <= timezone.now():
            return "This client's token has expired. Ask your organisation admin for a new one."
        if not self.acts_as.is_active:
            return "The account this client acts as is no longer active."
        return ""
