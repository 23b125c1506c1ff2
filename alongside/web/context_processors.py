from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "easy_read": bool(user is not None and user.is_authenticated and user.easy_read),
        "alongside_demo": settings.ALONGSIDE_DEMO,
    }
