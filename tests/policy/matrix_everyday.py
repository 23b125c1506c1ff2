"""Everyday pages × every role. Person A (w.person) shares `today` with their team and
manager (the starting choice), and with the supporter with scope by name."""

from __future__ import annotations

import datetime
from typing import Any

from alongside.everyday.models import Meeting, Suggestion
from tests.world import World

from .answers import (
    API_PERSON,
    FORBIDDEN,
    MISSING,
    NONE,
    OK,
    PERSON,
    REDIRECT,
    SERVICE,
    Kwargs,
    everyone,
    only,
    role_page,
)


def _suggestion(w: World) -> dict[str, Any]:
    return {"suggestion_id": Suggestion.objects.create(service=w.service, text="A garden").pk}


def _meeting(w: World) -> dict[str, Any]:
    # The API's action row may have made this meeting already (the leak test makes every row
    # in one world).
    meeting, _ = Meeting.objects.get_or_create(
        person=w.person,
        on=datetime.date(2026, 12, 1),
        defaults={"how_often": "weekly", "with_whom": "Sam"},
    )
    return {"person_id": w.person.pk, "meeting_id": meeting.pk}


JOINS_MEETINGS = {
    r: OK for r in ["person", "supporter_with_scope", "worker_in_service", "service_manager"]
}

CONNECTED_TO_SERVICE = [
    "person",
    "supporter_with_scope",
    "supporter_without_scope",
    "worker_in_service",
    "service_manager",
]

EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "everyday:handover": (
        NONE,
        role_page("worker_in_service", "worker_out_of_service", "service_manager"),
    ),
    "everyday:check-in": (PERSON, only({"person": OK, "worker_in_service": OK}, MISSING)),
    "everyday:patterns": (
        PERSON,
        only(
            {
                "person": OK,
                "supporter_with_scope": OK,
                "worker_in_service": OK,
                "service_manager": OK,
            },
            MISSING,
        ),
    ),
    "everyday:meetings": (PERSON, only(JOINS_MEETINGS, MISSING)),
    "everyday:meeting": (_meeting, only(JOINS_MEETINGS, MISSING)),
    "everyday:suggest": (
        NONE,
        only(
            {r: OK for r in [*CONNECTED_TO_SERVICE, "other_person", "worker_out_of_service"]},
            FORBIDDEN,
        ),
    ),
    "everyday:my-ideas": (
        NONE,
        only(
            {r: OK for r in [*CONNECTED_TO_SERVICE, "other_person", "worker_out_of_service"]},
            FORBIDDEN,
        ),
    ),
    "everyday:notifications": (NONE, everyone(OK, anonymous=REDIRECT)),
    "everyday:response-times": (NONE, role_page("service_manager", "quality_lead")),
    "everyday:suggestions": (NONE, role_page("service_manager")),
    "everyday:suggestion": (_suggestion, only({"service_manager": OK}, MISSING)),
    "everyday:you-said-we-did": (SERVICE, only({r: OK for r in CONNECTED_TO_SERVICE}, MISSING)),
    # The API asks the same rules; anonymous callers are refused before anything is looked up.
    "api:person-check-ins": (
        API_PERSON,
        only(
            {
                "person": OK,
                "supporter_with_scope": OK,
                "worker_in_service": OK,
                "service_manager": OK,
            },
            MISSING,
            FORBIDDEN,
        ),
    ),
    "api-you-said-we-did": (
        SERVICE,
        only({r: OK for r in CONNECTED_TO_SERVICE}, MISSING, FORBIDDEN),
    ),
    "api:suggestion-list": (NONE, only({"service_manager": OK}, FORBIDDEN, FORBIDDEN)),
    "api:suggestion-detail": (
        lambda w: {"pk": _suggestion(w)["suggestion_id"]},
        only({"service_manager": OK}, FORBIDDEN, FORBIDDEN),
    ),
}
