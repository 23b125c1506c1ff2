"""An address under /api/ that matches no endpoint (`/api/people/abc/`, say) answers as the
API's own refusals do, `{"detail": "..."}` as JSON, not the site's HTML page: the OpenAPI
schema documents a 404 of that shape, and a client reads it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

API_PREFIX = "/api/"


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": "There is nothing at this address."}, status=404)
    return defaults.page_not_found(request, exception)
