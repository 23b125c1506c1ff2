"""A small counter in the cache for pages that are not sign-in (axes guards sign-in).

Accepting an invitation, asking for a password reset and sending invitations each allow
`ACCOUNT_THROTTLE_LIMIT` tries per place (or per admin) in `ACCOUNT_THROTTLE_WINDOW`, then
say "wait" until the window has passed. The window starts at the first try.

Known limit: no CACHES setting is made, so this is Django's default per-process memory
cache. With gunicorn's 3 workers each keeps its own count (up to 3 times the limit) and a
restart forgets them. A shared cache (the database cache, with `createcachetable` in the
deploy steps, or Redis) would make the limit exact; the API's throttles share the same
cache and the same limit."""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _key(kind: str, who: str) -> str:
    return f"alongside:throttle:{kind}:{who}"


def place_of(request: HttpRequest) -> str:
    """Where a request comes from (the address axes uses too)."""
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def wait_seconds(*, kind: str, who: str) -> int:
    """Seconds to wait before another try is allowed; 0 when a try is allowed now."""
    found = cache.get(_key(kind, who))
    if not found:
        return 0
    count, started = found
    window = settings.ACCOUNT_THROTTLE_WINDOW.total_seconds()
    left = started + window - time.time()
    if left <= 0:
        cache.delete(_key(kind, who))
        return 0
    return math.ceil(left) if count >= settings.ACCOUNT_THROTTLE_LIMIT else 0


def count_try(*, kind: str, who: str) -> None:
    """Count one try (a refused link, a wrong form, an email sent)."""
    window = settings.ACCOUNT_THROTTLE_WINDOW.total_seconds()
    key = _key(kind, who)
    count, started = cache.get(key) or (0, time.time())
    if started + window <= time.time():
        count, started = 0, time.time()
    cache.set(key, (count + 1, started), timeout=math.ceil(window))


def wait_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many tries from here. Wait {minutes} {unit}, then try again"
