"""Logs refused accesses: a 403, or a 404 on a page about a record (which may be a refusal
answered as "not found" so that no one learns a record exists)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .models import SecurityEvent
from .services import record_security_event


class RefusedAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if response.status_code in (403, 404) and match is not None and match.kwargs:
            user = getattr(request, "user", None)
            record_security_event(
                kind=SecurityEvent.Kind.ACCESS_REFUSED,
                user_id=user.pk if user is not None and user.is_authenticated else None,
                path_name=match.view_name or "",
            )
        return response
