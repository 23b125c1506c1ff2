"""Per-client tokens (ADR 0062): `Authorization: Bearer <token>`, looked up by its hash."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .models import ApiClient, hash_token

KEYWORDS = ("Bearer", "Token")


class ClientTokenAuthentication(authentication.BaseAuthentication):
    """A client's token. Session sign-in stays for the browser (CSRF checked there)."""

    def authenticate(self, request: Request) -> tuple[Any, ApiClient] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as: Authorization: Bearer <token>, with no spaces in the token."
            )
        client = (
            ApiClient.objects.select_related("acts_as")
            .filter(token_hash=hash_token(header[1]))
            .first()
        )
        if client is None:
            raise exceptions.AuthenticationFailed("This token is not one we know.")
        refusal = client.refusal()
        if refusal:
            raise exceptions.AuthenticationFailed(refusal)
        now = timezone.now()
        if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
            # Written at most once a minute: not a write on every request.
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return client.acts_as, client

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class ClientTokenScheme(OpenApiAuthenticationExtension):
    target_class = "alongside.api.authentication.ClientTokenAuthentication"
    name = "clientToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A client token made by your organisation admin.",
        }
