"""Building blocks for the permission matrix: expected answers and URL arguments.

Domain apps describe their URLs in `tests/policy/matrix_<app>.py` with these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.world import ROLES, World

OK, REDIRECT, FORBIDDEN, MISSING, NOT_ALLOWED, BAD_REQUEST = 200, 302, 403, 404, 405, 400


def everyone(status: int, **overrides: int) -> dict[str, int]:
    answers = {role: status for role in ROLES}
    answers.update(overrides)
    return answers


def only(allowed: dict[str, int], otherwise: int, anonymous: int = REDIRECT) -> dict[str, int]:
    answers = everyone(otherwise, anonymous=anonymous)
    answers.update(allowed)
    return answers


def role_page(*roles: str) -> dict[str, int]:
    return only({r: OK for r in roles}, FORBIDDEN)


# Who may see person A's record at all (the basic record page).
SEES_PERSON = [
    "person",
    "supporter_with_scope",
    "supporter_without_scope",
    "worker_in_service",
    "service_manager",
    "council_worker",
]
SEES_SERVICE = ["worker_in_service", "service_manager", "quality_lead"]

Kwargs = Callable[[World], dict[str, Any]]
NONE: Kwargs = lambda w: {}  # noqa: E731
PERSON: Kwargs = lambda w: {"person_id": w.person.pk}  # noqa: E731
SERVICE: Kwargs = lambda w: {"service_id": w.service.pk}  # noqa: E731
API_PERSON: Kwargs = lambda w: {"pk": w.person.pk}  # noqa: E731
API_SERVICE: Kwargs = lambda w: {"pk": w.service.pk}  # noqa: E731
