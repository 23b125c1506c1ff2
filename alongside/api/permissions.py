from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class FollowsPolicy(BasePermission):
    """Asks the one policy: the view's `policy_rule`, and `object_rule` for one record."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user.has_perm(view.policy_rule))

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return bool(request.user.has_perm(view.object_rule, obj))
