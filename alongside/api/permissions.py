from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from alongside.accounts.models import User

from .models import ApiClient


class AuthenticatedRequest(Request):
    """A request an API view answers once FollowsPolicy has let it in: every rule it asks
    refuses a signed-out caller, so `request.user` is the project's User (the account a
    client token acts as, or the signed-in browser's). The DRF twin of
    `alongside.policy.access.AuthenticatedHttpRequest`."""

    user: User


class FollowsPolicy(BasePermission):
    """Asks the one policy: the view's `policy_rule`, and `object_rule` for one record.

    A client token with read-only scope is refused every write, whatever its account may do.
    """

    message = "You may not do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.auth
        writes = request.method not in SAFE_METHODS
        if isinstance(client, ApiClient) and writes and not client.may_write:
            self.message = "This client's token may only read. Ask for a read and write one."
            return False
        return bool(request.user.has_perm(view.policy_rule))

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return bool(request.user.has_perm(view.object_rule, obj))
