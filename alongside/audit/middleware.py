"""Logs refused accesses: a 403, or a 404 on a page about a record (which may be a refusal
answered as "not found" so that no one learns a record exists); and who looked at whom."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .models import SecurityEvent
from .reads import UNNAMED_PAGE, start_collecting, stop_collecting
from .services import record_security_event, record_views


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


class RecordViewsMiddleware:
    """Writes "who looked" for every person a request read (see `alongside.audit.reads`).

    Only answers that show something (2xx) are logged: a refusal shows nothing, and a
    form that saves and sends the user on is a change, logged as one by its service.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reads, token = start_collecting()
        try:
            response = self.get_response(request)
        finally:
            stop_collecting(token)
        user = getattr(request, "user", None)
        if reads.pages and 200 <= response.status_code < 300 and user and user.is_authenticated:
            page = _page_of(request)
            record_views(
                viewer=user,
                pages={pk: named or page for pk, named in reads.pages.items()},
            )
        return response


def _page_of(request: HttpRequest) -> str:
    """The plain words the view gives itself (`audit_page`), for the person to read."""
    match = getattr(request, "resolver_match", None)
    func = getattr(match, "func", None)
    view_class = getattr(func, "view_class", None) or getattr(func, "cls", None)
    return getattr(view_class, "audit_page", "") or UNNAMED_PAGE
