"""Team pages × every role."""

from __future__ import annotations

from typing import Any

from tests.factories import ChangeRequestFactory, StaffMemberFactory
from tests.world import World

from .answers import MISSING, NONE, OK, PERSON, Kwargs, only, role_page


def _worker(w: World) -> dict[str, Any]:
    worker = StaffMemberFactory(organisation=w.provider, services=[w.service])
    return {"person_id": w.person.pk, "worker_id": worker.pk}


def _change_request(w: World) -> dict[str, Any]:
    worker = StaffMemberFactory(organisation=w.provider, services=[w.service])
    return {"request_id": ChangeRequestFactory(person=w.person, worker=worker).pk}


EXPECTED: dict[str, tuple[Kwargs, dict[str, int]]] = {
    # Team choices are the `my_team` part: by default shared with the manager only.
    "team:my-team": (
        PERSON,
        only({"person": OK, "supporter_with_scope": OK, "service_manager": OK}, MISSING),
    ),
    "team:choose": (_worker, only({"person": OK}, MISSING)),
    "team:what-i-look-for": (PERSON, only({"person": OK}, MISSING)),
    "team:ask-for-change": (
        PERSON,
        only({"person": OK, "supporter_with_scope": OK}, MISSING),
    ),
    "team:change-requests": (NONE, role_page("service_manager")),
    "team:change-request": (_change_request, only({"service_manager": OK}, MISSING)),
}
